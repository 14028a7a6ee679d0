package dev.rill.codec.amf;

import static dev.rill.codec.amf.AmfBytes.hex;
import static dev.rill.codec.amf.AmfBytes.readAmf3;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.rill.codec.ErrorCode;
import dev.rill.codec.RillException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** AMF3 reference identity, refused input, depth, length and count limits. */
class Amf3LimitsTest {
    static final AmfLimits UNLIMITED = new AmfLimits(64, Integer.MAX_VALUE, Integer.MAX_VALUE);

    @Test
    void objectReferenceResolvesToTheSameInstance() {
        List<?> list = (List<?>) readAmf3(hex("09 05 01 0A 0B 01 03 61 04 01 01 0A 02"));
        assertThat(list.get(1)).isSameAs(list.get(0));
    }

    @Test
    void arrayReferringToItselfHoldsItself() {
        List<?> list = (List<?>) readAmf3(hex("09 03 01 09 00"));
        assertThat(list.get(0)).isSameAs(list);
    }

    @Test
    void eachReadHasItsOwnReferenceTables() {
        assertThatThrownBy(() -> readAmf3(hex("06 00"))).isInstanceOf(RillException.class);
        assertThat(readAmf3(hex("06 07 61 62 63"))).isEqualTo("abc");
        assertThatThrownBy(() -> readAmf3(hex("06 00"))).isInstanceOf(RillException.class);
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                arguments("string reference out of range", "06 00", ErrorCode.AMF_INVALID,
                        "AMF3 string reference 0 out of range: 0 strings in the table"),
                arguments("object reference out of range", "0A 02", ErrorCode.AMF_INVALID,
                        "AMF3 object reference 1 out of range: 0 objects in the table"),
                arguments("traits reference out of range", "0A 01", ErrorCode.AMF_INVALID,
                        "AMF3 traits reference 0 out of range: 0 traits in the table"),
                arguments("externalizable object", "0A 07 07 46 6F 6F", ErrorCode.AMF_INVALID,
                        "AMF3 externalizable object of class 'Foo' cannot be decoded"),
                arguments("unknown marker", "12", ErrorCode.AMF_INVALID, "AMF3 unknown marker 0x12"),
                arguments("dictionary with an object key", "11 03 00 0A 0B 01 01 01", ErrorCode.AMF_INVALID,
                        "AMF3 dictionary key of type AmfObject not supported"),
                arguments("huge string length", "06 FF FF FF FF", ErrorCode.AMF_TOO_LARGE,
                        "AMF3 string of 268435455 bytes exceeds limit 1048576"),
                arguments("huge XML length", "07 FF FF FF FF", ErrorCode.AMF_TOO_LARGE,
                        "AMF3 XML document of 268435455 bytes exceeds limit 1048576"),
                arguments("huge byte array length", "0C FF FF FF FF", ErrorCode.AMF_TOO_LARGE,
                        "AMF3 byte array of 268435455 bytes exceeds limit 1048576"),
                arguments("huge array count", "09 FF FF FF FF 01", ErrorCode.AMF_TOO_LARGE,
                        "AMF3 array has 268435455 elements, exceeds limit 65536"),
                arguments("huge sealed member count", "0A FF FF FF F3 01", ErrorCode.AMF_TOO_LARGE,
                        "AMF3 object traits has 33554431 elements"),
                arguments("huge vector count", "0D FF FF FF FF 00", ErrorCode.AMF_TOO_LARGE,
                        "AMF3 vector of int has 268435455 elements"),
                arguments("huge dictionary count", "11 FF FF FF FF 00", ErrorCode.AMF_TOO_LARGE,
                        "AMF3 dictionary has 268435455 elements"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void refusedInputFails(String name, String bytes, ErrorCode code, String message) {
        assertThatThrownBy(() -> readAmf3(hex(bytes))).isInstanceOfSatisfying(RillException.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.getMessage()).contains(message);
        });
    }

    static Stream<Arguments> hugeWithinLimits() {
        return Stream.of(
                arguments("string", "06 FF FF FF FF 61", "string truncated: length 268435455, 1 bytes readable"),
                arguments("byte array", "0C FF FF FF FF 61", "byte array truncated: length 268435455"),
                arguments("array", "09 FF FF FF FF 01", "array truncated: 268435455 elements need at least"),
                arguments("vector of double", "0F FF FF FF FF 00", "vector of double truncated: 268435455 elements need at least 2147483640 bytes"),
                arguments("dictionary", "11 FF FF FF FF 00", "dictionary truncated"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hugeWithinLimits")
    void hugeLengthsWithinTheLimitsFailAsTruncatedWithoutAllocating(String name, String bytes, String message) {
        assertThatThrownBy(() -> readAmf3(hex(bytes), UNLIMITED)).isInstanceOfSatisfying(RillException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.AMF_INVALID);
            assertThat(e.getMessage()).contains(message);
        });
    }

    static Stream<Arguments> nestings() {
        return Stream.of(
                arguments("dense array", "09 03 01"),
                arguments("associative array", "09 01 03 61"),
                arguments("dynamic object", "0A 0B 01 03 61"),
                arguments("vector of object", "10 03 00 01"),
                arguments("dictionary", "11 03 00 01"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nestings")
    void tenThousandDeepNestingFailsCleanly(String name, String opening) {
        byte[] bytes = hex(opening.repeat(10_000) + "01");
        assertThatThrownBy(() -> readAmf3(bytes)).isInstanceOfSatisfying(RillException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.AMF_TOO_DEEP);
            assertThat(e.getMessage()).isEqualTo("AMF3 nesting depth 65 exceeds limit 64");
        });
    }

    @Test
    void moreDynamicMembersThanTheLimitFail() {
        AmfLimits two = new AmfLimits(64, 1 << 20, 2);
        String threeMembers = "0A 0B 01 03 61 01 03 62 01 03 63 01 01";
        assertThat(readAmf3(hex(threeMembers), new AmfLimits(64, 1 << 20, 3))).isEqualTo(
                AmfObject.of("a", null, "b", null, "c", null));
        assertThatThrownBy(() -> readAmf3(hex(threeMembers), two)).isInstanceOfSatisfying(RillException.class,
                e -> assertThat(e.getMessage()).isEqualTo("AMF3 object has 3 elements, exceeds limit 2"));
    }
}
