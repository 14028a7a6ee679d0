package dev.rill.codec.rtmp.chunk;

import static dev.rill.codec.rtmp.chunk.ChunkTestSupport.concat;
import static dev.rill.codec.rtmp.chunk.ChunkTestSupport.decode;
import static dev.rill.codec.rtmp.chunk.ChunkTestSupport.hex;
import static dev.rill.codec.rtmp.chunk.ChunkTestSupport.payload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.codec.rtmp.chunk.ChunkTestSupport.Decoded;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

/** The fmt-1 first header: byte-exact, and decoded as the previous message's timestamp plus the delta. */
class ChunkWriterDeltaHeaderTest {

    @Test
    void writesBasicHeaderDeltaLengthAndType() {
        ByteBuf out = Unpooled.buffer();
        try {
            ChunkWriter.writeDeltaHeader(out, 6, 33, 0x012345, 9);
            assertThat(ByteBufUtil.getBytes(out)).isEqualTo(hex("46" + "000021" + "012345" + "09"));
            assertThat(out.readableBytes()).isEqualTo(ChunkWriter.deltaHeaderSize(6));
        } finally {
            out.release();
        }
    }

    @Test
    void aDeltaMessageAfterAFullOneDecodesWithTheSumAndTheSameStream() {
        int chunk = 128;
        byte[] first = payload(300, 1);
        byte[] second = payload(200, 2);
        byte[] wire = concat(fullMessage(chunk, 1000, first), deltaMessage(chunk, 40, second),
                deltaMessage(chunk, 0, second));
        assertThat(decode(ChunkLimits.DEFAULT, wire)).containsExactly(
                Decoded.of(6, 9, 1000, 1, first),
                Decoded.of(6, 9, 1040, 1, second),
                Decoded.of(6, 9, 1040, 1, second));
    }

    @Test
    void refusesDeltasThatNeedAnExtendedTimestamp() {
        ByteBuf out = Unpooled.buffer();
        try {
            assertThatThrownBy(() -> ChunkWriter.writeDeltaHeader(out, 6, 0xFFFFFF, 1, 9))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> ChunkWriter.writeDeltaHeader(out, 6, -1, 1, 9))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(out.readableBytes()).isZero();
        } finally {
            out.release();
        }
    }

    /** The decoder starts at chunk size 128, so the messages are written for that. */
    private static byte[] fullMessage(int chunk, long ts, byte[] payload) {
        ByteBuf out = Unpooled.buffer();
        ChunkWriter.writeFirstHeader(out, 6, ts, payload.length, 9, 1);
        ChunkWriter.writeBody(out, Unpooled.wrappedBuffer(payload), chunk, 6, ts);
        return drain(out);
    }

    private static byte[] deltaMessage(int chunk, long delta, byte[] payload) {
        ByteBuf out = Unpooled.buffer();
        ChunkWriter.writeDeltaHeader(out, 6, delta, payload.length, 9);
        ChunkWriter.writeBody(out, Unpooled.wrappedBuffer(payload), chunk, 6, 0);
        return drain(out);
    }

    private static byte[] drain(ByteBuf out) {
        try {
            return ByteBufUtil.getBytes(out);
        } finally {
            out.release();
        }
    }
}
