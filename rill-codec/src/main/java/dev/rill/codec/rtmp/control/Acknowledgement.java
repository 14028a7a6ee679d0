package dev.rill.codec.rtmp.control;

import dev.rill.codec.rtmp.MessageType;
import dev.rill.codec.rtmp.RtmpMessage;
import io.netty.buffer.ByteBufAllocator;

/**
 * Acknowledgement, type 3 (spec 5.4.3): the bytes received so far, as an unsigned 32-bit sequence
 * number that wraps.
 */
public record Acknowledgement(long sequenceNumber) {
    public static final String NAME = "acknowledgement";

    public Acknowledgement {
        sequenceNumber &= 0xFFFFFFFFL;
    }

    /** Reads the payload without consuming it. */
    public static Acknowledgement decode(RtmpMessage msg) {
        var p = ControlMessages.payload(msg, MessageType.ACKNOWLEDGEMENT, 4, NAME);
        return new Acknowledgement(p.getUnsignedInt(p.readerIndex()));
    }

    public RtmpMessage toMessage(ByteBufAllocator alloc) {
        return ControlMessages.message(MessageType.ACKNOWLEDGEMENT,
                alloc.buffer(4).writeInt((int) sequenceNumber));
    }
}
