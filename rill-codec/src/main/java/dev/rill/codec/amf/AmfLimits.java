package dev.rill.codec.amf;

/**
 * Caps on what an AMF0/AMF3 reader accepts from the wire. Exceeding one fails the read with
 * {@code AMF_TOO_DEEP} or {@code AMF_TOO_LARGE}; no buffer is sized from a length field before it has
 * been checked against these caps and against the bytes actually readable.
 *
 * @param maxDepth nesting of containers (objects, typed objects, ECMA arrays, strict arrays, AMF3
 *     arrays, vectors of objects, dictionaries); a top-level object is depth 1. Default 64, far above
 *     any real command or metadata. At most {@link #MAX_DEPTH}, so the recursive reader can never
 *     exhaust a thread's stack.
 * @param maxStringLength bytes of UTF-8 in one string, long string, XML document or object key, and
 *     bytes in one AMF3 byte array. Default 1 MiB: metadata can carry large strings, commands never do.
 * @param maxElements entries in one container (properties of an object, elements of an array, vector
 *     or dictionary). Default 65536.
 */
public record AmfLimits(int maxDepth, int maxStringLength, int maxElements) {
    /** The deepest nesting any reader or writer allows, whatever the limits say. */
    public static final int MAX_DEPTH = 512;

    public static final AmfLimits DEFAULT = new AmfLimits(64, 1 << 20, 65536);

    public AmfLimits {
        if (maxDepth < 1 || maxDepth > MAX_DEPTH) {
            throw new IllegalArgumentException("maxDepth " + maxDepth + " outside 1.." + MAX_DEPTH);
        }
        if (maxStringLength < 0) {
            throw new IllegalArgumentException("maxStringLength " + maxStringLength + " is negative");
        }
        if (maxElements < 0) {
            throw new IllegalArgumentException("maxElements " + maxElements + " is negative");
        }
    }
}
