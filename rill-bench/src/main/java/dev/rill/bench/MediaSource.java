package dev.rill.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * What a publisher sends, in timestamp order, forever: a cursor over audio, video and data
 * messages. Video messages other than sequence headers are "tracked": the publisher logs their
 * send time and players measure them.
 */
interface MediaSource extends AutoCloseable {
    /** RTMP message type of the next message. */
    int nextType();

    /** Media timestamp of the next message, in ms from the start of publishing. */
    long nextTimestamp();

    /** Whether the next message is a tracked video message. */
    boolean nextIsTracked();

    /**
     * Whether tracked payloads carry a {@link PayloadStamp} (then {@link #take} needs the sequence
     * number and send time) rather than being identified by {@link PayloadKey}.
     */
    boolean stamped();

    /**
     * The next message's payload (the caller owns it), advancing the cursor. For a stamped tracked
     * message, {@code seq} and {@code sendNanos} go into the stamp; otherwise they are ignored.
     */
    ByteBuf take(ByteBufAllocator alloc, long seq, long sendNanos);

    @Override
    void close();
}
