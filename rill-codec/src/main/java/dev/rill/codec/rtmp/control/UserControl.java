package dev.rill.codec.rtmp.control;

import dev.rill.codec.rtmp.MessageType;
import dev.rill.codec.rtmp.RtmpMessage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * User Control Message, type 4 (spec 6.2, events in 7.1.7): a 2-byte event type and its data. Stream
 * events carry a stream id, Set Buffer Length a stream id and a length in milliseconds, the pings a
 * timestamp. Fields an event does not carry are 0. Event types this class does not know decode to
 * their type alone, so a receiver can ignore them; they cannot be encoded.
 */
public record UserControl(int eventType, int streamId, long timestamp, long bufferLength) {
    public static final String NAME = "user control";
    public static final int STREAM_BEGIN = 0;
    public static final int STREAM_EOF = 1;
    public static final int STREAM_DRY = 2;
    public static final int SET_BUFFER_LENGTH = 3;
    public static final int STREAM_IS_RECORDED = 4;
    public static final int PING_REQUEST = 6;
    public static final int PING_RESPONSE = 7;

    public UserControl {
        timestamp &= 0xFFFFFFFFL;
        bufferLength &= 0xFFFFFFFFL;
    }

    public static UserControl streamBegin(int streamId) {
        return new UserControl(STREAM_BEGIN, streamId, 0, 0);
    }

    public static UserControl streamEof(int streamId) {
        return new UserControl(STREAM_EOF, streamId, 0, 0);
    }

    public static UserControl streamDry(int streamId) {
        return new UserControl(STREAM_DRY, streamId, 0, 0);
    }

    public static UserControl setBufferLength(int streamId, long bufferLengthMs) {
        return new UserControl(SET_BUFFER_LENGTH, streamId, 0, bufferLengthMs);
    }

    public static UserControl streamIsRecorded(int streamId) {
        return new UserControl(STREAM_IS_RECORDED, streamId, 0, 0);
    }

    public static UserControl pingRequest(long timestamp) {
        return new UserControl(PING_REQUEST, 0, timestamp, 0);
    }

    public static UserControl pingResponse(long timestamp) {
        return new UserControl(PING_RESPONSE, 0, timestamp, 0);
    }

    /** Reads the payload without consuming it. */
    public static UserControl decode(RtmpMessage msg) {
        ByteBuf p = ControlMessages.payload(msg, MessageType.USER_CONTROL, 2, NAME);
        int index = p.readerIndex();
        int type = p.getUnsignedShort(index);
        int data = index + 2;
        ControlMessages.payload(msg, MessageType.USER_CONTROL, 2 + dataLength(type), NAME);
        return switch (type) {
            case STREAM_BEGIN, STREAM_EOF, STREAM_DRY, STREAM_IS_RECORDED ->
                    new UserControl(type, p.getInt(data), 0, 0);
            case SET_BUFFER_LENGTH -> new UserControl(type, p.getInt(data), 0, p.getUnsignedInt(data + 4));
            case PING_REQUEST, PING_RESPONSE -> new UserControl(type, 0, p.getUnsignedInt(data), 0);
            default -> new UserControl(type, 0, 0, 0);
        };
    }

    public RtmpMessage toMessage(ByteBufAllocator alloc) {
        if (!isKnown(eventType)) {
            throw new IllegalStateException("user control event type " + eventType + " has no known encoding");
        }
        ByteBuf p = alloc.buffer(2 + dataLength(eventType)).writeShort(eventType);
        switch (eventType) {
            case PING_REQUEST, PING_RESPONSE -> p.writeInt((int) timestamp);
            case SET_BUFFER_LENGTH -> p.writeInt(streamId).writeInt((int) bufferLength);
            default -> p.writeInt(streamId);
        }
        return ControlMessages.message(MessageType.USER_CONTROL, p);
    }

    private static boolean isKnown(int type) {
        return (type >= STREAM_BEGIN && type <= STREAM_IS_RECORDED) || type == PING_REQUEST
                || type == PING_RESPONSE;
    }

    private static int dataLength(int type) {
        if (!isKnown(type)) {
            return 0;
        }
        return type == SET_BUFFER_LENGTH ? 8 : 4;
    }
}
