package dev.rill.server.live;

import java.util.Arrays;

/**
 * What the bytes of a {@link LiveRun}'s shared encoding depend on, beyond the run's messages
 * themselves: the kind of encoding, a number that applies to the whole run (an RTMP chunk size)
 * and one number per message (a timestamp delta, an absolute timestamp). A player keeps one and
 * sets it for each run; what it leaves with the run is a {@link #copy}.
 */
public final class RunKey {
    private Object kind;
    private long tag;
    private long[] values = new long[64];
    private int size;

    /** Makes this the key of {@code kind}, {@code tag} and {@code values[0..n)} (copied). */
    public void set(Object kind, long tag, long[] values, int n) {
        if (this.values.length < n) {
            this.values = new long[Math.max(n, this.values.length * 2)];
        }
        System.arraycopy(values, 0, this.values, 0, n);
        this.kind = kind;
        this.tag = tag;
        this.size = n;
    }

    /** An equal key that does not change when this one is set again. */
    public RunKey copy() {
        RunKey k = new RunKey();
        k.kind = kind;
        k.tag = tag;
        k.values = Arrays.copyOf(values, size);
        k.size = size;
        return k;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RunKey k && k.kind.equals(kind) && k.tag == tag
                && Arrays.equals(k.values, 0, k.size, values, 0, size);
    }

    @Override
    public int hashCode() {
        int h = 31 * (31 * kind.hashCode() + Long.hashCode(tag)) + size;
        for (int i = 0; i < size; i++) {
            h = 31 * h + Long.hashCode(values[i]);
        }
        return h;
    }
}
