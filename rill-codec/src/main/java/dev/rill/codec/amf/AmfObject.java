package dev.rill.codec.amf;

import java.io.Serial;
import java.util.LinkedHashMap;
import java.util.Objects;

/**
 * An AMF0 object (spec 2.5) or typed object (spec 2.18), or an AMF3 object (AMF3 spec 3.12):
 * properties in wire order. A non-null {@link #className()} makes it a typed object on the wire.
 * Two AmfObjects are equal when their properties and class names are; against any other map only the
 * properties count.
 */
public final class AmfObject extends LinkedHashMap<String, Object> {
    @Serial
    private static final long serialVersionUID = 1L;

    private String className;

    public AmfObject() {
    }

    /** {@code of("code", "NetStream.Play.Start", "level", "status")}: keys must be Strings. */
    public static AmfObject of(Object... keyValuePairs) {
        return AmfPairs.putAll(new AmfObject(), keyValuePairs);
    }

    /** The value if it is a String, else null. */
    public String getString(String key) {
        return get(key) instanceof String s ? s : null;
    }

    /** The value as a Double if it is any Number (AMF3 integers read as Integer), else null. */
    public Double getNumber(String key) {
        return get(key) instanceof Number n ? n.doubleValue() : null;
    }

    /** The value if it is a Boolean, else null. */
    public Boolean getBoolean(String key) {
        return get(key) instanceof Boolean b ? b : null;
    }

    /** The typed object's class name; null for a plain (anonymous) object. */
    public String className() {
        return className;
    }

    /** Sets the class name (null for a plain object) and returns this object. */
    public AmfObject className(String name) {
        this.className = name;
        return this;
    }

    @Override
    public boolean equals(Object o) {
        if (o instanceof AmfObject other && !Objects.equals(className, other.className)) {
            return false;
        }
        return super.equals(o);
    }

    @Override
    public int hashCode() {
        return super.hashCode();
    }

    @Override
    public String toString() {
        return className == null ? super.toString() : className + super.toString();
    }
}
