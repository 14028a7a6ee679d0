package dev.rill.server.live;

import dev.rill.codec.ByteBudget;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * A consumer's queue of shared messages, bounded in media time ({@code queue_length}) and in bytes,
 * its own and, through a {@link ByteBudget} shared by every queue, all queues' together (a
 * publisher whose timestamps never advance defeats a bound in time alone). The source offers from
 * the publisher's thread; the consumer drains on its own event loop, so access is guarded by the
 * queue's monitor (held briefly, uncontended in steady state). When the queued audio/video spans
 * more than the limit, or a byte bound is passed by this queue's offer, the queue is shrunk:
 * everything before the newest keyframe goes, sequence headers and metadata stay, so the consumer
 * resumes cleanly at that keyframe. The queue that grows is the one that sheds; a caught-up
 * consumer's empty queue is never touched.
 */
public final class ConsumerQueue {
    private final ArrayDeque<SharedMessage> messages = new ArrayDeque<>();
    private final long maxDurationMs;
    private final long maxBytes;
    private final ByteBudget total;
    private long firstAvTimestamp = -1;
    private long lastAvTimestamp = -1;
    private long dropped;
    private long bytes;
    private boolean closed;
    /** After a shrink that kept no keyframe, audio/video wait for the next keyframe. */
    private boolean awaitKeyframe;

    public ConsumerQueue(double queueLengthSeconds) {
        this(QueueLimits.seconds(queueLengthSeconds));
    }

    public ConsumerQueue(QueueLimits limits) {
        this.maxDurationMs = Math.max(1, Math.round(limits.seconds() * 1000));
        this.maxBytes = limits.maxBytes();
        this.total = limits.total();
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
        boolean overBudget = total.take(msg.size());
        if (overBudget || bytes > maxBytes) {
            return shrink();
        }
        if (isTimed(msg)) {
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

    /**
     * Whether {@code msg} counts toward the queue's span: audio and video frames. A sequence
     * header keeps the timestamp of the stream's start, so a new player's queue (headers, then a
     * GOP from much later) would otherwise look long at once.
     */
    private static boolean isTimed(SharedMessage msg) {
        return msg.isAv() && !msg.isSequenceHeader();
    }

    /** Moves every queued message to {@code out}; the caller now owns those references. */
    public synchronized int drainTo(List<SharedMessage> out) {
        int n = messages.size();
        out.addAll(messages);
        messages.clear();
        total.give(bytes);
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
        total.give(bytes);
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
        long bytesBefore = bytes;
        bytes = 0;
        firstAvTimestamp = -1;
        lastAvTimestamp = -1;
        for (SharedMessage m : kept) {
            messages.addLast(m);
            bytes += m.size();
            if (isTimed(m)) {
                if (firstAvTimestamp < 0) {
                    firstAvTimestamp = m.timestamp();
                }
                lastAvTimestamp = m.timestamp();
            }
        }
        total.give(bytesBefore - bytes);
        int droppedNow = before - kept.size();
        dropped += droppedNow;
        return droppedNow;
    }
}
