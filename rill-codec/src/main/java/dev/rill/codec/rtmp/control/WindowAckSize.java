package dev.rill.codec.rtmp.control;

import dev.rill.codec.rtmp.MessageType;
import dev.rill.codec.rtmp.RtmpMessage;
import io.netty.buffer.ByteBufAllocator;

/**
 * Window Acknowledgement Size, type 5 (spec 5.4.4): the receiver of this message acknowledges every
 * time it has received this many bytes since its last acknowledgement. Unsigned 32-bit.
 */
public record WindowAckSize(long size) {
    public static final String NAME = "window acknowledgement size";

    public WindowAckSize {
        size &= 0xFFFFFFFFL;
    }

    /** Reads the payload without consuming it. */
    public static WindowAckSize decode(RtmpMessage msg) {
        var p = ControlMessages.payload(msg, MessageType.WINDOW_ACK_SIZE, 4, NAME);
        return new WindowAckSize(p.getUnsignedInt(p.readerIndex()));
    }

    public RtmpMessage toMessage(ByteBufAllocator alloc) {
        return ControlMessages.message(MessageType.WINDOW_ACK_SIZE, alloc.buffer(4).writeInt((int) size));
    }
}
