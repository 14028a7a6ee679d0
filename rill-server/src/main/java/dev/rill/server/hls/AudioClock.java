package dev.rill.server.hls;

/**
 * Audio timestamps from the sample count ({@code hls_dts_directly off}): each frame starts where
 * the previous one ended, so encoder jitter in millisecond timestamps does not reach the segments.
 * When the stream's own timestamp drifts further than {@link #RESYNC_MS} from the count (a gap, a
 * new publisher), the count starts again from it.
 */
final class AudioClock {
    static final long RESYNC_MS = 200;

    private double next = -1;

    long next(long timestampMs, double frameMs) {
        if (next < 0 || Math.abs(timestampMs - next) > RESYNC_MS) {
            next = timestampMs;
        }
        long out = Math.round(next);
        next += frameMs;
        return out;
    }
}
