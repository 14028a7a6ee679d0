package dev.rill.codec.rtmp.control;

import dev.rill.codec.ErrorCode;
import dev.rill.codec.RillException;
import dev.rill.codec.rtmp.ChunkStreamId;
import dev.rill.codec.rtmp.RtmpMessage;
import io.netty.buffer.ByteBuf;

/** What the protocol and user control messages share: csid 2, message stream 0 (spec 5.4, 6.2). */
final class ControlMessages {
    private ControlMessages() {
    }

    /**
     * Checks the message type and that the payload holds at least {@code minLength} bytes; longer
     * payloads are accepted and the extra bytes ignored, as SRS does. Returns the payload unread.
     */
    static ByteBuf payload(RtmpMessage msg, int expectedType, int minLength, String name) {
        if (msg.typeId() != expectedType) {
            throw new IllegalArgumentException("message type " + msg.typeId() + " is not " + name
                    + " (" + expectedType + ")");
        }
        ByteBuf payload = msg.payload();
        if (payload.readableBytes() < minLength) {
            throw new RillException(ErrorCode.MESSAGE_INVALID, name + " payload is "
                    + payload.readableBytes() + " bytes, expected at least " + minLength);
        }
        return payload;
    }

    static RtmpMessage message(int typeId, ByteBuf payload) {
        return new RtmpMessage(ChunkStreamId.PROTOCOL_CONTROL, typeId, 0, 0, payload);
    }
}
