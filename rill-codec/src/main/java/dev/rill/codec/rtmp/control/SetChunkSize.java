package dev.rill.codec.rtmp.control;

import dev.rill.codec.rtmp.MessageType;
import dev.rill.codec.rtmp.RtmpMessage;
import io.netty.buffer.ByteBufAllocator;

/**
 * Set Chunk Size, type 1 (spec 5.4.1): the sender's chunk size from now on. The value is kept as
 * sent (a peer may send 0 or set the reserved top bit); whoever applies it checks its range.
 */
public record SetChunkSize(int chunkSize) {
    public static final String NAME = "set chunk size";

    /** Reads the payload without consuming it. */
    public static SetChunkSize decode(RtmpMessage msg) {
        var p = ControlMessages.payload(msg, MessageType.SET_CHUNK_SIZE, 4, NAME);
        return new SetChunkSize(p.getInt(p.readerIndex()));
    }

    public RtmpMessage toMessage(ByteBufAllocator alloc) {
        return ControlMessages.message(MessageType.SET_CHUNK_SIZE, alloc.buffer(4).writeInt(chunkSize));
    }
}
