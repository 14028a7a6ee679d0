package dev.rill.server.hls;

import dev.rill.server.log.ContextLog;

/**
 * An error line at most once per interval, saying how many times it happened since the last one,
 * so a failure that repeats on every message does not flood the log.
 */
final class RateLimitedLog {
    private final ContextLog log;
    private final long intervalMs;
    private long lastMs = Long.MIN_VALUE / 2;
    private long count;

    RateLimitedLog(ContextLog log, long intervalMs) {
        this.log = log;
        this.intervalMs = intervalMs;
    }

    /** {@code format} takes one argument, {@code detail}; the count is appended. */
    void error(String format, String detail) {
        long now = System.currentTimeMillis();
        count++;
        if (now - lastMs < intervalMs) {
            return;
        }
        lastMs = now;
        log.error(format + " ({} times since the last report)", detail, count);
        count = 0;
    }
}
