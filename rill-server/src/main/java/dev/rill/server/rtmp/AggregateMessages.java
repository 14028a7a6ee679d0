package dev.rill.server.rtmp;

import dev.rill.codec.ErrorCode;
import dev.rill.codec.RillException;
import dev.rill.codec.rtmp.RtmpMessage;
import io.netty.buffer.ByteBuf;
import java.util.function.Consumer;

/**
 * Splits an aggregate message (type 22, RTMP spec 7.1.6) into its sub-messages: FLV-style tags
 * (type, 24-bit size, timestamp with extension byte, stream id, data, back pointer), each
 * timestamp rebased onto the aggregate's own timestamp.
 */
final class AggregateMessages {
    private static final int TAG_HEADER = 11;
    private static final int BACK_POINTER = 4;

    private AggregateMessages() {
    }

    /** Hands each sub-message (owned by the receiver) to {@code sink}; does not release {@code agg}. */
    static void split(RtmpMessage agg, Consumer<RtmpMessage> sink) {
        ByteBuf in = agg.payload().duplicate();
        long base = -1;
        while (in.readableBytes() >= TAG_HEADER) {
            int type = in.readUnsignedByte();
            int size = in.readUnsignedMedium();
            long ts = in.readUnsignedMedium() | ((long) in.readUnsignedByte() << 24);
            in.skipBytes(3);
            if (in.readableBytes() < size + BACK_POINTER) {
                throw new RillException(ErrorCode.MESSAGE_INVALID,
                        "aggregate sub-message of " + size + " bytes overruns the aggregate");
            }
            if (base < 0) {
                base = ts;
            }
            long rebased = (agg.timestamp() + (ts - base)) & 0xFFFFFFFFL;
            ByteBuf data = in.readRetainedSlice(size);
            in.skipBytes(BACK_POINTER);
            sink.accept(new RtmpMessage(agg.chunkStreamId(), type, rebased, agg.streamId(), data));
        }
    }
}
