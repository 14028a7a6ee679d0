package dev.rill.codec.rtmp.control;

import dev.rill.codec.rtmp.MessageType;
import dev.rill.codec.rtmp.RtmpMessage;
import io.netty.buffer.ByteBufAllocator;

/** Abort Message, type 2 (spec 5.4.2): drop the partly received message on this chunk stream. */
public record Abort(int chunkStreamId) {
    public static final String NAME = "abort";

    /** Reads the payload without consuming it. */
    public static Abort decode(RtmpMessage msg) {
        var p = ControlMessages.payload(msg, MessageType.ABORT, 4, NAME);
        return new Abort(p.getInt(p.readerIndex()));
    }

    public RtmpMessage toMessage(ByteBufAllocator alloc) {
        return ControlMessages.message(MessageType.ABORT, alloc.buffer(4).writeInt(chunkStreamId));
    }
}
