package dev.rill.codec.amf;

import static dev.rill.codec.amf.AmfBytes.hex;
import static dev.rill.codec.amf.AmfBytes.readAmf0;
import static dev.rill.codec.amf.AmfBytes.writeAmf0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.rill.codec.ErrorCode;
import dev.rill.codec.RillException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** AMF0 references, whole commands, write-side mapping and refused input. */
class Amf0SemanticsTest {
    @Test
    void referenceResolvesToTheSameInstance() {
        List<?> list = (List<?>) readAmf0(hex("0A 00 00 00 02 03 00 01 61 00 3F F0 00 00 00 00 00 00 00 00 09 07 00 01"));
        assertThat(list.get(1)).isSameAs(list.get(0));
    }

    @Test
    void referenceToTheEnclosingObjectIsTheObjectItself() {
        AmfObject object = (AmfObject) readAmf0(hex("03 00 04 73 65 6C 66 07 00 00 00 00 09"));
        assertThat(object.get("self")).isSameAs(object);
    }

    @Test
    void referencesCountContainersInTheOrderTheyBegin() {
        // [ {inner: [ ]}, ref 2 ] : the outer array is 0, the object 1, the inner array 2
        List<?> list = (List<?>) readAmf0(hex("0A 00 00 00 02 03 00 05 69 6E 6E 65 72 0A 00 00 00 00 00 00 09 07 00 02"));
        assertThat(list.get(1)).isSameAs(((AmfObject) list.get(0)).get("inner"));
    }

    @Test
    void referenceOutOfRangeFails() {
        assertThatThrownBy(() -> readAmf0(hex("0A 00 00 00 01 07 00 01")))
                .isInstanceOfSatisfying(RillException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.AMF_INVALID);
                    assertThat(e.getMessage()).isEqualTo("AMF0 reference 1 out of range: 1 complex values read so far");
                });
    }

    @Test
    void readAllReadsAWholeConnectCommand() {
        String command = "02 00 07 63 6F 6E 6E 65 63 74 00 3F F0 00 00 00 00 00 00 " + Amf0VectorsTest.CONNECT_OBJECT;
        ByteBuf in = Unpooled.wrappedBuffer(hex(command));
        try {
            List<Object> values = Amf0.readAll(in, AmfLimits.DEFAULT);
            assertThat(values).containsExactly("connect", 1.0, Amf0VectorsTest.connectObject());
            AmfObject connect = (AmfObject) values.get(2);
            assertThat(connect.getString("tcUrl")).isEqualTo("rtmp://127.0.0.1:1935/live");
            assertThat(connect.getNumber("objectEncoding")).isEqualTo(0.0);
            assertThat(connect.getBoolean("fpad")).isFalse();
        } finally {
            in.release();
        }
        ByteBuf out = Unpooled.buffer();
        try {
            Amf0.writeAll(out, "connect", 1, Amf0VectorsTest.connectObject());
            assertThat(AmfBytes.hex(io.netty.buffer.ByteBufUtil.getBytes(out))).isEqualTo(AmfBytes.hex(hex(command)));
        } finally {
            out.release();
        }
    }

    @Test
    void readAllOfNothingIsEmpty() {
        ByteBuf in = Unpooled.buffer(0);
        try {
            assertThat(Amf0.readAll(in, AmfLimits.DEFAULT)).isEmpty();
        } finally {
            in.release();
        }
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                arguments("movieclip", "04", "AMF0 movieclip marker 0x04 is reserved, not supported"),
                arguments("recordset", "0E", "AMF0 recordset marker 0x0E is reserved, not supported"),
                arguments("object end at top level", "09", "AMF0 object end marker 0x09 outside an object"),
                arguments("object end in a strict array", "0A 00 00 00 01 09", "object end marker 0x09 outside"),
                arguments("unknown marker 0x12", "12", "AMF0 unknown marker 0x12"),
                arguments("unknown marker 0xFF", "FF", "AMF0 unknown marker 0xFF"),
                arguments("externalizable AMF3 object", "11 0A 07 07 46 6F 6F",
                        "AMF3 externalizable object of class 'Foo' cannot be decoded"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void refusedInputFails(String name, String bytes, String message) {
        assertThatThrownBy(() -> readAmf0(hex(bytes))).isInstanceOfSatisfying(RillException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.AMF_INVALID);
            assertThat(e.getMessage()).contains(message);
        });
    }

    static Stream<Arguments> writtenAs() {
        Map<String, Object> tree = new TreeMap<>(Map.of("b", 2.0, "a", 1.0));
        return Stream.of(
                arguments("Integer as number", 1, "00 3F F0 00 00 00 00 00 00"),
                arguments("Long as number", 3L, "00 40 08 00 00 00 00 00 00"),
                arguments("Float as number", 0.5f, "00 3F E0 00 00 00 00 00 00"),
                arguments("BigDecimal as number", new BigDecimal("2"), "00 40 00 00 00 00 00 00 00"),
                arguments("other Map as object", tree,
                        "03 00 01 61 00 3F F0 00 00 00 00 00 00 00 01 62 00 40 00 00 00 00 00 00 00 00 00 09"),
                arguments("any List as strict array", new ArrayList<>(List.of("a")), "0A 00 00 00 01 02 00 01 61"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("writtenAs")
    void writesOtherJavaTypes(String name, Object value, String bytes) {
        assertThat(AmfBytes.hex(writeAmf0(value))).isEqualTo(AmfBytes.hex(hex(bytes)));
    }

    @Test
    void stringOver65535BytesIsWrittenAsLongString() {
        byte[] fits = writeAmf0("x".repeat(0xFFFF));
        assertThat(AmfBytes.hex(java.util.Arrays.copyOf(fits, 3))).isEqualTo("02 FF FF");
        assertThat(readAmf0(fits)).isEqualTo("x".repeat(0xFFFF));

        String multiByte = "é".repeat(0x8000);
        byte[] longer = writeAmf0(multiByte);
        assertThat(AmfBytes.hex(java.util.Arrays.copyOf(longer, 5))).isEqualTo("0C 00 01 00 00");
        assertThat(longer).hasSize(5 + 0x10000);
        assertThat(readAmf0(longer)).isEqualTo(multiByte);
    }

    static Stream<Arguments> unwritable() {
        Map<Object, Object> intKeys = new HashMap<>(Map.of(1, "a"));
        AmfObject cyclic = new AmfObject();
        cyclic.put("self", cyclic);
        return Stream.of(
                arguments("byte array", new byte[] {1}, ErrorCode.AMF_INVALID, "AMF0 cannot write a value of type [B"),
                arguments("Character", 'c', ErrorCode.AMF_INVALID, "cannot write a value of type java.lang.Character"),
                arguments("non-String map key", intKeys, ErrorCode.AMF_INVALID, "AMF0 object key is not a String: 1"),
                arguments("key over 65535 bytes", AmfObject.of("k".repeat(0x10000), null), ErrorCode.AMF_TOO_LARGE,
                        "AMF0 object key of 65536 bytes exceeds the U16 length limit 65535"),
                arguments("class name over 65535 bytes", new AmfObject().className("C".repeat(0x10000)),
                        ErrorCode.AMF_TOO_LARGE, "typed object class name of 65536 bytes"),
                arguments("cyclic object", cyclic, ErrorCode.AMF_TOO_DEEP, "AMF0 write nesting depth 513 exceeds 512"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unwritable")
    void unwritableValuesFailAndLeaveTheBufferAsItWas(String name, Object value, ErrorCode code, String message) {
        ByteBuf out = Unpooled.buffer();
        try {
            out.writeByte(0x77);
            assertThatThrownBy(() -> Amf0.write(out, List.of(value))).isInstanceOfSatisfying(RillException.class, e -> {
                assertThat(e.code()).isEqualTo(code);
                assertThat(e.getMessage()).contains(message);
            });
            assertThat(out.writerIndex()).isEqualTo(1);
        } finally {
            out.release();
        }
    }
}
