package dev.rill.server.live;

import java.util.ArrayList;
import java.util.List;

/**
 * The messages since the latest video keyframe, so a new player starts at once with a picture
 * (SRS's SrsGopCache). A keyframe clears the cache and starts a GOP; video before the first
 * keyframe is dropped, so a new player never starts on frames it cannot decode. Audio before the
 * first video is cached too (pure audio streams), restarting every {@link #PURE_AUDIO_LIMIT}
 * messages so memory stays bounded; any GOP longer than {@link #MAX_MESSAGES} is dropped rather
 * than grown.
 */
final class GopCache {
    static final int PURE_AUDIO_LIMIT = 115;
    static final int MAX_MESSAGES = 8192;

    private final List<SharedMessage> messages = new ArrayList<>();
    private boolean enabled;
    private int audioAfterLastVideo;
    private boolean sawVideo;
    /** Whether the cache starts at a keyframe, so later inter frames may join it. */
    private boolean inGop;

    GopCache(boolean enabled) {
        this.enabled = enabled;
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
        if (messages.size() >= MAX_MESSAGES) {
            dropMessages();
            inGop = false;
            return;
        }
        messages.add(msg.retain());
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
    }
}
