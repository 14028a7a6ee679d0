package dev.rill.codec.amf;

import java.util.Map;

/** Fills a map from alternating keys and values, for the {@code of(...)} factories. */
final class AmfPairs {
    private AmfPairs() {
    }

    static <M extends Map<String, Object>> M putAll(M map, Object... keyValuePairs) {
        if (keyValuePairs.length % 2 != 0) {
            throw new IllegalArgumentException("odd number of arguments: " + keyValuePairs.length
                    + " (expected key, value, key, value, ...)");
        }
        for (int i = 0; i < keyValuePairs.length; i += 2) {
            if (!(keyValuePairs[i] instanceof String key)) {
                throw new IllegalArgumentException("key at argument " + i + " is not a String: "
                        + keyValuePairs[i]);
            }
            map.put(key, keyValuePairs[i + 1]);
        }
        return map;
    }
}
