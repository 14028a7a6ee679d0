package dev.rill.codec.flv;

import static dev.rill.codec.flv.FlvTestBytes.buf;
import static dev.rill.codec.flv.FlvTestBytes.hexOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.codec.ErrorCode;
import dev.rill.codec.RillException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FlvHeaderTest {
    static Stream<Arguments> vectors() {
        return Stream.of(
                Arguments.of("audio and video", new FlvHeader(true, true), "464c5601 05 00000009 00000000"),
                Arguments.of("audio only", new FlvHeader(true, false), "464c5601 04 00000009 00000000"),
                Arguments.of("video only", new FlvHeader(false, true), "464c5601 01 00000009 00000000"),
                Arguments.of("neither", new FlvHeader(false, false), "464c5601 00 00000009 00000000"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void writesAndReadsVector(String name, FlvHeader header, String hex) {
        ByteBuf out = Unpooled.buffer();
        ByteBuf in = buf(hex);
        try {
            header.write(out);
            assertThat(hexOf(out)).isEqualTo(hex.replace(" ", ""));
            assertThat(FlvHeader.encodedLength(in)).isEqualTo(FlvHeader.SIZE_WITH_PREVIOUS_TAG_SIZE);
            assertThat(FlvHeader.read(in)).isEqualTo(header);
            assertThat(in.isReadable()).isFalse();
        } finally {
            out.release();
            in.release();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void ignoresReservedFlagBits(String name, FlvHeader header, String hex) {
        String withReserved = hex.replace("01 05 ", "01 fd ").replace("01 04 ", "01 fc ")
                .replace("01 01 ", "01 f9 ").replace("01 00 ", "01 f8 ");
        ByteBuf in = buf(withReserved);
        try {
            assertThat(FlvHeader.read(in)).isEqualTo(header);
        } finally {
            in.release();
        }
    }

    @Test
    void skipsBytesUpToALargerDataOffset() {
        ByteBuf in = buf("464c5601 05 0000000c aabbcc 00000000 ff");
        try {
            assertThat(FlvHeader.encodedLength(in)).isEqualTo(16);
            assertThat(FlvHeader.read(in)).isEqualTo(new FlvHeader(true, true));
            assertThat(in.readableBytes()).isEqualTo(1);
        } finally {
            in.release();
        }
    }

    @Test
    void needsNineBytesToJudgeLength() {
        ByteBuf in = buf("464c5601 05 000000");
        try {
            assertThat(FlvHeader.encodedLength(in)).isEqualTo(-1);
            assertThatThrownBy(() -> FlvHeader.read(in)).isInstanceOf(RillException.class)
                    .hasMessage("FLV header truncated: 8 bytes readable");
        } finally {
            in.release();
        }
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("bad signature", "464c5801 05 00000009 00000000", "FLV signature is 46 4c 58, expected 'FLV'"),
                Arguments.of("version 2", "464c5602 05 00000009 00000000", "FLV version 2 is not supported, expected 1"),
                Arguments.of("offset below 9", "464c5601 05 00000008 00000000", "FLV DataOffset 8 outside 9..1024"),
                Arguments.of("offset too large", "464c5601 05 ffffffff 00000000", "FLV DataOffset 4294967295 outside 9..1024"),
                Arguments.of("non-zero PreviousTagSize0", "464c5601 05 00000009 0000000b", "FLV PreviousTagSize0 is 11, must be 0"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void rejectsMalformedHeader(String name, String hex, String message) {
        ByteBuf in = buf(hex);
        try {
            assertThatThrownBy(() -> FlvHeader.read(in)).isInstanceOf(RillException.class)
                    .hasMessage(message)
                    .extracting(e -> ((RillException) e).code()).isEqualTo(ErrorCode.MEDIA_INVALID);
        } finally {
            in.release();
        }
    }
}
