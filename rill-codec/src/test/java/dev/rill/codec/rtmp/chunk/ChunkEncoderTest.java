package dev.rill.codec.rtmp.chunk;

import static dev.rill.codec.rtmp.chunk.ChunkTestSupport.concat;
import static dev.rill.codec.rtmp.chunk.ChunkTestSupport.encode;
import static dev.rill.codec.rtmp.chunk.ChunkTestSupport.hex;
import static dev.rill.codec.rtmp.chunk.ChunkTestSupport.outbound;
import static dev.rill.codec.rtmp.chunk.ChunkTestSupport.payload;
import static dev.rill.codec.rtmp.chunk.ChunkTestSupport.slice;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.codec.rtmp.RtmpMessage;
import dev.rill.codec.rtmp.control.SetChunkSize;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.EncoderException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** ChunkEncoder's exact bytes, and ChunkWriter's header + body being the same bytes. */
class ChunkEncoderTest {

    static Stream<Arguments> vectors() {
        byte[] v = payload(307, 5);
        byte[] e = payload(200, 10);
        byte[] s = payload(3, 1);
        return Stream.of(
                Arguments.of("spec 5.3.2.2 video: fmt 0 then two fmt 3",
                        new RtmpMessage(4, 9, 1000, 12346, Unpooled.wrappedBuffer(v)),
                        concat(hex("04 0003e8 000133 09 3a300000"), slice(v, 0, 128), hex("c4"),
                                slice(v, 128, 256), hex("c4"), slice(v, 256, 307))),
                Arguments.of("extended timestamp on the first chunk and the continuation",
                        new RtmpMessage(6, 9, 0x01000000L, 1, Unpooled.wrappedBuffer(e)),
                        concat(hex("06 ffffff 0000c8 09 01000000 01000000"), slice(e, 0, 128),
                                hex("c6 01000000"), slice(e, 128, 200))),
                Arguments.of("2-byte basic header, continuation too",
                        new RtmpMessage(319, 8, 5, 1, Unpooled.wrappedBuffer(e)),
                        concat(hex("00ff 000005 0000c8 08 01000000"), slice(e, 0, 128), hex("c0ff"),
                                slice(e, 128, 200))),
                Arguments.of("3-byte basic header",
                        new RtmpMessage(65599, 8, 5, 1, Unpooled.wrappedBuffer(s)),
                        concat(hex("01ffff 000005 000003 08 01000000"), s)),
                Arguments.of("empty payload",
                        new RtmpMessage(3, 20, 0, 0, Unpooled.EMPTY_BUFFER),
                        hex("03 000000 000000 14 00000000")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void writesExactBytes(String name, RtmpMessage msg, byte[] expected) {
        assertThat(encode(msg)).isEqualTo(expected);
    }

    @Test
    void setChunkSizeAppliesToTheMessagesAfterIt() {
        ByteBuf p = Unpooled.wrappedBuffer(payload(300, 3));
        EmbeddedChannel ch = new EmbeddedChannel(new ChunkEncoder());
        try {
            ChunkEncoder encoder = ch.pipeline().get(ChunkEncoder.class);
            ch.writeOutbound(new SetChunkSize(4096).toMessage(ByteBufAllocator.DEFAULT));
            assertThat(encoder.chunkSize()).isEqualTo(4096);
            ch.writeOutbound(new RtmpMessage(4, 9, 0, 1, p.retainedDuplicate()));
            byte[] expected = concat(hex("02 000000 000004 01 00000000 00001000"),
                    hex("04 000000 00012c 09 01000000"), ByteBufUtil.getBytes(p));
            assertThat(outbound(ch)).isEqualTo(expected);
        } finally {
            p.release();
            ch.finishAndReleaseAll();
        }
    }

    @Test
    void rejectsAnOutgoingChunkSizeOfZeroAndReleasesIt() {
        EmbeddedChannel ch = new EmbeddedChannel(new ChunkEncoder());
        RtmpMessage bad = new SetChunkSize(0).toMessage(ByteBufAllocator.DEFAULT);
        try {
            assertThatThrownBy(() -> ch.writeOutbound(bad)).isInstanceOf(EncoderException.class)
                    .hasMessageContaining("outgoing chunk size 0 is outside 1..2147483647");
            assertThat(bad.refCnt()).isZero();
            assertThat(ch.pipeline().get(ChunkEncoder.class).chunkSize()).isEqualTo(128);
        } finally {
            ch.finishAndReleaseAll();
        }
    }

    static Stream<Arguments> writerCases() {
        List<Arguments> cases = new ArrayList<>();
        for (int csid : new int[] {3, 64, 320}) {
            for (long ts : new long[] {0, 0xFFFFFEL, 0xFFFFFFL, 0xFFFFFFFFL}) {
                for (int length : new int[] {0, 1, 127, 128, 129, 1000}) {
                    cases.add(Arguments.of("csid " + csid + ", ts " + ts + ", length " + length, csid, ts, length));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("writerCases")
    void writerHeaderPlusBodyIsWhatTheEncoderWrites(String name, int csid, long ts, int length) {
        ByteBuf p = Unpooled.wrappedBuffer(payload(length, length));
        ByteBuf header = Unpooled.buffer();
        ByteBuf body = ChunkWriter.encodeBody(ByteBufAllocator.DEFAULT, p, 128, csid, ts);
        try {
            ChunkWriter.writeFirstHeader(header, csid, ts, length, 9, 7);
            assertThat(header.readableBytes()).isEqualTo(ChunkWriter.firstHeaderSize(csid, ts));
            assertThat(body.readableBytes()).isEqualTo(ChunkWriter.bodySize(length, 128, csid, ts));
            assertThat(p.readerIndex()).isZero();
            assertThat(p.readableBytes()).isEqualTo(length);
            assertThat(p.refCnt()).isEqualTo(1);
            byte[] encoded = encode(new RtmpMessage(csid, 9, ts, 7, p.retainedDuplicate()));
            assertThat(concat(ByteBufUtil.getBytes(header), ByteBufUtil.getBytes(body))).isEqualTo(encoded);
        } finally {
            p.release();
            header.release();
            body.release();
        }
    }

    @Test
    void writerRejectsReservedChunkStreamIds() {
        ByteBuf out = Unpooled.buffer();
        try {
            assertThatThrownBy(() -> ChunkWriter.writeFirstHeader(out, 1, 0, 0, 9, 1))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("chunk stream id 1 is outside 2..65599");
            assertThatThrownBy(() -> ChunkWriter.writeFirstHeader(out, 65600, 0, 0, 9, 1))
                    .isInstanceOf(IllegalArgumentException.class);
        } finally {
            out.release();
        }
    }
}
