package dev.rill.codec.rtmp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.DefaultByteBufHolder;

/**
 * One whole RTMP message: its header fields and its payload. The holder owns the payload: whoever
 * holds the message releases it once (Netty handlers pass it on, or release it when they consume it).
 * The timestamp is the absolute 32-bit RTMP timestamp as an unsigned value.
 */
public final class RtmpMessage extends DefaultByteBufHolder {
    private final int chunkStreamId;
    private final int typeId;
    private final long timestamp;
    private final int streamId;

    public RtmpMessage(int chunkStreamId, int typeId, long timestamp, int streamId, ByteBuf payload) {
        super(payload);
        this.chunkStreamId = chunkStreamId;
        this.typeId = typeId;
        this.timestamp = timestamp & 0xFFFFFFFFL;
        this.streamId = streamId;
    }

    /** A message sent on the chunk stream {@link ChunkStreamId#forType} picks. */
    public static RtmpMessage of(int typeId, long timestamp, int streamId, ByteBuf payload) {
        return new RtmpMessage(ChunkStreamId.forType(typeId), typeId, timestamp, streamId, payload);
    }

    public int chunkStreamId() {
        return chunkStreamId;
    }

    public int typeId() {
        return typeId;
    }

    public long timestamp() {
        return timestamp;
    }

    public int streamId() {
        return streamId;
    }

    public ByteBuf payload() {
        return content();
    }

    @Override
    public RtmpMessage replace(ByteBuf content) {
        return new RtmpMessage(chunkStreamId, typeId, timestamp, streamId, content);
    }

    @Override
    public RtmpMessage retain() {
        super.retain();
        return this;
    }

    @Override
    public RtmpMessage retainedDuplicate() {
        return (RtmpMessage) super.retainedDuplicate();
    }

    @Override
    public String toString() {
        return "RtmpMessage{csid=" + chunkStreamId + ", type=" + typeId + ", ts=" + timestamp
                + ", stream=" + streamId + ", len=" + content().readableBytes() + "}";
    }
}
