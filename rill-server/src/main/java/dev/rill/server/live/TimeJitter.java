package dev.rill.server.live;

/**
 * Per-consumer timestamp correction, SRS's three {@code time_jitter} modes (SrsRtmpJitter):
 * full makes audio/video timestamps start at 0 and increase monotonically, replacing any jump over
 * 250 ms by a 10 ms step, and sets other messages to 0; zero only shifts to start at 0; off keeps
 * the publisher's timestamps.
 */
public final class TimeJitter {
    public enum Mode { FULL, ZERO, OFF }

    static final long MAX_JITTER_MS = 250;
    static final long DEFAULT_FRAME_TIME_MS = 10;

    private final Mode mode;
    private long lastPacketTime = -1;
    private long lastCorrectTime = -1;

    public TimeJitter(Mode mode) {
        this.mode = mode;
    }

    /** The timestamp to send for a message with {@code timestamp}; advances the state. */
    public long correct(long timestamp, boolean av) {
        return switch (mode) {
            case OFF -> timestamp;
            case ZERO -> zero(timestamp);
            case FULL -> full(timestamp, av);
        };
    }

    private long zero(long timestamp) {
        if (lastCorrectTime < 0) {
            lastCorrectTime = timestamp;
        }
        return Math.max(0, timestamp - lastCorrectTime) & 0xFFFFFFFFL;
    }

    private long full(long timestamp, boolean av) {
        if (!av) {
            return 0;
        }
        if (lastPacketTime < 0) {
            lastPacketTime = timestamp;
            lastCorrectTime = 0;
            return 0;
        }
        long delta = timestamp - lastPacketTime;
        if (delta < -MAX_JITTER_MS || delta > MAX_JITTER_MS) {
            delta = DEFAULT_FRAME_TIME_MS;
        }
        lastCorrectTime = Math.max(0, lastCorrectTime + delta);
        lastPacketTime = timestamp;
        return lastCorrectTime & 0xFFFFFFFFL;
    }
}
