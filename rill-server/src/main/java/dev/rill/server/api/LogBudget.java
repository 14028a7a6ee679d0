package dev.rill.server.api;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/**
 * At most {@code lines} log lines per interval for one kind of event, so a client cannot flood the
 * log; the events held back are counted by source and told in one summary line, which
 * {@link #drain} gives for a periodic task to log.
 */
final class LogBudget {
    /** The most sources a summary names one by one; the rest are "others". */
    static final int NAMED_SOURCES = 5;

    private final LongSupplier millis;
    private final int lines;
    private final long intervalMs;
    private long intervalStart;
    private int used;
    private long held;
    private final Map<String, Long> heldBySource = new LinkedHashMap<>();
    private long heldByOthers;

    /** {@code millis} is a monotonic clock in milliseconds. */
    LogBudget(LongSupplier millis, int lines, long intervalMs) {
        this.millis = millis;
        this.lines = lines;
        this.intervalMs = intervalMs;
        this.intervalStart = millis.getAsLong();
    }

    /** True when an event of {@code source} may be logged now; otherwise it is counted. */
    synchronized boolean take(String source) {
        long now = millis.getAsLong();
        if (now - intervalStart >= intervalMs) {
            intervalStart = now;
            used = 0;
        }
        if (used < lines) {
            used++;
            return true;
        }
        hold(source);
        return false;
    }

    /** Counts an event of {@code source} that is not worth a line of its own. */
    synchronized void hold(String source) {
        held++;
        Long n = heldBySource.get(source);
        if (n != null || heldBySource.size() < NAMED_SOURCES) {
            heldBySource.put(source, n == null ? 1 : n + 1);
        } else {
            heldByOthers++;
        }
    }

    /**
     * What was held back since the last call, as "N (from A: n, B: m, others: k)", and starts
     * counting anew; null when nothing was.
     */
    synchronized String drain() {
        if (held == 0) {
            return null;
        }
        String from = heldBySource.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue())
                .collect(Collectors.joining(", "));
        String text = held + " (from " + from + (heldByOthers > 0 ? ", others: " + heldByOthers : "") + ")";
        held = 0;
        heldByOthers = 0;
        heldBySource.clear();
        return text;
    }
}
