package dev.rill.bench;

import java.util.Arrays;
import java.util.BitSet;

/** The arithmetic of a run's report: percentiles and the fraction of a window a player received. */
final class Stats {
    private Stats() {
    }

    /**
     * Nearest-rank percentile of ascending {@code sorted}: the smallest value with at least
     * {@code p} percent of the values at or below it; 0 for an empty array.
     */
    static long percentile(long[] sorted, double p) {
        if (p < 0 || p > 100) {
            throw new IllegalArgumentException("percentile " + p + " is outside 0..100");
        }
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    /** p50, p95, p99 and max of {@code values} (sorted in place). */
    static Distribution distribution(long[] values) {
        Arrays.sort(values);
        long max = values.length == 0 ? 0 : values[values.length - 1];
        return new Distribution(values.length, percentile(values, 50), percentile(values, 95),
                percentile(values, 99), max);
    }

    /**
     * The fraction of the video messages published in the window (sequence numbers
     * {@code [windowFirst, windowEnd)}) that a player received, counting only those from its first
     * keyframe ({@code firstSeq}) on, since a player cannot be owed what came before it joined.
     * 1 when nothing was owed.
     */
    static double deliveredFraction(BitSet received, long windowFirst, long windowEnd, long firstSeq) {
        long from = Math.max(windowFirst, firstSeq);
        if (from >= windowEnd) {
            return 1.0;
        }
        int got = received.get(Math.toIntExact(from), Math.toIntExact(windowEnd)).cardinality();
        return (double) got / (windowEnd - from);
    }

    /** Count and quantiles of a set of samples (nanoseconds or any unit). */
    record Distribution(long count, long p50, long p95, long p99, long max) {
    }
}
