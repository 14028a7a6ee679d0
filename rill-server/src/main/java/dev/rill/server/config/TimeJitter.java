package dev.rill.server.config;

/** SRS {@code play.time_jitter}: how timestamps are corrected before delivery. */
public enum TimeJitter {
    /** Make timestamps monotonic, starting at 0 (SRS default). */
    FULL,
    /** Only shift timestamps so the stream starts at 0. */
    ZERO,
    /** Deliver timestamps as received. */
    OFF;

    static TimeJitter of(String word) {
        return valueOf(word.toUpperCase(java.util.Locale.ROOT));
    }
}
