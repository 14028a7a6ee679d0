package dev.rill.bench;

/**
 * The measured interval, in {@link System#nanoTime}: set by the run, read by every player on its
 * event loop. Until it opens, it contains nothing.
 */
final class MeasureWindow {
    private volatile long start = Long.MAX_VALUE;
    private volatile long end = Long.MAX_VALUE;

    void open(long nanos) {
        start = nanos;
    }

    void close(long nanos) {
        end = nanos;
    }

    boolean contains(long nanos) {
        return nanos >= start && nanos < end;
    }

    long start() {
        return start;
    }

    long end() {
        return end;
    }
}
