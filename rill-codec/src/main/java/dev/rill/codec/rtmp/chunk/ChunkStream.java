package dev.rill.codec.rtmp.chunk;

import io.netty.buffer.ByteBuf;

/**
 * What the decoder remembers about one incoming chunk stream: the last message header (later chunks
 * with fmt 1, 2 and 3 reuse it, spec 5.3.1.2) and the message being assembled, if any.
 */
final class ChunkStream {
    final int csid;
    /** A message header has been read, so fmt 2 and 3 chunks have something to reuse. */
    boolean started;
    long timestamp;
    /** The timestamp field of the last fmt 0/1/2 header: a fmt-3 new message adds it (as SRS does). */
    long timestampDelta;
    int length;
    int typeId;
    int streamId;
    /** The last fmt 0/1/2 header carried an extended timestamp, so every fmt-3 chunk carries one too. */
    boolean extended;
    /** The message being assembled, owned by this stream until it is complete; null between messages. */
    ByteBuf partial;

    ChunkStream(int csid) {
        this.csid = csid;
    }

    int received() {
        return partial == null ? 0 : partial.readableBytes();
    }

    void dropPartial() {
        if (partial != null) {
            ByteBuf p = partial;
            partial = null;
            p.release();
        }
    }
}
