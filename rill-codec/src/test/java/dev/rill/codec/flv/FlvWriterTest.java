package dev.rill.codec.flv;

import static dev.rill.codec.flv.FlvTestBytes.buf;
import static dev.rill.codec.flv.FlvTestBytes.hexOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FlvWriterTest {
    /** name, type, timestamp, data, whole tag with its PreviousTagSize. */
    static Stream<Arguments> tags() {
        return Stream.of(
                Arguments.of("audio at 0", FlvTag.AUDIO, 0L, "af01",
                        "08 000002 000000 00 000000 af01 0000000d"),
                Arguments.of("video at 0x123456", FlvTag.VIDEO, 0x123456L, "1701000000",
                        "09 000005 123456 00 000000 1701000000 00000010"),
                Arguments.of("script empty", FlvTag.SCRIPT, 40L, "",
                        "12 000000 000028 00 000000 0000000b"),
                Arguments.of("extended timestamp", FlvTag.VIDEO, 0x89ABCDEFL, "27",
                        "09 000001 abcdef 89 000000 27 0000000c"),
                Arguments.of("max timestamp", FlvTag.AUDIO, 0xFFFFFFFFL, "af",
                        "08 000001 ffffff ff 000000 af 0000000c"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tags")
    void encodesTagVector(String name, int type, long timestamp, String data, String expected) {
        ByteBuf payload = buf(data);
        ByteBuf encoded = FlvWriter.encodeTag(ByteBufAllocator.DEFAULT, type, timestamp, payload);
        try {
            assertThat(hexOf(encoded)).isEqualTo(expected.replace(" ", ""));
            assertThat(payload.readerIndex()).isZero();
        } finally {
            encoded.release();
            payload.release();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tags")
    void writesTagFromHolder(String name, int type, long timestamp, String data, String expected) {
        FlvTag tag = new FlvTag(type, timestamp, buf(data));
        ByteBuf out = Unpooled.buffer();
        try {
            FlvWriter.writeTag(out, tag);
            assertThat(hexOf(out)).isEqualTo(expected.replace(" ", ""));
        } finally {
            out.release();
            tag.release();
        }
    }

    @Test
    void writesHeaderAndPreviousTagSizeAlone() {
        ByteBuf out = Unpooled.buffer();
        try {
            FlvWriter.writeTagHeader(out, FlvTag.VIDEO, 0x01020304L, 0xFFFFFF);
            FlvWriter.writePreviousTagSize(out, 0x0100000A);
            assertThat(hexOf(out)).isEqualTo("09ffffff02030401000000" + "0100000a");
        } finally {
            out.release();
        }
    }

    @Test
    void refusesFieldsThatDoNotFit() {
        ByteBuf out = Unpooled.buffer();
        try {
            assertThatThrownBy(() -> FlvWriter.writeTagHeader(out, 32, 0, 0))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("FLV tag type 32 does not fit 5 bits");
            assertThatThrownBy(() -> FlvWriter.writeTagHeader(out, FlvTag.VIDEO, 0, 0x1000000))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("FLV tag data size 16777216 does not fit 24 bits");
            assertThat(out.isReadable()).isFalse();
        } finally {
            out.release();
        }
    }

    @Test
    void tagRefusesUnknownTypeAndReleasesData() {
        ByteBuf data = buf("00");
        assertThatThrownBy(() -> new FlvTag(7, 0, data)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("FLV tag type 7 is not 8, 9 or 18");
        assertThat(data.refCnt()).isZero();
    }
}
