package dev.rill.codec.amf;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one AMF3 value (AMF3 spec section 3) with its own string, object and traits reference tables
 * (spec 2.2). Containers are added to the object table before their contents are read, so a member
 * may refer back to an enclosing container.
 */
final class Amf3Reader {
    private final AmfInput in;
    private final List<String> strings = new ArrayList<>();
    private final List<Object> objects = new ArrayList<>();
    private final List<Amf3Traits> traits = new ArrayList<>();

    Amf3Reader(AmfInput in) {
        this.in = in;
    }

    Object readValue() {
        int marker = in.readU8("marker");
        return switch (marker) {
            case Amf3Marker.UNDEFINED -> AmfUndefined.INSTANCE;
            case Amf3Marker.NULL -> null;
            case Amf3Marker.FALSE -> false;
            case Amf3Marker.TRUE -> true;
            case Amf3Marker.INTEGER -> (readU29("integer") << 3) >> 3;
            case Amf3Marker.DOUBLE -> in.readDouble("double");
            case Amf3Marker.STRING -> readString("string");
            case Amf3Marker.XML_DOC -> readXml("XML document");
            case Amf3Marker.XML -> readXml("XML");
            case Amf3Marker.DATE -> readDate();
            case Amf3Marker.ARRAY -> readArray();
            case Amf3Marker.OBJECT -> readObject();
            case Amf3Marker.BYTE_ARRAY -> readByteArray();
            case Amf3Marker.VECTOR_INT, Amf3Marker.VECTOR_UINT, Amf3Marker.VECTOR_DOUBLE ->
                    readNumberVector(marker);
            case Amf3Marker.VECTOR_OBJECT -> readObjectVector();
            case Amf3Marker.DICTIONARY -> readDictionary();
            default -> throw in.invalid(String.format("unknown marker 0x%02X", marker));
        };
    }

    /** Spec 1.3.1: 1 to 4 bytes, 7 bits from each of the first three and 8 from a fourth. */
    private int readU29(String what) {
        int value = 0;
        for (int i = 0; i < 3; i++) {
            int b = in.readU8(what);
            if ((b & 0x80) == 0) {
                return (value << 7) | b;
            }
            value = (value << 7) | (b & 0x7F);
        }
        return (value << 8) | in.readU8(what);
    }

    /** Spec 1.3.2: a string reference, or an inline string added to the table unless empty. */
    private String readString(String what) {
        int header = readU29(what + " header");
        if ((header & 1) == 0) {
            int index = header >>> 1;
            if (index >= strings.size()) {
                throw in.invalid(what + " reference " + index + " out of range: " + strings.size()
                        + " strings in the table");
            }
            return strings.get(index);
        }
        int length = header >>> 1;
        if (length == 0) {
            return "";
        }
        String s = in.readUtf8(length, what);
        strings.add(s);
        return s;
    }

    /** Spec 2.2: a U29O header with the low bit clear is an index into the object table. */
    private static boolean isReference(int header) {
        return (header & 1) == 0;
    }

    private Object objectAt(int header, String what) {
        int index = header >>> 1;
        if (index >= objects.size()) {
            throw in.invalid(what + " reference " + index + " out of range: " + objects.size()
                    + " objects in the table");
        }
        return objects.get(index);
    }

    private <T> T register(T value) {
        objects.add(value);
        return value;
    }

    /** Spec 3.9 and 3.13: XML as a UTF-8 string, in the object table. */
    private Object readXml(String what) {
        int header = readU29(what + " header");
        if (isReference(header)) {
            return objectAt(header, what);
        }
        return register(in.readUtf8(header >>> 1, what));
    }

    /** Spec 3.10: milliseconds since the epoch, UTC. */
    private Object readDate() {
        int header = readU29("date header");
        if (isReference(header)) {
            return objectAt(header, "date");
        }
        return register(new AmfDate(in.readDouble("date"), 0));
    }

    /** Spec 3.14: raw bytes. */
    private Object readByteArray() {
        int header = readU29("byte array header");
        if (isReference(header)) {
            return objectAt(header, "byte array");
        }
        return register(in.readBytes(header >>> 1, "byte array"));
    }

    /**
     * Spec 3.11: a dense count, associative (key, value) pairs up to an empty key, then the dense
     * values. Without associative pairs it reads as a List, else as an {@link AmfEcmaArray} holding
     * the pairs and then the dense values under "0", "1", ...
     */
    private Object readArray() {
        int header = readU29("array header");
        if (isReference(header)) {
            return objectAt(header, "array");
        }
        int denseCount = in.checkCount(header >>> 1, 1, "array");
        in.enter();
        String key = readString("array key");
        Object result;
        if (key.isEmpty()) {
            List<Object> list = register(new ArrayList<>(denseCount));
            for (int i = 0; i < denseCount; i++) {
                list.add(readValue());
            }
            result = list;
        } else {
            AmfEcmaArray map = register(new AmfEcmaArray());
            long count = denseCount;
            while (!key.isEmpty()) {
                in.checkElements(++count, "array");
                map.put(key, readValue());
                key = readString("array key");
            }
            for (int i = 0; i < denseCount; i++) {
                map.put(Integer.toString(i), readValue());
            }
            result = map;
        }
        in.leave();
        return result;
    }

    /** Spec 3.12: traits, sealed member values in trait order, then dynamic members up to "". */
    private Object readObject() {
        int header = readU29("object header");
        if (isReference(header)) {
            return objectAt(header, "object");
        }
        Amf3Traits t = readTraits(header >>> 1);
        AmfObject object = register(new AmfObject().className(t.className().isEmpty() ? null : t.className()));
        in.enter();
        for (String name : t.sealedNames()) {
            object.put(name, readValue());
        }
        if (t.dynamic()) {
            long count = t.sealedNames().size();
            for (String key = readString("object key"); !key.isEmpty(); key = readString("object key")) {
                in.checkElements(++count, "object");
                object.put(key, readValue());
            }
        }
        in.leave();
        return object;
    }

    /** The object header without its low bit: a traits reference, inline traits, or externalizable. */
    private Amf3Traits readTraits(int header) {
        if ((header & 1) == 0) {
            int index = header >>> 1;
            if (index >= traits.size()) {
                throw in.invalid("traits reference " + index + " out of range: " + traits.size()
                        + " traits in the table");
            }
            return traits.get(index);
        }
        if ((header & 2) != 0) {
            String className = readString("externalizable class name");
            throw in.invalid("externalizable object of class '" + className
                    + "' cannot be decoded: its format is private to the class");
        }
        boolean dynamic = (header & 4) != 0;
        int sealedCount = in.checkCount(header >>> 3, 1, "object traits");
        String className = readString("object class name");
        List<String> names = new ArrayList<>(sealedCount);
        for (int i = 0; i < sealedCount; i++) {
            names.add(readString("sealed member name"));
        }
        Amf3Traits t = new Amf3Traits(className, dynamic, List.copyOf(names));
        traits.add(t);
        return t;
    }

    /** Spec 3.15: Vector.&lt;int&gt; (Integer), Vector.&lt;uint&gt; (Long), Vector.&lt;Number&gt; (Double). */
    private Object readNumberVector(int marker) {
        String what = switch (marker) {
            case Amf3Marker.VECTOR_INT -> "vector of int";
            case Amf3Marker.VECTOR_UINT -> "vector of uint";
            default -> "vector of double";
        };
        int header = readU29(what + " header");
        if (isReference(header)) {
            return objectAt(header, what);
        }
        in.readU8(what + " fixed flag");
        int count = in.checkCount(header >>> 1, marker == Amf3Marker.VECTOR_DOUBLE ? 8 : 4, what);
        List<Object> list = register(new ArrayList<>(count));
        for (int i = 0; i < count; i++) {
            list.add(switch (marker) {
                case Amf3Marker.VECTOR_INT -> in.readS32(what);
                case Amf3Marker.VECTOR_UINT -> in.readU32(what);
                default -> in.readDouble(what);
            });
        }
        return list;
    }

    /** Spec 3.15: Vector.&lt;Object&gt;: an element type name (ignored), then AMF3 values. */
    private Object readObjectVector() {
        int header = readU29("vector of object header");
        if (isReference(header)) {
            return objectAt(header, "vector of object");
        }
        in.readU8("vector of object fixed flag");
        int count = in.checkCount(header >>> 1, 1, "vector of object");
        readString("vector of object type name");
        List<Object> list = register(new ArrayList<>(count));
        in.enter();
        for (int i = 0; i < count; i++) {
            list.add(readValue());
        }
        in.leave();
        return list;
    }

    /**
     * Spec 3.16: (key, value) pairs with AMF3 keys. Keys that are containers are refused: hashing a
     * container that refers to itself would never end.
     */
    private Object readDictionary() {
        int header = readU29("dictionary header");
        if (isReference(header)) {
            return objectAt(header, "dictionary");
        }
        int count = in.checkCount(header >>> 1, 2, "dictionary");
        in.readU8("dictionary weak-keys flag");
        Map<Object, Object> map = register(new LinkedHashMap<>());
        in.enter();
        for (int i = 0; i < count; i++) {
            Object key = readValue();
            if (key instanceof Map<?, ?> || key instanceof List<?>) {
                throw in.invalid("dictionary key of type " + key.getClass().getSimpleName()
                        + " not supported: only scalar keys are");
            }
            map.put(key, readValue());
        }
        in.leave();
        return map;
    }
}
