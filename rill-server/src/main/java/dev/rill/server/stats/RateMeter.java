package dev.rill.server.stats;

/**
 * Kbps over the last 30 s and 5 min of a growing byte total, from samples taken about once a
 * second. Keeps 31 one-second samples and 31 ten-second samples, so its memory is fixed whatever
 * the rate. Before a window has filled, the rate is over the time sampled so far.
 */
public final class RateMeter {
    static final long SHORT_WINDOW_MS = 30_000;
    static final long LONG_WINDOW_MS = 300_000;
    private static final long LONG_STEP_MS = 10_000;
    private static final int SLOTS = 31;

    private final Ring shortRing = new Ring();
    private final Ring longRing = new Ring();

    /** Records {@code totalBytes} seen at {@code nowMs}. */
    public synchronized void sample(long nowMs, long totalBytes) {
        shortRing.add(nowMs, totalBytes);
        if (longRing.count == 0 || nowMs - longRing.latestTime() >= LONG_STEP_MS) {
            longRing.add(nowMs, totalBytes);
        }
    }

    public synchronized int kbps30s() {
        return shortRing.kbps(SHORT_WINDOW_MS);
    }

    /** Until two ten-second samples exist, the 30 s rate stands in. */
    public synchronized int kbps5m() {
        return longRing.count < 2 ? shortRing.kbps(SHORT_WINDOW_MS) : longRing.kbps(LONG_WINDOW_MS);
    }

    /** A fixed ring of (time, bytes) samples, oldest overwritten first. */
    private static final class Ring {
        final long[] times = new long[SLOTS];
        final long[] bytes = new long[SLOTS];
        int head;
        int count;

        void add(long time, long total) {
            times[head] = time;
            bytes[head] = total;
            head = (head + 1) % SLOTS;
            count = Math.min(count + 1, SLOTS);
        }

        long latestTime() {
            return times[(head - 1 + SLOTS) % SLOTS];
        }

        int kbps(long windowMs) {
            if (count < 2) {
                return 0;
            }
            int latest = (head - 1 + SLOTS) % SLOTS;
            int oldest = latest;
            for (int i = 1; i < count; i++) {
                int idx = (latest - i + SLOTS) % SLOTS;
                if (times[latest] - times[idx] > windowMs) {
                    break;
                }
                oldest = idx;
            }
            long ms = times[latest] - times[oldest];
            // Bits per millisecond are kilobits per second.
            return ms <= 0 ? 0 : (int) ((bytes[latest] - bytes[oldest]) * 8 / ms);
        }
    }
}
