package dev.rill.codec.flv;

/**
 * Caps applied by {@link FlvReader}.
 *
 * @param maxTagSize the largest tag data size accepted, in bytes (default 8 MiB). The wire field is
 *                   24 bits, so the cap can be at most 16,777,215.
 */
public record FlvLimits(int maxTagSize) {
    /** The largest value the 24-bit DataSize field can carry. */
    public static final int MAX_WIRE_TAG_SIZE = 0xFFFFFF;

    public static final int DEFAULT_MAX_TAG_SIZE = 8 * 1024 * 1024;

    public static final FlvLimits DEFAULT = new FlvLimits(DEFAULT_MAX_TAG_SIZE);

    public FlvLimits {
        if (maxTagSize < 0 || maxTagSize > MAX_WIRE_TAG_SIZE) {
            throw new IllegalArgumentException(
                    "maxTagSize " + maxTagSize + " outside 0.." + MAX_WIRE_TAG_SIZE);
        }
    }
}
