package dev.rill.codec.amf;

import dev.rill.codec.RillException;
import io.netty.buffer.ByteBuf;

/**
 * AMF3 (Adobe AMF3 specification) reading, for AMF3 values embedded in AMF0 behind the AVM+ marker
 * and for RTMP's AMF3 command and data messages. Java mapping: undefined {@link AmfUndefined}, null,
 * Boolean, integer Integer (29-bit, sign-extended), double Double, string, XML document and XML
 * String, date {@link AmfDate} (time zone 0), array List (dense only) or {@link AmfEcmaArray}
 * (with associative part, dense entries under "0", "1", ...), object {@link AmfObject} (class name
 * null when anonymous; externalizable objects are refused), byte array byte[], vectors of int, uint,
 * double and object List of Integer, Long, Double and Object, dictionary
 * {@code LinkedHashMap<Object, Object>} (scalar keys only).
 */
public final class Amf3 {
    private Amf3() {
    }

    /**
     * Reads one value, advancing the reader index past it, with fresh string, object and traits
     * reference tables.
     *
     * @throws RillException AMF_INVALID on malformed or truncated input, AMF_TOO_DEEP or
     *     AMF_TOO_LARGE when a limit is exceeded; the reader index is then left where it was
     */
    public static Object read(ByteBuf in, AmfLimits limits) {
        int start = in.readerIndex();
        try {
            return new Amf3Reader(new AmfInput(in, limits, "AMF3", 0)).readValue();
        } catch (RillException e) {
            in.readerIndex(start);
            throw e;
        }
    }
}
