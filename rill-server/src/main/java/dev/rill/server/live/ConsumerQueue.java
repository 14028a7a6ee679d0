package dev.rill.server.live;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * A consumer's queue of shared messages, bounded in media time ({@code queue_length}). The source
 * offers from the publisher's thread; the consumer drains on its own event loop, so access is
 * guarded by the queue's monitor (held briefly, uncontended in steady state). When the queued
 * audio/video spans more than the limit, the queue is shrunk: everything before the newest keyframe
 * goes, sequence headers and metadata stay, so the consumer resumes cleanly at that keyframe.
 */
public final class ConsumerQueue {
    private final ArrayDeque<SharedMessage> messages = new ArrayDeque<>();
    private final long maxDurationMs;
    private long firstAvTimestamp = -1;
    private long lastAvTimestamp = -1;
    private long dropped;
    private long bytes;
    private boolean closed;
    /** After a shrink that kept no keyframe, audio/video wait for the next keyframe. */
    private boolean awaitKeyframe;

    public ConsumerQueue(double queueLengthSeconds) {
        this.maxDurationMs = Math.max(1, Math.round(queueLengthSeconds * 1000));
    }

    /**
     * Takes the caller's reference. Returns the number of messages dropped by a shrink this offer
     * caused (0 normally), or -1 when the queue was already closed (the message is released).
     */
    public synchronized int offer(SharedMessage msg) {
        if (closed) {
            msg.release();
            return -1;
        }
        if (awaitKeyframe && msg.isAv() && !msg.isSequenceHeader()) {
            if (!msg.isKeyframe()) {
                msg.release();
                dropped++;
                return 1;
            }
            awaitKeyframe = false;
        }
        messages.addLast(msg);
        bytes += msg.size();
        if (msg.isAv()) {
            if (firstAvTimestamp < 0) {
                firstAvTimestamp = msg.timestamp();
            }
            lastAvTimestamp = msg.timestamp();
            if (lastAvTimestamp - firstAvTimestamp > maxDurationMs) {
                return shrink();
            }
        }
        return 0;
    }

    /** Moves every queued message to {@code out}; the caller now owns those references. */
    public synchronized int drainTo(List<SharedMessage> out) {
        int n = messages.size();
        out.addAll(messages);
        messages.clear();
        bytes = 0;
        firstAvTimestamp = -1;
        lastAvTimestamp = -1;
        return n;
    }

    /**
     * Nothing queued, open, and not waiting for a keyframe after a shrink: a live message may
     * bypass the queue and be written at once without changing what the consumer receives.
     */
    public synchronized boolean isCaughtUp() {
        return messages.isEmpty() && !awaitKeyframe && !closed;
    }

    public synchronized int size() {
        return messages.size();
    }

    public synchronized long bytes() {
        return bytes;
    }

    public synchronized long dropped() {
        return dropped;
    }

    /** Releases everything and refuses further offers. */
    public synchronized void close() {
        closed = true;
        for (SharedMessage m : messages) {
            m.release();
        }
        messages.clear();
        bytes = 0;
    }

    private int shrink() {
        List<SharedMessage> kept = new ArrayList<>();
        SharedMessage lastKeyframe = null;
        for (SharedMessage m : messages) {
            if (m.isKeyframe() && !m.isSequenceHeader()) {
                lastKeyframe = m;
            }
        }
        // When the newest keyframe already heads the queue, cutting there frees nothing: drop all
        // audio/video, as SRS does, and let the consumer resume at the next keyframe.
        SharedMessage firstAv = null;
        for (SharedMessage m : messages) {
            if (m.isAv() && !m.isSequenceHeader()) {
                firstAv = m;
                break;
            }
        }
        if (lastKeyframe == firstAv) {
            lastKeyframe = null;
            awaitKeyframe = true;
        }
        boolean fromKeyframe = false;
        int before = messages.size();
        for (SharedMessage m : messages) {
            if (m == lastKeyframe) {
                fromKeyframe = true;
            }
            if (fromKeyframe || m.isSequenceHeader() || !m.isAv()) {
                kept.add(m);
            } else {
                m.release();
            }
        }
        messages.clear();
        bytes = 0;
        firstAvTimestamp = -1;
        lastAvTimestamp = -1;
        for (SharedMessage m : kept) {
            messages.addLast(m);
            bytes += m.size();
            if (m.isAv()) {
                if (firstAvTimestamp < 0) {
                    firstAvTimestamp = m.timestamp();
                }
                lastAvTimestamp = m.timestamp();
            }
        }
        int droppedNow = before - kept.size();
        dropped += droppedNow;
        return droppedNow;
    }
}
