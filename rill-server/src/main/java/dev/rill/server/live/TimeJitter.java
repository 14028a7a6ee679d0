package dev.rill.server.live;

import dev.rill.codec.rtmp.command.Command;
import java.util.List;

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

    /**
     * Each message's timestamp to send, in {@code out} or, when it is too small, in a larger new
     * array (returned); advances the state. Statuses the server queues for a player
     * (PublishNotify, UnpublishNotify) are not the publisher's: they keep their timestamps and do
     * not set the base that zero and full measure from.
     */
    public long[] correctAll(List<SharedMessage> batch, long[] out) {
        int n = batch.size();
        long[] timestamps = out.length >= n ? out : new long[Math.max(n, out.length * 2)];
        for (int i = 0; i < n; i++) {
            SharedMessage m = batch.get(i);
            timestamps[i] = Command.isCommand(m.typeId()) ? m.timestamp() : correct(m.timestamp(), m.isAv());
        }
        return timestamps;
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
