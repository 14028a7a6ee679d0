package dev.rill.codec.flv;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.rill.codec.ErrorCode;
import dev.rill.codec.RillException;
import dev.rill.testing.FuzzInput;
import dev.rill.testing.SeedCorpus;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The FLV reader on arbitrary bytes arriving in fuzzer-chosen pieces: it returns tags (each within
 * the limit, of a known type) or fails with MEDIA_INVALID or LIMIT_EXCEEDED; the pieces change
 * nothing; no tag keeps the input alive after it is released; and what it read, written again by
 * FlvHeader and FlvWriter, reads back the same. Seeded with the reader and header tables.
 */
class FlvReaderFuzzTest {
    /** A small limit so the limit check is reached by small inputs too. */
    private static final FlvLimits LIMITS = new FlvLimits(4096);

    record Tag(int type, long timestamp, String data) {
    }

    record Outcome(FlvHeader header, List<Tag> tags, long skipped, ErrorCode failure) {
    }

    @FuzzTest(maxDuration = "10m")
    void read(FuzzedDataProvider data) {
        FuzzInput input = FuzzInput.from(data);
        Outcome pieces = run(input.fragments());
        if (input.cuts().length > 0) {
            assertThat(run(List.of(input.bytes()))).as("the same bytes in one piece").isEqualTo(pieces);
        }
        if (pieces.header() != null && pieces.failure() == null) {
            assertThat(run(List.of(rewrite(pieces)))).as("read after writing again")
                    .isEqualTo(new Outcome(pieces.header(), pieces.tags(), 0, null));
        }
    }

    private static Outcome run(List<byte[]> pieces) {
        ByteBuf in = PooledByteBufAllocator.DEFAULT.buffer();
        FlvReader reader = new FlvReader(LIMITS);
        List<Tag> tags = new ArrayList<>();
        ErrorCode failure = null;
        try {
            for (byte[] piece : pieces) {
                in.writeBytes(piece);
                for (FlvTag tag; (tag = reader.next(in)) != null; ) {
                    try {
                        assertThat(FlvTag.isKnownType(tag.type())).as("type %d", tag.type()).isTrue();
                        assertThat(tag.payload().readableBytes()).isLessThanOrEqualTo(LIMITS.maxTagSize());
                        tags.add(new Tag(tag.type(), tag.timestamp(), HexFormat.of().formatHex(
                                ByteBufUtil.getBytes(tag.payload()))));
                    } finally {
                        tag.release();
                    }
                }
            }
        } catch (RillException e) {
            assertThat(e.code()).as("code of %s", e).isIn(ErrorCode.MEDIA_INVALID, ErrorCode.LIMIT_EXCEEDED);
            assertThat(e.getMessage()).as("message").startsWith("FLV ");
            failure = e.code();
        } finally {
            assertThat(in.refCnt()).as("references to the input once every tag is released").isEqualTo(1);
            in.release();
        }
        return new Outcome(reader.header(), tags, reader.skippedTags(), failure);
    }

    private static byte[] rewrite(Outcome read) {
        ByteBuf out = PooledByteBufAllocator.DEFAULT.heapBuffer();
        try {
            read.header().write(out);
            for (Tag tag : read.tags()) {
                ByteBuf data = io.netty.buffer.Unpooled.wrappedBuffer(HexFormat.of().parseHex(tag.data()));
                FlvWriter.writeTag(out, tag.type(), tag.timestamp(), data);
            }
            return ByteBufUtil.getBytes(out);
        } finally {
            out.release();
        }
    }

    static Map<String, byte[]> seeds() {
        Map<String, byte[]> seeds = new LinkedHashMap<>();
        seeds.put("hand-built file", FuzzInput.seed(FlvTestBytes.hex(FlvReaderTest.FILE)));
        FlvReaderTest.malformed().forEach(a -> seeds.put("malformed " + a.get()[0],
                FuzzInput.seed(FlvTestBytes.hex((String) a.get()[1]))));
        FlvHeaderTest.vectors().forEach(a -> seeds.put("header " + a.get()[0],
                FuzzInput.seed(FlvTestBytes.hex((String) a.get()[2]))));
        FlvHeaderTest.malformed().forEach(a -> seeds.put("header malformed " + a.get()[0],
                FuzzInput.seed(FlvTestBytes.hex((String) a.get()[1]))));
        return seeds;
    }

    @Test
    void corpusHoldsTheVectorTables() {
        SeedCorpus.check(FlvReaderFuzzTest.class, "read", seeds());
    }
}
