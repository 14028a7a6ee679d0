package dev.rill.server.live;

import dev.rill.server.log.ContextLog;

/**
 * Counts messages a slow consumer's queue dropped and logs them at most once per interval, so a
 * consumer that stays slow costs one line every few seconds, not one per shrink.
 */
public final class DropReport {
    static final long INTERVAL_MS = 5000;

    private final ContextLog log;
    private final String who;
    private long droppedSinceLog;
    private long lastLogMillis;

    /** @param who what is slow, for the line: "player", "destination" */
    public DropReport(ContextLog log, String who) {
        this.log = log;
        this.who = who;
    }

    public synchronized void add(int dropped) {
        droppedSinceLog += dropped;
        long now = System.currentTimeMillis();
        if (now - lastLogMillis < INTERVAL_MS) {
            return;
        }
        lastLogMillis = now;
        log.warn("{} too slow: queue over its length, dropped {} messages (shrunk to the last keyframe)", who,
                droppedSinceLog);
        droppedSinceLog = 0;
    }
}
