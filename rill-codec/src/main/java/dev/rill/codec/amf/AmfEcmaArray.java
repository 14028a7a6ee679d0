package dev.rill.codec.amf;

import java.io.Serial;
import java.util.LinkedHashMap;

/**
 * An AMF0 ECMA array (AMF0 spec 2.10): string keys in wire order. Also what an AMF3 array with an
 * associative part reads as, its dense entries under the keys "0", "1", ...
 */
public final class AmfEcmaArray extends LinkedHashMap<String, Object> {
    @Serial
    private static final long serialVersionUID = 1L;

    public AmfEcmaArray() {
    }

    /** {@code of("duration", 0.0, "width", 1280.0)}: keys must be Strings. */
    public static AmfEcmaArray of(Object... keyValuePairs) {
        return AmfPairs.putAll(new AmfEcmaArray(), keyValuePairs);
    }
}
