package dev.rill.codec.rtmp.control;

import dev.rill.codec.ErrorCode;
import dev.rill.codec.RillException;
import dev.rill.codec.rtmp.MessageType;
import dev.rill.codec.rtmp.RtmpMessage;
import io.netty.buffer.ByteBufAllocator;

/**
 * Set Peer Bandwidth, type 6 (spec 5.4.5): a window size (unsigned 32-bit) and a limit type,
 * 0 hard, 1 soft or 2 dynamic.
 */
public record SetPeerBandwidth(long size, int limitType) {
    public static final String NAME = "set peer bandwidth";
    public static final int HARD = 0;
    public static final int SOFT = 1;
    public static final int DYNAMIC = 2;

    public SetPeerBandwidth {
        size &= 0xFFFFFFFFL;
        if (limitType < HARD || limitType > DYNAMIC) {
            throw new RillException(ErrorCode.MESSAGE_INVALID, NAME + " limit type " + limitType
                    + ", expected 0 hard, 1 soft or 2 dynamic");
        }
    }

    /** Reads the payload without consuming it. */
    public static SetPeerBandwidth decode(RtmpMessage msg) {
        var p = ControlMessages.payload(msg, MessageType.SET_PEER_BANDWIDTH, 5, NAME);
        int index = p.readerIndex();
        return new SetPeerBandwidth(p.getUnsignedInt(index), p.getUnsignedByte(index + 4));
    }

    public RtmpMessage toMessage(ByteBufAllocator alloc) {
        return ControlMessages.message(MessageType.SET_PEER_BANDWIDTH,
                alloc.buffer(5).writeInt((int) size).writeByte(limitType));
    }
}
