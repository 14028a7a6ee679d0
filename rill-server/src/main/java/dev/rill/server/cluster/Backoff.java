package dev.rill.server.cluster;

/**
 * Delays between reconnect attempts: {@value #INITIAL_MS} ms, doubling up to {@value #MAX_MS} ms;
 * {@link #reset()} after a connection that stayed up. Used on one event loop only.
 */
final class Backoff {
    static final long INITIAL_MS = 1000;
    static final long MAX_MS = 30_000;

    private final long initialMs;
    private final long maxMs;
    private long nextMs;

    Backoff() {
        this(INITIAL_MS, MAX_MS);
    }

    Backoff(long initialMs, long maxMs) {
        this.initialMs = initialMs;
        this.maxMs = maxMs;
        this.nextMs = initialMs;
    }

    /** The delay before the next attempt; each call doubles the one after, up to the maximum. */
    long next() {
        long delay = nextMs;
        nextMs = Math.min(maxMs, nextMs * 2);
        return delay;
    }

    void reset() {
        nextMs = initialMs;
    }
}
