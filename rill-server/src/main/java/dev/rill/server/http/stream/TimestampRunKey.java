package dev.rill.server.http.stream;

import java.util.Arrays;

/**
 * What the bytes of a live run depend on in a format that carries each message's absolute
 * timestamp (FLV) when every player gets the same messages: the format and the timestamps after
 * the player's jitter correction. Players that joined at the same point of the stream have the same timeline,
 * and so equal keys.
 */
final class TimestampRunKey {
    /** The encoder's class: players of different formats in one group never share. */
    private Class<?> format;
    private long[] timestamps = new long[64];
    private int size;

    /** Makes this the key of a run that {@code encoder} writes at {@code corrected[0..n)}. */
    void set(RunEncoder encoder, long[] corrected, int n) {
        format = encoder.getClass();
        if (timestamps.length < n) {
            timestamps = new long[Math.max(n, timestamps.length * 2)];
        }
        System.arraycopy(corrected, 0, timestamps, 0, n);
        size = n;
    }

    /** An equal key that does not change when this one is set again. */
    TimestampRunKey copy() {
        TimestampRunKey k = new TimestampRunKey();
        k.format = format;
        k.timestamps = Arrays.copyOf(timestamps, size);
        k.size = size;
        return k;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TimestampRunKey k && k.format == format
                && Arrays.equals(k.timestamps, 0, k.size, timestamps, 0, size);
    }

    @Override
    public int hashCode() {
        int h = 31 * format.hashCode() + size;
        for (int i = 0; i < size; i++) {
            h = 31 * h + Long.hashCode(timestamps[i]);
        }
        return h;
    }
}
