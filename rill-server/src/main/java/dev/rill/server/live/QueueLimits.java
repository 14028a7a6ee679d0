package dev.rill.server.live;

import dev.rill.codec.ByteBudget;

/**
 * The bounds of a consumer's queue: {@code queue_length} in seconds of media, its own bytes, and
 * the budget every queue's bytes share.
 */
public record QueueLimits(double seconds, long maxBytes, ByteBudget total) {
    /** A bound in media time only, for consumers whose bytes another bound already holds. */
    public static QueueLimits seconds(double seconds) {
        return new QueueLimits(seconds, Long.MAX_VALUE, ByteBudget.unlimited("queued media"));
    }
}
