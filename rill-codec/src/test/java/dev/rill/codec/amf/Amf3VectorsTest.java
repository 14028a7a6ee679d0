package dev.rill.codec.amf;

import static dev.rill.codec.amf.AmfBytes.hex;
import static dev.rill.codec.amf.AmfBytes.readAmf3;
import static dev.rill.codec.amf.AmfBytes.readPrefix;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.rill.codec.ErrorCode;
import dev.rill.codec.RillException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One table of {name, value, bytes} drives AMF3 decode, truncation and mutation. */
class Amf3VectorsTest {
    static final String FOO_XY = "0A 23 07 46 6F 6F 03 78 03 79";

    static Stream<Arguments> cases() {
        return Stream.of(
                arguments("undefined", AmfUndefined.INSTANCE, "00"),
                arguments("null", null, "01"),
                arguments("false", false, "02"),
                arguments("true", true, "03"),
                arguments("integer 0", 0, "04 00"),
                arguments("integer 0x7F, largest 1-byte U29", 0x7F, "04 7F"),
                arguments("integer 0x80, smallest 2-byte U29", 0x80, "04 81 00"),
                arguments("integer 0x3FFF, largest 2-byte U29", 0x3FFF, "04 FF 7F"),
                arguments("integer 0x4000, smallest 3-byte U29", 0x4000, "04 81 80 00"),
                arguments("integer 0x1FFFFF, largest 3-byte U29", 0x1FFFFF, "04 FF FF 7F"),
                arguments("integer 0x200000, smallest 4-byte U29", 0x200000, "04 80 C0 80 00"),
                arguments("integer 0x0FFFFFFF, largest positive", 0x0FFFFFFF, "04 BF FF FF FF"),
                arguments("integer -1", -1, "04 FF FF FF FF"),
                arguments("integer -0x10000000, smallest", -0x10000000, "04 C0 80 80 00"),
                arguments("double 1.0", 1.0, "05 3F F0 00 00 00 00 00 00"),
                arguments("double -2.5", -2.5, "05 C0 04 00 00 00 00 00 00"),
                arguments("empty string", "", "06 01"),
                arguments("string", "hello", "06 0B 68 65 6C 6C 6F"),
                arguments("string with multi-byte UTF-8", "é", "06 05 C3 A9"),
                arguments("string reference", List.of("abc", "abc"), "09 05 01 06 07 61 62 63 06 00"),
                arguments("empty string is never referenced", List.of("", "x", "x"),
                        "09 07 01 06 01 06 03 78 06 00"),
                arguments("XML document", "<a/>", "07 09 3C 61 2F 3E"),
                arguments("XML", "<a/>", "0B 09 3C 61 2F 3E"),
                arguments("date", new AmfDate(1.7e12, 0), "08 01 42 78 BC FE 56 80 00 00"),
                arguments("date reference", List.of(new AmfDate(1.7e12, 0), new AmfDate(1.7e12, 0)),
                        "09 05 01 08 01 42 78 BC FE 56 80 00 00 08 02"),
                arguments("empty array", List.of(), "09 01 01"),
                arguments("dense array", List.of(1, 2, 3), "09 07 01 04 01 04 02 04 03"),
                arguments("array with associative part", AmfEcmaArray.of("a", 1, "0", 5),
                        "09 03 03 61 04 01 01 04 05"),
                arguments("anonymous dynamic object", AmfObject.of("a", 1), "0A 0B 01 03 61 04 01 01"),
                arguments("typed sealed object", AmfObject.of("x", 1, "y", 2).className("Foo"),
                        FOO_XY + " 04 01 04 02"),
                arguments("sealed and dynamic members", AmfObject.of("x", 1, "z", 2).className("Foo"),
                        "0A 1B 07 46 6F 6F 03 78 04 01 03 7A 04 02 01"),
                arguments("traits reference",
                        List.of(AmfObject.of("x", 1, "y", 2).className("Foo"), AmfObject.of("x", 3, "y", 4).className("Foo")),
                        "09 05 01 " + FOO_XY + " 04 01 04 02 0A 01 04 03 04 04"),
                arguments("object reference", List.of(AmfObject.of("a", 1), AmfObject.of("a", 1)),
                        "09 05 01 0A 0B 01 03 61 04 01 01 0A 02"),
                arguments("member name string reference", List.of(AmfObject.of("a", 1), AmfObject.of("a", 2)),
                        "09 05 01 0A 0B 01 03 61 04 01 01 0A 0B 01 00 04 02 01"),
                arguments("byte array", new byte[] {1, 2, 3}, "0C 07 01 02 03"),
                arguments("vector of int", List.of(1, -1), "0D 05 00 00 00 00 01 FF FF FF FF"),
                arguments("vector of uint", List.of(1L, 0xFFFFFFFFL), "0E 05 00 00 00 00 01 FF FF FF FF"),
                arguments("vector of double", List.of(1.0), "0F 03 00 3F F0 00 00 00 00 00 00"),
                arguments("vector of object", List.of(1, "a"), "10 05 00 03 2A 04 01 06 03 61"),
                arguments("dictionary", Map.of("k", 1), "11 03 00 06 03 6B 04 01"),
                arguments("dictionary with scalar keys", Map.of(1, "v", 2, true),
                        "11 05 00 04 01 06 03 76 04 02 03"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decodes(String name, Object value, String bytes) {
        assertThat(readAmf3(hex(bytes))).isEqualTo(value);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void everyTruncationFails(String name, Object value, String bytes) {
        byte[] whole = hex(bytes);
        for (int length = 0; length < whole.length; length++) {
            int cut = length;
            assertThatThrownBy(() -> readPrefix(whole, cut, Amf3::read))
                    .as("cut at %d of %d", cut, whole.length)
                    .isInstanceOfSatisfying(RillException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.AMF_INVALID);
                        assertThat(e.getMessage()).contains("truncated");
                    });
        }
    }

    /** Corrupted bytes either decode or fail as RillException, never with another exception. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void mutationsFailOnlyWithRillException(String name, Object value, String bytes) {
        byte[] whole = hex(bytes);
        Random random = new Random(name.hashCode());
        for (int round = 0; round < 500; round++) {
            byte[] mutated = whole.clone();
            for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
                mutated[random.nextInt(mutated.length)] = (byte) random.nextInt(256);
            }
            ByteBuf in = Unpooled.wrappedBuffer(mutated);
            try {
                Amf3.read(in, AmfLimits.DEFAULT);
            } catch (RillException expected) {
                assertThat(in.readerIndex()).as("reader index after a failed read").isZero();
            } finally {
                in.release();
            }
        }
    }
}
