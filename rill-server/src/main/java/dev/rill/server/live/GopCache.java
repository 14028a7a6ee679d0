package dev.rill.server.live;

import dev.rill.codec.ByteBudget;
import java.util.ArrayList;
import java.util.List;

/**
 * The messages since the latest video keyframe, so a new player starts at once with a picture
 * (SRS's SrsGopCache). A keyframe clears the cache and starts a GOP; video before the first
 * keyframe is dropped, so a new player never starts on frames it cannot decode. Audio before the
 * first video is cached too (pure audio streams), restarting every {@link #PURE_AUDIO_LIMIT}
 * messages so memory stays bounded. A GOP longer than {@link #MAX_MESSAGES} or its byte limit, or one that would pass the budget all caches and
 * queues share, is dropped rather than grown, and caching resumes at the next keyframe (a publisher
 * that never sends one, or whose timestamps never advance, cannot grow it without end).
 */
final class GopCache {
    static final int PURE_AUDIO_LIMIT = 115;
    static final int MAX_MESSAGES = 8192;

    private final List<SharedMessage> messages = new ArrayList<>();
    private final GopLimits limits;
    private long bytes;
    private long overflows;
    private boolean enabled;
    private int audioAfterLastVideo;
    private boolean sawVideo;
    /** Whether the cache starts at a keyframe, so later inter frames may join it. */
    private boolean inGop;

    GopCache(boolean enabled) {
        this(enabled, GopLimits.UNBOUNDED);
    }

    GopCache(boolean enabled, GopLimits limits) {
        this.enabled = enabled;
        this.limits = limits;
    }

    /** How many GOPs were dropped for passing a bound. */
    long overflows() {
        return overflows;
    }

    long bytes() {
        return bytes;
    }

    void setEnabled(boolean enabled) {
        this.enabled = enabled;
        if (!enabled) {
            clear();
        }
    }

    /** Caches a reference to {@code msg} when it belongs to the current GOP (retains it). */
    void add(SharedMessage msg) {
        if (!enabled || msg.isSequenceHeader()) {
            return;
        }
        if (msg.isVideo()) {
            sawVideo = true;
            audioAfterLastVideo = 0;
            if (msg.isKeyframe()) {
                dropMessages();
                inGop = true;
            } else if (!inGop) {
                return;
            }
        } else if (msg.isAudio()) {
            audioAfterLastVideo++;
            if (!sawVideo && audioAfterLastVideo > PURE_AUDIO_LIMIT) {
                dropMessages();
                audioAfterLastVideo = 1;
            }
        }
        if (messages.size() >= MAX_MESSAGES || bytes + msg.size() > limits.maxBytes()
                || !limits.total().tryTake(msg.size())) {
            dropMessages();
            inGop = false;
            overflows++;
            return;
        }
        messages.add(msg.retain());
        bytes += msg.size();
    }

    /** The cached messages, for the caller to retain what it keeps. */
    List<SharedMessage> messages() {
        return messages;
    }

    int size() {
        return messages.size();
    }

    /** Releases the cached messages and forgets the stream's shape (for a new publisher). */
    void clear() {
        dropMessages();
        inGop = false;
        sawVideo = false;
        audioAfterLastVideo = 0;
    }

    private void dropMessages() {
        for (SharedMessage m : messages) {
            m.release();
        }
        messages.clear();
        limits.total().give(bytes);
        bytes = 0;
    }
}
