package dev.rill.server.session;

import dev.rill.codec.ByteBudget;
import dev.rill.codec.rtmp.chunk.ChunkLimits;
import dev.rill.server.config.MemoryLimits;
import dev.rill.server.live.GopLimits;
import dev.rill.server.live.QueueLimits;

/**
 * The {@code limits} block made into the bounds each holder applies, with the two budgets every
 * holder of a kind shares: incomplete messages of clients that do not publish, and queued or
 * cached media.
 */
public final class ClientLimits {
    private final MemoryLimits limits;
    private final ByteBudget unpublished;
    private final ByteBudget media;
    private final ByteBudget publishing = ByteBudget.unlimited("incomplete messages of publishers");

    public ClientLimits(MemoryLimits limits) {
        this.limits = limits;
        this.unpublished = new ByteBudget("limits.unpublished_total", limits.unpublishedBytes());
        this.media = new ByteBudget("limits.media_total", limits.mediaBytes());
    }

    public MemoryLimits values() {
        return limits;
    }

    /** What a client may send before its publish is granted. */
    public ChunkLimits chunksBeforePublish() {
        return ChunkLimits.forMessages(limits.commandMessageBytes());
    }

    public ByteBudget unpublishedBudget() {
        return unpublished;
    }

    /** What a granted publisher may send; its own bound holds it, not the shared budget. */
    public ChunkLimits chunksPublishing() {
        return ChunkLimits.forMessages(limits.mediaMessageBytes());
    }

    public ByteBudget publishingBudget() {
        return publishing;
    }

    public QueueLimits queue(double queueLengthSeconds) {
        return new QueueLimits(queueLengthSeconds, limits.queueBytes(), media);
    }

    public GopLimits gopCache() {
        return new GopLimits(limits.gopCacheBytes(), media);
    }

    public ByteBudget mediaBudget() {
        return media;
    }

    public long sendTimeoutMs() {
        return limits.sendTimeoutMs();
    }
}
