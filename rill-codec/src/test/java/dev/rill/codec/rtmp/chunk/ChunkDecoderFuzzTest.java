package dev.rill.codec.rtmp.chunk;

import static dev.rill.codec.rtmp.chunk.ChunkTestSupport.concat;
import static dev.rill.codec.rtmp.chunk.ChunkTestSupport.hex;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.rill.codec.ErrorCode;
import dev.rill.codec.RillException;
import dev.rill.codec.rtmp.RtmpMessage;
import dev.rill.codec.rtmp.chunk.ChunkTestSupport.Decoded;
import dev.rill.testing.FuzzInput;
import dev.rill.testing.SeedCorpus;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The chunk decoder on arbitrary bytes cut into reads at fuzzer-chosen points: it produces messages
 * or fails with one of its RillException codes, never anything else; every buffer it allocated is
 * released; the cuts change nothing (the same messages and the same failure as one read); and the
 * messages, written again by the ChunkEncoder, decode to themselves. Seeded with the vector tables.
 */
class ChunkDecoderFuzzTest {
    /** The default limits, with fewer chunk streams so that limit is reached too. */
    private static final ChunkLimits LIMITS = new ChunkLimits(65536, 1 << 20, 16);

    record Outcome(List<Decoded> messages, ErrorCode failure) {
    }

    @FuzzTest(maxDuration = "10m")
    void decode(FuzzedDataProvider data) {
        FuzzInput input = FuzzInput.from(data);
        Outcome cut = run(input.fragments());
        if (input.cuts().length > 0) {
            assertThat(run(List.of(input.bytes()))).as("the same bytes in one read").isEqualTo(cut);
        }
        if (cut.failure() == null && !cut.messages().isEmpty()) {
            assertThat(run(List.of(reencode(cut.messages()))).messages()).as("decoded after re-encoding")
                    .isEqualTo(cut.messages());
        }
    }

    private static Outcome run(List<byte[]> reads) {
        TrackingAllocator alloc = new TrackingAllocator();
        EmbeddedChannel ch = new EmbeddedChannel();
        ch.config().setAllocator(alloc);
        ch.pipeline().addLast(new ChunkDecoder(LIMITS));
        List<Decoded> messages = new ArrayList<>();
        ErrorCode failure = null;
        try {
            for (byte[] read : reads) {
                ch.writeInbound(Unpooled.wrappedBuffer(read));
                messages.addAll(drain(ch));
            }
        } catch (RillException e) {
            assertThat(e.code()).as("code of %s", e).isIn(ErrorCode.CHUNK_INVALID, ErrorCode.CHUNK_SIZE_INVALID,
                    ErrorCode.MESSAGE_TOO_LARGE, ErrorCode.TOO_MANY_CHUNK_STREAMS, ErrorCode.MESSAGE_INVALID);
            assertThat(e.getMessage()).as("message").isNotBlank();
            failure = e.code();
        } finally {
            messages.addAll(drain(ch));
            ch.finishAndReleaseAll();
        }
        assertThat(alloc.unreleased()).as("buffers the decoder allocated and nobody released").isZero();
        return new Outcome(messages, failure);
    }

    private static List<Decoded> drain(EmbeddedChannel ch) {
        List<Decoded> result = new ArrayList<>();
        for (Object o; (o = ch.readInbound()) != null; ) {
            RtmpMessage m = (RtmpMessage) o;
            try {
                assertThat(m.payload().readableBytes()).as("payload length").isLessThanOrEqualTo(LIMITS.maxMessageSize());
                assertThat(m.timestamp()).as("timestamp").isBetween(0L, 0xFFFFFFFFL);
                result.add(Decoded.of(m.chunkStreamId(), m.typeId(), m.timestamp(), m.streamId(),
                        ByteBufUtil.getBytes(m.payload())));
            } finally {
                m.release();
            }
        }
        return result;
    }

    private static byte[] reencode(List<Decoded> messages) {
        RtmpMessage[] out = new RtmpMessage[messages.size()];
        for (int i = 0; i < out.length; i++) {
            Decoded d = messages.get(i);
            out[i] = new RtmpMessage(d.csid(), d.typeId(), d.timestamp(), d.streamId(),
                    Unpooled.wrappedBuffer(hex(d.payloadHex())));
        }
        return ChunkTestSupport.encode(out);
    }

    static Map<String, byte[]> seeds() {
        Map<String, byte[]> seeds = new LinkedHashMap<>();
        ChunkDecoderVectorTest.cases().forEach(c -> seeds.put("vector " + c.name(), FuzzInput.seed(c.wire())));
        ChunkDecoderVectorTest.basicHeaders().forEach(a -> seeds.put("basic header " + a.get()[0],
                FuzzInput.seed(concat(hex((String) a.get()[2]), hex("000007 000003 08 01000000"),
                        ChunkTestSupport.payload(3, (Integer) a.get()[1])))));
        ChunkDecoderControlTest.badStreams().forEach(a -> seeds.put("refused " + a.get()[0],
                FuzzInput.seed((byte[]) a.get()[2])));
        seeds.put("window ack size then abort", FuzzInput.seed(concat(hex("02 000000 000004 05 00000000 00000010"),
                hex("04 000000 000100 09 01000000"), ChunkTestSupport.payload(128, 1),
                hex("02 000000 000004 02 00000000 00000004"), hex("04 00000a 000005 09 01000000"),
                ChunkTestSupport.payload(5, 2))));
        return seeds;
    }

    @Test
    void corpusHoldsTheVectorTables() {
        SeedCorpus.check(ChunkDecoderFuzzTest.class, "decode", seeds());
    }
}
