package dev.rill.server.http.stream;

import dev.rill.server.live.SharedMessage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.List;

/**
 * A {@link StreamEncoder} whose bytes for a run of messages depend only on the messages and their
 * timestamps, not on what the encoder wrote before: players with the same timestamps can share
 * one encoding of the run.
 */
interface RunEncoder {
    /** The run's bytes with {@code timestamps[i]} for message i, in one new buffer the caller owns. */
    ByteBuf encodeRun(ByteBufAllocator alloc, List<SharedMessage> messages, long[] timestamps);
}
