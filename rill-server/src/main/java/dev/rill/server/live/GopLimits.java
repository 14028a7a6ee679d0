package dev.rill.server.live;

import dev.rill.codec.ByteBudget;

/** The bounds of a stream's GOP cache: its bytes, and the budget shared with every cache and queue. */
public record GopLimits(long maxBytes, ByteBudget total) {
    /** No bound but {@link GopCache#MAX_MESSAGES}. */
    public static final GopLimits UNBOUNDED = new GopLimits(Long.MAX_VALUE, ByteBudget.unlimited("cached media"));
}
