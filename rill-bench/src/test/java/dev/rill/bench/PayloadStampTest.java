package dev.rill.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.codec.media.FlvVideo;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PayloadStampTest {
    private static final byte[] FILLER = {1, 2, 3, 4, 5};

    @Test
    void keyframeBytesAreExact() {
        ByteBuf out = Unpooled.buffer();
        try {
            PayloadStamp.write(out, true, 0x0102030405060708L, 0x1112131415161718L, 33, FILLER, 3);
            assertThat(ByteBufUtil.hexDump(out)).isEqualTo("17" + "01" + "000000" + "00000018" + "65"
                    + "0102030405060708" + "1112131415161718" + "04050102030405");
        } finally {
            out.release();
        }
    }

    @ParameterizedTest(name = "key={0} seq={1} nanos={2} size={3}")
    @CsvSource({
            "true, 0, 0, 26",
            "false, 1, 123456789, 27",
            "true, 9223372036854775807, -1, 8333",
            "false, 42, -9223372036854775808, 100000"})
    void roundTrip(boolean key, long seq, long nanos, int size) {
        ByteBuf out = Unpooled.buffer();
        try {
            PayloadStamp.write(out, key, seq, nanos, size, FILLER, 0);
            assertThat(out.readableBytes()).isEqualTo(size);
            assertThat(PayloadStamp.isStamped(out)).isTrue();
            assertThat(PayloadStamp.seq(out)).isEqualTo(seq);
            assertThat(PayloadStamp.sendNanos(out)).isEqualTo(nanos);
            assertThat(FlvVideo.isKeyframe(out)).isEqualTo(key);
            assertThat(FlvVideo.isSequenceHeader(out)).isFalse();
            assertThat(FlvVideo.codecId(out)).isEqualTo(FlvVideo.CODEC_AVC);
            assertThat(out.getInt(5)).as("AVCC NALU length covers the rest").isEqualTo(size - 9);
        } finally {
            out.release();
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "sequence header, 1700000000014d401fffe1",
            "too short, 17010000000000001165000000",
            "HEVC codec, 1c01000000000000116500000000000000010000000000000002",
            "NALU type is not a slice, 17010000000000001167000000000000000100000000000000020000"})
    void foreignPayloadsAreNotStamped(String name, String hex) {
        ByteBuf in = Unpooled.wrappedBuffer(HexFormat.of().parseHex(hex));
        try {
            assertThat(PayloadStamp.isStamped(in)).isFalse();
        } finally {
            in.release();
        }
    }

    @Test
    void readsFromTheReaderIndex() {
        ByteBuf out = Unpooled.buffer().writeZero(3);
        try {
            PayloadStamp.write(out, false, 77, 88, 40, FILLER, 0);
            out.skipBytes(3);
            assertThat(PayloadStamp.isStamped(out)).isTrue();
            assertThat(PayloadStamp.seq(out)).isEqualTo(77);
            assertThat(PayloadStamp.sendNanos(out)).isEqualTo(88);
        } finally {
            out.release();
        }
    }

    @Test
    void sizeBelowTheStampIsRefused() {
        ByteBuf out = Unpooled.buffer();
        try {
            assertThatThrownBy(() -> PayloadStamp.write(out, true, 1, 1, 25, FILLER, 0))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("25");
        } finally {
            out.release();
        }
    }

    @Test
    void payloadKeyDependsOnEveryByte() {
        byte[] bytes = new byte[37];
        ByteBuf a = Unpooled.wrappedBuffer(bytes.clone());
        try {
            long base = PayloadKey.of(a);
            assertThat(PayloadKey.of(a.duplicate())).isEqualTo(base);
            for (int i = 0; i < bytes.length; i++) {
                byte[] changed = bytes.clone();
                changed[i] = 1;
                ByteBuf b = Unpooled.wrappedBuffer(changed);
                try {
                    assertThat(PayloadKey.of(b)).as("byte %d", i).isNotEqualTo(base);
                } finally {
                    b.release();
                }
            }
        } finally {
            a.release();
        }
    }
}
