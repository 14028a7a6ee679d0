package dev.rill.server.live;

import java.util.ArrayList;
import java.util.List;

/**
 * The messages since the latest video keyframe, so a new player starts at once with a picture
 * (SRS's SrsGopCache). A keyframe clears the cache; audio before the first video is cached too
 * (pure audio streams), but cleared after {@link #PURE_AUDIO_LIMIT} messages so memory stays
 * bounded; any GOP longer than {@link #MAX_MESSAGES} is dropped rather than grown.
 */
final class GopCache {
    static final int PURE_AUDIO_LIMIT = 115;
    static final int MAX_MESSAGES = 8192;

    private final List<SharedMessage> messages = new ArrayList<>();
    private boolean enabled;
    private int audioAfterLastVideo;
    private boolean sawVideo;

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
                clear();
            }
        } else if (msg.isAudio()) {
            audioAfterLastVideo++;
        }
        if (!sawVideo && audioAfterLastVideo > PURE_AUDIO_LIMIT) {
            clear();
        }
        if (messages.size() >= MAX_MESSAGES) {
            clear();
            return;
        }
        if (sawVideo && messages.isEmpty() && msg.isVideo() && !msg.isKeyframe()) {
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

    void clear() {
        for (SharedMessage m : messages) {
            m.release();
        }
        messages.clear();
    }
}
