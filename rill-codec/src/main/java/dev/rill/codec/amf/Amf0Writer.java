package dev.rill.codec.amf;

import dev.rill.codec.ErrorCode;
import dev.rill.codec.RillException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.util.List;
import java.util.Map;

/**
 * Writes AMF0 values (AMF0 spec section 2). Repeated objects are written again in full rather than
 * as references, which every reader accepts; a cyclic value therefore fails on the depth cap
 * {@link AmfLimits#MAX_DEPTH} instead of recursing without end.
 */
final class Amf0Writer {
    private static final int MAX_SHORT_STRING = 0xFFFF;

    private final ByteBuf out;
    private int depth;

    Amf0Writer(ByteBuf out) {
        this.out = out;
    }

    void writeValue(Object value) {
        switch (value) {
            case null -> out.writeByte(Amf0Marker.NULL);
            case Number n -> out.writeByte(Amf0Marker.NUMBER).writeDouble(n.doubleValue());
            case Boolean b -> out.writeByte(Amf0Marker.BOOLEAN).writeByte(b ? 1 : 0);
            case String s -> writeString(s);
            case AmfUndefined u -> out.writeByte(Amf0Marker.UNDEFINED);
            case AmfDate d -> out.writeByte(Amf0Marker.DATE).writeDouble(d.epochMillis())
                    .writeShort(d.timezoneMinutes());
            case AmfObject o when o.className() != null -> {
                out.writeByte(Amf0Marker.TYPED_OBJECT);
                writeUtf8(o.className(), "typed object class name");
                writeProperties(o);
            }
            case AmfEcmaArray a -> {
                out.writeByte(Amf0Marker.ECMA_ARRAY).writeInt(a.size());
                writeProperties(a);
            }
            case Map<?, ?> m -> {
                out.writeByte(Amf0Marker.OBJECT);
                writeProperties(m);
            }
            case List<?> list -> writeStrictArray(list);
            default -> throw new RillException(ErrorCode.AMF_INVALID,
                    "AMF0 cannot write a value of type " + value.getClass().getName());
        }
    }

    /** Spec 2.4 and 2.14: a short string when its UTF-8 fits a U16 length, else a long string. */
    private void writeString(String s) {
        if (ByteBufUtil.utf8Bytes(s) <= MAX_SHORT_STRING) {
            out.writeByte(Amf0Marker.STRING);
            writeUtf8(s, "string");
        } else {
            out.writeByte(Amf0Marker.LONG_STRING);
            int lengthIndex = out.writerIndex();
            out.writeInt(0);
            out.setInt(lengthIndex, ByteBufUtil.writeUtf8(out, s));
        }
    }

    /** UTF-8 with a U16 length (spec 1.3, UTF-8), as used for strings, keys and class names. */
    private void writeUtf8(String s, String what) {
        int length = ByteBufUtil.utf8Bytes(s);
        if (length > MAX_SHORT_STRING) {
            throw new RillException(ErrorCode.AMF_TOO_LARGE, "AMF0 " + what + " of " + length
                    + " bytes exceeds the U16 length limit " + MAX_SHORT_STRING);
        }
        out.writeShort(length);
        ByteBufUtil.writeUtf8(out, s);
    }

    private void writeProperties(Map<?, ?> map) {
        enter();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getKey() instanceof String key)) {
                throw new RillException(ErrorCode.AMF_INVALID, "AMF0 object key is not a String: "
                        + e.getKey());
            }
            writeUtf8(key, "object key");
            writeValue(e.getValue());
        }
        out.writeShort(0).writeByte(Amf0Marker.OBJECT_END);
        depth--;
    }

    private void writeStrictArray(List<?> list) {
        out.writeByte(Amf0Marker.STRICT_ARRAY).writeInt(list.size());
        enter();
        for (Object element : list) {
            writeValue(element);
        }
        depth--;
    }

    private void enter() {
        if (++depth > AmfLimits.MAX_DEPTH) {
            throw new RillException(ErrorCode.AMF_TOO_DEEP, "AMF0 write nesting depth " + depth
                    + " exceeds " + AmfLimits.MAX_DEPTH + " (a cyclic value?)");
        }
    }
}
