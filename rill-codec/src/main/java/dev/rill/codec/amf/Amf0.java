package dev.rill.codec.amf;

import dev.rill.codec.RillException;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * AMF0 (Adobe AMF0 specification), the encoding of RTMP commands (type 20) and data messages
 * (type 18). Java mapping, both ways: Number (reads as Double), Boolean, String (string or long
 * string), {@link AmfObject} (object, or typed object when it has a class name), {@link AmfEcmaArray},
 * {@link List} (strict array), {@link AmfDate}, null, {@link AmfUndefined}. Writing also accepts any
 * other {@code Map<String, ?>} as an object. Reading also accepts references (resolved to the same
 * Java instance), unsupported (read as undefined), XML documents (read as String) and the AVM+
 * marker, whose value is read as AMF3 ({@link Amf3}) with fresh AMF3 reference tables; its nesting
 * counts toward the same depth limit.
 */
public final class Amf0 {
    private Amf0() {
    }

    /**
     * Reads one value, advancing the reader index past it. References resolve within this value.
     *
     * @throws RillException AMF_INVALID on malformed or truncated input, AMF_TOO_DEEP or
     *     AMF_TOO_LARGE when a limit is exceeded; the reader index is then left where it was
     */
    public static Object read(ByteBuf in, AmfLimits limits) {
        int start = in.readerIndex();
        try {
            return new Amf0Reader(new AmfInput(in, limits, "AMF0", 0)).readValue();
        } catch (RillException e) {
            in.readerIndex(start);
            throw e;
        }
    }

    /** Reads values until the buffer is exhausted, each as by {@link #read}. */
    public static List<Object> readAll(ByteBuf in, AmfLimits limits) {
        List<Object> values = new ArrayList<>();
        while (in.isReadable()) {
            values.add(read(in, limits));
        }
        return values;
    }

    /**
     * Writes one value.
     *
     * @throws RillException AMF_INVALID for a type with no AMF0 form (such as byte[]) or a non-String
     *     map key, AMF_TOO_LARGE for a key or class name over 65535 bytes of UTF-8, AMF_TOO_DEEP for
     *     nesting deeper than {@link AmfLimits#MAX_DEPTH}; the writer index is then left where it was
     */
    public static void write(ByteBuf out, Object value) {
        int start = out.writerIndex();
        try {
            new Amf0Writer(out).writeValue(value);
        } catch (RillException e) {
            out.writerIndex(start);
            throw e;
        }
    }

    /** Writes each value in turn. */
    public static void writeAll(ByteBuf out, Object... values) {
        for (Object value : values) {
            write(out, value);
        }
    }
}
