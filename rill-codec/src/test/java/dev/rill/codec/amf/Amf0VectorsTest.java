package dev.rill.codec.amf;

import static dev.rill.codec.amf.AmfBytes.hex;
import static dev.rill.codec.amf.AmfBytes.readAmf0;
import static dev.rill.codec.amf.AmfBytes.readPrefix;
import static dev.rill.codec.amf.AmfBytes.writeAmf0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.rill.codec.ErrorCode;
import dev.rill.codec.RillException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One table of {name, value, bytes} drives AMF0 decode, encode, truncation and mutation. */
class Amf0VectorsTest {
    static final String CONNECT_OBJECT = "03"
            + " 00 03 61 70 70 02 00 04 6C 69 76 65"
            + " 00 08 66 6C 61 73 68 56 65 72 02 00 1F 46 4D 4C 45 2F 33 2E 30 20 28 63 6F 6D 70 61 74 69 62"
            + " 6C 65 3B 20 46 4D 53 63 2F 31 2E 30 29"
            + " 00 05 74 63 55 72 6C 02 00 1A 72 74 6D 70 3A 2F 2F 31 32 37 2E 30 2E 30 2E 31 3A 31 39 33 35"
            + " 2F 6C 69 76 65"
            + " 00 04 66 70 61 64 01 00"
            + " 00 0C 63 61 70 61 62 69 6C 69 74 69 65 73 00 40 2E 00 00 00 00 00 00"
            + " 00 0B 61 75 64 69 6F 43 6F 64 65 63 73 00 40 AF CE 00 00 00 00 00"
            + " 00 0B 76 69 64 65 6F 43 6F 64 65 63 73 00 40 6F 80 00 00 00 00 00"
            + " 00 0D 76 69 64 65 6F 46 75 6E 63 74 69 6F 6E 00 3F F0 00 00 00 00 00 00"
            + " 00 0E 6F 62 6A 65 63 74 45 6E 63 6F 64 69 6E 67 00 00 00 00 00 00 00 00 00"
            + " 00 00 09";

    static AmfObject connectObject() {
        return AmfObject.of(
                "app", "live",
                "flashVer", "FMLE/3.0 (compatible; FMSc/1.0)",
                "tcUrl", "rtmp://127.0.0.1:1935/live",
                "fpad", false,
                "capabilities", 15.0,
                "audioCodecs", 4071.0,
                "videoCodecs", 252.0,
                "videoFunction", 1.0,
                "objectEncoding", 0.0);
    }

    /** Values that read back exactly as written. */
    static Stream<Arguments> roundTrip() {
        return Stream.of(
                arguments("number 1.0", 1.0, "00 3F F0 00 00 00 00 00 00"),
                arguments("number 0.0", 0.0, "00 00 00 00 00 00 00 00 00"),
                arguments("number -2.5", -2.5, "00 C0 04 00 00 00 00 00 00"),
                arguments("boolean true", true, "01 01"),
                arguments("boolean false", false, "01 00"),
                arguments("empty string", "", "02 00 00"),
                arguments("string", "live", "02 00 04 6C 69 76 65"),
                arguments("string with multi-byte UTF-8", "é→", "02 00 05 C3 A9 E2 86 92"),
                arguments("null", null, "05"),
                arguments("undefined", AmfUndefined.INSTANCE, "06"),
                arguments("empty object", new AmfObject(), "03 00 00 09"),
                arguments("onStatus info object",
                        AmfObject.of("code", "NetStream.Play.Start", "level", "status"),
                        "03 00 04 63 6F 64 65 02 00 14 4E 65 74 53 74 72 65 61 6D 2E 50 6C 61 79 2E 53 74 61 72 74"
                                + " 00 05 6C 65 76 65 6C 02 00 06 73 74 61 74 75 73 00 00 09"),
                arguments("FMLE connect command object", connectObject(), CONNECT_OBJECT),
                arguments("typed object", AmfObject.of("x", 1.0).className("Foo"),
                        "10 00 03 46 6F 6F 00 01 78 00 3F F0 00 00 00 00 00 00 00 00 09"),
                arguments("empty ECMA array", new AmfEcmaArray(), "08 00 00 00 00 00 00 09"),
                arguments("ECMA array", AmfEcmaArray.of("duration", 0.0, "width", 1280.0),
                        "08 00 00 00 02 00 08 64 75 72 61 74 69 6F 6E 00 00 00 00 00 00 00 00 00"
                                + " 00 05 77 69 64 74 68 00 40 94 00 00 00 00 00 00 00 00 09"),
                arguments("empty strict array", List.of(), "0A 00 00 00 00"),
                arguments("strict array", Arrays.asList(1.0, "a", null),
                        "0A 00 00 00 03 00 3F F0 00 00 00 00 00 00 02 00 01 61 05"),
                arguments("date", new AmfDate(1.7e12, 0), "0B 42 78 BC FE 56 80 00 00 00 00"),
                arguments("date with time zone", new AmfDate(-1.0, -60), "0B BF F0 00 00 00 00 00 00 FF C4"),
                arguments("nested containers",
                        AmfObject.of("meta", AmfEcmaArray.of("list", List.of(true, new AmfObject())), "n", null),
                        "03 00 04 6D 65 74 61 08 00 00 00 01 00 04 6C 69 73 74 0A 00 00 00 02 01 01 03 00 00 09"
                                + " 00 00 09 00 01 6E 05 00 00 09"),
                arguments("object with an empty key", AmfObject.of("", 1.0),
                        "03 00 00 00 3F F0 00 00 00 00 00 00 00 00 09"));
    }

    /** Inputs whose value is written back in another form. */
    static Stream<Arguments> readOnly() {
        return Stream.of(
                arguments("long string", "hi", "0C 00 00 00 02 68 69"),
                arguments("unsupported reads as undefined", AmfUndefined.INSTANCE, "0D"),
                arguments("XML document reads as string", "<a/>", "0F 00 00 00 04 3C 61 2F 3E"),
                arguments("ECMA array with count 0 for 2 entries", AmfEcmaArray.of("duration", 0.0, "width", 1280.0),
                        "08 00 00 00 00 00 08 64 75 72 61 74 69 6F 6E 00 00 00 00 00 00 00 00 00"
                                + " 00 05 77 69 64 74 68 00 40 94 00 00 00 00 00 00 00 00 09"),
                arguments("ECMA array with count 100 for 1 entry", AmfEcmaArray.of("width", 1280.0),
                        "08 00 00 00 64 00 05 77 69 64 74 68 00 40 94 00 00 00 00 00 00 00 00 09"),
                arguments("reference to an earlier object", List.of(AmfObject.of("a", 1.0), AmfObject.of("a", 1.0)),
                        "0A 00 00 00 02 03 00 01 61 00 3F F0 00 00 00 00 00 00 00 00 09 07 00 01"),
                arguments("AVM+ marker switches to AMF3", 5, "11 04 05"),
                arguments("AVM+ AMF3 object inside an AMF0 object", AmfObject.of("o", AmfObject.of("a", 1)),
                        "03 00 01 6F 11 0A 0B 01 03 61 04 01 01 00 00 09"));
    }

    static Stream<Arguments> all() {
        return Stream.concat(roundTrip(), readOnly());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("all")
    void decodes(String name, Object value, String bytes) {
        Object decoded = readAmf0(hex(bytes));
        assertThat(decoded).isEqualTo(value);
        if (value != null) {
            assertThat(decoded).isExactlyInstanceOf(value instanceof List<?> ? ArrayList.class : value.getClass());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("roundTrip")
    void encodes(String name, Object value, String bytes) {
        assertThat(hex(writeAmf0(value))).isEqualTo(hex(hex(bytes)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("roundTrip")
    void decodedValueEncodesToTheSameBytes(String name, Object value, String bytes) {
        assertThat(hex(writeAmf0(readAmf0(hex(bytes))))).isEqualTo(hex(hex(bytes)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("all")
    void everyTruncationFails(String name, Object value, String bytes) {
        byte[] whole = hex(bytes);
        for (int length = 0; length < whole.length; length++) {
            int cut = length;
            assertThatThrownBy(() -> readPrefix(whole, cut, Amf0::read))
                    .as("cut at %d of %d", cut, whole.length)
                    .isInstanceOfSatisfying(RillException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.AMF_INVALID);
                        assertThat(e.getMessage()).contains("truncated");
                    });
        }
    }

    /** Corrupted bytes either decode or fail as RillException, never with another exception. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("all")
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
                Amf0.readAll(in, AmfLimits.DEFAULT);
            } catch (RillException expected) {
                assertThat(in.readerIndex()).as("reader index after a failed read").isLessThan(mutated.length);
            } finally {
                in.release();
            }
        }
    }
}
