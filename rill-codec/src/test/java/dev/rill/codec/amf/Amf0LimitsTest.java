package dev.rill.codec.amf;

import static dev.rill.codec.amf.AmfBytes.concat;
import static dev.rill.codec.amf.AmfBytes.hex;
import static dev.rill.codec.amf.AmfBytes.readAmf0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.rill.codec.ErrorCode;
import dev.rill.codec.RillException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Depth, length and count limits of the AMF0 reader, and the limits record itself. */
class Amf0LimitsTest {
    /**
     * Containers that nest: {name, prefix once, opening (its first member is the next container),
     * innermost null, closing}.
     */
    static Stream<Arguments> containers() {
        return Stream.of(
                arguments("object", "", "03 00 01 61", "05", "00 00 09"),
                arguments("typed object", "", "10 00 01 54 00 01 61", "05", "00 00 09"),
                arguments("ECMA array", "", "08 00 00 00 01 00 01 61", "05", "00 00 09"),
                arguments("strict array", "", "0A 00 00 00 01", "05", ""),
                arguments("AMF3 array behind AVM+", "11", "09 03 01", "01", ""));
    }

    static byte[] nested(String prefix, String opening, String leaf, String closing, int depth) {
        return hex(prefix + opening.repeat(depth) + leaf + closing.repeat(depth));
    }

    static void assertFails(ThrowingCallable call, ErrorCode code, String message) {
        assertThatThrownBy(call).isInstanceOfSatisfying(RillException.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.getMessage()).contains(message);
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("containers")
    void tenThousandDeepNestingFailsCleanly(String name, String prefix, String opening, String leaf, String closing) {
        byte[] bytes = nested(prefix, opening, leaf, closing, 10_000);
        assertFails(() -> readAmf0(bytes), ErrorCode.AMF_TOO_DEEP, "nesting depth 65 exceeds limit 64");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("containers")
    void nestingUpToTheLimitReadsAndOneMoreFails(String name, String prefix, String opening, String leaf, String closing) {
        Object value = readAmf0(nested(prefix, opening, leaf, closing, 64));
        for (int depth = 0; depth < 64; depth++) {
            value = value instanceof Map<?, ?> map ? map.values().iterator().next() : ((List<?>) value).get(0);
        }
        assertThat(value).isNull();
        assertFails(() -> readAmf0(nested(prefix, opening, leaf, closing, 65)), ErrorCode.AMF_TOO_DEEP,
                "depth 65 exceeds limit 64");
    }

    @Test
    void theDeepestAllowedNestingReadsWithoutStackOverflow() {
        AmfLimits deepest = new AmfLimits(AmfLimits.MAX_DEPTH, 1 << 20, 65536);
        byte[] bytes = hex("0A 00 00 00 01".repeat(AmfLimits.MAX_DEPTH) + "05");
        Object value = readAmf0(bytes, deepest);
        for (int i = 0; i < AmfLimits.MAX_DEPTH; i++) {
            assertThat(value).isInstanceOf(List.class);
            value = ((List<?>) value).get(0);
        }
        assertThat(value).isNull();
    }

    @Test
    void hugeLongStringLengthFailsOnTheLimit() {
        assertFails(() -> readAmf0(hex("0C FF FF FF FF 61")), ErrorCode.AMF_TOO_LARGE,
                "long string of 4294967295 bytes exceeds limit 1048576");
    }

    @Test
    void hugeLengthWithinTheLimitFailsAsTruncatedWithoutAllocating() {
        AmfLimits unlimited = new AmfLimits(64, Integer.MAX_VALUE, Integer.MAX_VALUE);
        assertFails(() -> readAmf0(hex("0C 7F FF FF FF 61"), unlimited), ErrorCode.AMF_INVALID,
                "long string truncated: length 2147483647, 1 bytes readable");
        assertFails(() -> readAmf0(hex("0A 7F FF FF FF 05"), unlimited), ErrorCode.AMF_INVALID,
                "strict array truncated");
        assertFails(() -> readAmf0(hex("0A FF FF FF FF 05"), unlimited), ErrorCode.AMF_TOO_LARGE,
                "strict array has 4294967295 elements, exceeds limit 2147483647");
    }

    @Test
    void hugeStrictArrayCountFailsOnTheLimit() {
        assertFails(() -> readAmf0(hex("0A FF FF FF FF 05")), ErrorCode.AMF_TOO_LARGE,
                "strict array has 4294967295 elements, exceeds limit 65536");
    }

    @Test
    void stringLongerThanAConfiguredLimitFails() {
        AmfLimits small = new AmfLimits(64, 3, 65536);
        assertThat(readAmf0(hex("02 00 03 61 62 63"), small)).isEqualTo("abc");
        assertFails(() -> readAmf0(hex("02 00 04 61 62 63 64"), small), ErrorCode.AMF_TOO_LARGE,
                "AMF0 string of 4 bytes exceeds limit 3");
        assertFails(() -> readAmf0(hex("03 00 04 61 62 63 64 05 00 00 09"), small), ErrorCode.AMF_TOO_LARGE,
                "object key of 4 bytes exceeds limit 3");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("containersOfThree")
    void moreElementsThanTheLimitFail(String name, String bytes) {
        AmfLimits two = new AmfLimits(64, 1 << 20, 2);
        AmfLimits three = new AmfLimits(64, 1 << 20, 3);
        assertThat(readAmf0(hex(bytes), three)).isNotNull();
        assertFails(() -> readAmf0(hex(bytes), two), ErrorCode.AMF_TOO_LARGE, "has 3 elements, exceeds limit 2");
    }

    static Stream<Arguments> containersOfThree() {
        String props = "00 01 61 05 00 01 62 05 00 01 63 05 00 00 09";
        return Stream.of(
                arguments("object", "03 " + props),
                arguments("typed object", "10 00 01 54 " + props),
                arguments("ECMA array", "08 00 00 00 00 " + props),
                arguments("strict array", "0A 00 00 00 03 05 05 05"));
    }

    @Test
    void failedReadLeavesTheReaderIndexAtTheValue() {
        ByteBuf in = Unpooled.wrappedBuffer(concat(hex("05"), hex("02 00 09 61")));
        try {
            assertThat(Amf0.read(in, AmfLimits.DEFAULT)).isNull();
            assertFails(() -> Amf0.read(in, AmfLimits.DEFAULT), ErrorCode.AMF_INVALID,
                    "AMF0 string truncated: length 9, 1 bytes readable");
            assertThat(in.readerIndex()).isEqualTo(1);
        } finally {
            in.release();
        }
    }

    @Test
    void limitsRejectNonsense() {
        assertThatThrownBy(() -> new AmfLimits(0, 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AmfLimits(AmfLimits.MAX_DEPTH + 1, 1, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AmfLimits(1, -1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AmfLimits(1, 1, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(AmfLimits.DEFAULT).isEqualTo(new AmfLimits(64, 1 << 20, 65536));
    }
}
