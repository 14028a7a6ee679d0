package dev.rill.codec.amf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.codec.ErrorCode;
import dev.rill.codec.RillException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** What the AMF fuzz tests check about a value read from fuzzed bytes. */
final class AmfFuzzSupport {
    /** Values with more nodes than this (counting shared ones each time they appear) are not compared. */
    static final int MAX_NODES = 20_000;

    private AmfFuzzSupport() {
    }

    /** A reader failure: one of the AMF codes, a message naming the format, the reader index rewound. */
    static void checkFailure(RillException e, int indexBefore, int indexAfter) {
        assertThat(e.code()).as("code of %s", e).isIn(ErrorCode.AMF_INVALID, ErrorCode.AMF_TOO_DEEP,
                ErrorCode.AMF_TOO_LARGE);
        assertThat(e.getMessage()).as("message").matches("(?s)AMF[03] .+");
        assertThat(indexAfter).as("reader index after a failed read").isEqualTo(indexBefore);
    }

    /**
     * Whether {@code value} is a finite tree of at most {@link #MAX_NODES} nodes (references
     * repeated count each time, so a cycle never is) made only of types AMF0 can write.
     */
    static boolean amf0Writable(Object value) {
        return nodes(value, new int[] {MAX_NODES}, Collections.newSetFromMap(new IdentityHashMap<>()), true);
    }

    /** Whether {@code value} is a finite tree of at most {@link #MAX_NODES} nodes. */
    static boolean finite(Object value) {
        return nodes(value, new int[] {MAX_NODES}, Collections.newSetFromMap(new IdentityHashMap<>()), false);
    }

    private static boolean nodes(Object value, int[] budget, Set<Object> path, boolean amf0Only) {
        if (--budget[0] < 0) {
            return false;
        }
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            if (!path.add(value)) {
                return false;
            }
            try {
                if (value instanceof Map<?, ?> map) {
                    if (amf0Only && !(map instanceof AmfObject || map instanceof AmfEcmaArray)) {
                        return false;
                    }
                    for (Map.Entry<?, ?> e : map.entrySet()) {
                        if (!nodes(e.getKey(), budget, path, amf0Only) || !nodes(e.getValue(), budget, path, amf0Only)) {
                            return false;
                        }
                    }
                } else {
                    for (Object element : (List<?>) value) {
                        if (!nodes(element, budget, path, amf0Only)) {
                            return false;
                        }
                    }
                }
                return true;
            } finally {
                path.remove(value);
            }
        }
        if (!amf0Only) {
            return true;
        }
        return value == null || value instanceof Double || value instanceof Boolean || value instanceof String
                || value instanceof AmfDate || value instanceof AmfUndefined;
    }

    /**
     * Equality that also compares the Java types (an ECMA array is not an object, a typed object's
     * class name counts) and the order of entries; only for values {@link #finite} accepts.
     */
    static boolean sameValue(Object a, Object b) {
        if (a == null || b == null) {
            return a == b;
        }
        if (a.getClass() != b.getClass()) {
            return false;
        }
        if (a instanceof AmfObject oa && !Objects.equals(oa.className(), ((AmfObject) b).className())) {
            return false;
        }
        if (a instanceof Map<?, ?> ma) {
            Map<?, ?> mb = (Map<?, ?>) b;
            if (ma.size() != mb.size()) {
                return false;
            }
            Iterator<? extends Map.Entry<?, ?>> ib = mb.entrySet().iterator();
            for (Map.Entry<?, ?> ea : ma.entrySet()) {
                Map.Entry<?, ?> eb = ib.next();
                if (!sameValue(ea.getKey(), eb.getKey()) || !sameValue(ea.getValue(), eb.getValue())) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof List<?> la) {
            List<?> lb = (List<?>) b;
            if (la.size() != lb.size()) {
                return false;
            }
            for (int i = 0; i < la.size(); i++) {
                if (!sameValue(la.get(i), lb.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof byte[] ba) {
            return Arrays.equals(ba, (byte[]) b);
        }
        return a.equals(b);
    }

    /** Names of the vectors of a table of (name, value, hex) arguments, and their bytes. */
    static List<Object[]> table(java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> args) {
        List<Object[]> out = new ArrayList<>();
        args.forEach(a -> out.add(a.get()));
        return out;
    }
}
