package dev.rill.codec.amf;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads one AMF0 value (AMF0 spec section 2). One reader serves one top-level value: its reference
 * table (spec 2.9) lists the complex values (objects, typed objects, ECMA arrays, strict arrays) in
 * the order they begin, so a reference may point at a container still being read.
 */
final class Amf0Reader {
    private final AmfInput in;
    private final List<Object> references = new ArrayList<>();

    Amf0Reader(AmfInput in) {
        this.in = in;
    }

    Object readValue() {
        int marker = in.readU8("marker");
        return switch (marker) {
            case Amf0Marker.NUMBER -> in.readDouble("number");
            case Amf0Marker.BOOLEAN -> in.readU8("boolean") != 0;
            case Amf0Marker.STRING -> in.readUtf8(in.readU16("string length"), "string");
            case Amf0Marker.OBJECT -> readProperties(register(new AmfObject()), "object");
            case Amf0Marker.NULL -> null;
            case Amf0Marker.UNDEFINED, Amf0Marker.UNSUPPORTED -> AmfUndefined.INSTANCE;
            case Amf0Marker.REFERENCE -> readReference();
            case Amf0Marker.ECMA_ARRAY -> readEcmaArray();
            case Amf0Marker.STRICT_ARRAY -> readStrictArray();
            case Amf0Marker.DATE -> new AmfDate(in.readDouble("date"), in.readS16("date time zone"));
            case Amf0Marker.LONG_STRING -> in.readUtf8(in.readU32("long string length"), "long string");
            case Amf0Marker.XML_DOCUMENT -> in.readUtf8(in.readU32("XML document length"), "XML document");
            case Amf0Marker.TYPED_OBJECT -> readTypedObject();
            case Amf0Marker.AVMPLUS_OBJECT -> new Amf3Reader(
                    new AmfInput(in.buf(), in.limits(), "AMF3", in.depth())).readValue();
            case Amf0Marker.MOVIECLIP -> throw in.invalid("movieclip marker 0x04 is reserved, not supported");
            case Amf0Marker.RECORDSET -> throw in.invalid("recordset marker 0x0E is reserved, not supported");
            case Amf0Marker.OBJECT_END -> throw in.invalid("object end marker 0x09 outside an object");
            default -> throw in.invalid(String.format("unknown marker 0x%02X", marker));
        };
    }

    private <T> T register(T complex) {
        references.add(complex);
        return complex;
    }

    private Object readReference() {
        int index = in.readU16("reference");
        if (index >= references.size()) {
            throw in.invalid("reference " + index + " out of range: " + references.size()
                    + " complex values read so far");
        }
        return references.get(index);
    }

    /** Spec 2.10: the associative count is ignored, as real encoders send wrong ones. */
    private AmfEcmaArray readEcmaArray() {
        in.readU32("ECMA array count");
        return readProperties(register(new AmfEcmaArray()), "ECMA array");
    }

    /** Spec 2.18: a class name, then properties as in an anonymous object. */
    private AmfObject readTypedObject() {
        String className = in.readUtf8(in.readU16("typed object class name length"), "typed object class name");
        return readProperties(register(new AmfObject().className(className)), "typed object");
    }

    /** Spec 2.5: (UTF-8 key, value)* then an empty key and the object end marker. */
    private <M extends Map<String, Object>> M readProperties(M map, String what) {
        in.enter();
        long count = 0;
        while (true) {
            String key = in.readUtf8(in.readU16(what + " key length"), what + " key");
            if (key.isEmpty() && in.peekU8() == Amf0Marker.OBJECT_END) {
                in.readU8(what + " end");
                break;
            }
            in.checkElements(++count, what);
            map.put(key, readValue());
        }
        in.leave();
        return map;
    }

    /** Spec 2.12: a U32 count, then that many values. */
    private List<Object> readStrictArray() {
        int count = in.checkCount(in.readU32("strict array count"), 1, "strict array");
        List<Object> list = register(new ArrayList<>(count));
        in.enter();
        for (int i = 0; i < count; i++) {
            list.add(readValue());
        }
        in.leave();
        return list;
    }
}
