package dev.rill.server.live;

import dev.rill.codec.media.FlvAudio;
import dev.rill.codec.media.FlvVideo;
import dev.rill.codec.rtmp.ChunkStreamId;
import dev.rill.codec.rtmp.MessageType;
import dev.rill.codec.rtmp.chunk.ChunkWriter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.util.AbstractReferenceCounted;
import io.netty.util.ReferenceCounted;

/**
 * One published message, stored once and shared by the GOP cache and every consumer. Holders
 * (the cache, each consumer queue) own one reference each and release it when done. The RTMP
 * chunked form of the payload (everything after the first chunk header) is encoded once per chunk
 * size on first use and kept until the message is freed, so each RTMP player writes only its own
 * first-chunk header plus a slice of the shared body.
 */
public final class SharedMessage extends AbstractReferenceCounted {
    private static final long EXTENDED_TIMESTAMP = 0xFFFFFFL;

    private final int typeId;
    private final long timestamp;
    private final ByteBuf payload;
    private final boolean keyframe;
    private final boolean sequenceHeader;
    /** Chunked bodies made so far, newest first; read without locking, added to under the monitor. */
    private volatile ChunkedBody chunked;

    private record ChunkedBody(int chunkSize, ByteBuf body, ChunkedBody next) {
    }

    /** Takes ownership of {@code payload}. */
    public SharedMessage(int typeId, long timestamp, ByteBuf payload) {
        this.typeId = typeId;
        this.timestamp = timestamp & 0xFFFFFFFFL;
        this.payload = payload;
        this.keyframe = typeId == MessageType.VIDEO && FlvVideo.isKeyframe(payload);
        this.sequenceHeader = typeId == MessageType.VIDEO ? FlvVideo.isSequenceHeader(payload)
                : typeId == MessageType.AUDIO && FlvAudio.isSequenceHeader(payload);
    }

    public int typeId() {
        return typeId;
    }

    public long timestamp() {
        return timestamp;
    }

    /** The payload, not retained: valid while the caller holds its reference to this message. */
    public ByteBuf payload() {
        return payload;
    }

    public int size() {
        return payload.readableBytes();
    }

    public boolean isVideo() {
        return typeId == MessageType.VIDEO;
    }

    public boolean isAudio() {
        return typeId == MessageType.AUDIO;
    }

    public boolean isAv() {
        return MessageType.isMedia(typeId);
    }

    public boolean isKeyframe() {
        return keyframe;
    }

    public boolean isSequenceHeader() {
        return sequenceHeader;
    }

    public int chunkStreamId() {
        return ChunkStreamId.forType(typeId);
    }

    /**
     * The chunked body for {@code chunkSize}, as a buffer for one channel write (the write releases
     * it). It is a view that holds no reference of its own, so fanning a message out to many players
     * touches no shared reference count: the caller must keep its reference to this message until
     * that write has completed or failed. For the rare timestamps that need extended-timestamp
     * continuation headers, the body depends on the player's own timestamp and is encoded for that
     * call only.
     */
    public ByteBuf chunkedBodyForWrite(ByteBufAllocator alloc, int chunkSize, long playerTimestamp) {
        if (payload.readableBytes() <= chunkSize) {
            return Unpooled.unreleasableBuffer(payload.duplicate());
        }
        if (playerTimestamp >= EXTENDED_TIMESTAMP) {
            return ChunkWriter.encodeBody(alloc, payload, chunkSize, chunkStreamId(), playerTimestamp);
        }
        ByteBuf cached = findChunked(chunkSize);
        if (cached == null) {
            cached = encodeChunked(alloc, chunkSize);
        }
        return Unpooled.unreleasableBuffer(cached.duplicate());
    }

    private synchronized ByteBuf encodeChunked(ByteBufAllocator alloc, int chunkSize) {
        ByteBuf cached = findChunked(chunkSize);
        if (cached == null) {
            cached = ChunkWriter.encodeBody(alloc, payload, chunkSize, chunkStreamId(), 0);
            chunked = new ChunkedBody(chunkSize, cached, chunked);
        }
        return cached;
    }

    private ByteBuf findChunked(int chunkSize) {
        for (ChunkedBody c = chunked; c != null; c = c.next()) {
            if (c.chunkSize() == chunkSize) {
                return c.body();
            }
        }
        return null;
    }

    @Override
    public SharedMessage retain() {
        super.retain();
        return this;
    }

    /** Adds {@code increment} references in one step, as fan-out to many consumers does. */
    @Override
    public SharedMessage retain(int increment) {
        super.retain(increment);
        return this;
    }

    @Override
    public ReferenceCounted touch(Object hint) {
        payload.touch(hint);
        return this;
    }

    @Override
    protected void deallocate() {
        payload.release();
        // The last reference is gone, so no player is reading the list any more.
        synchronized (this) {
            for (ChunkedBody c = chunked; c != null; c = c.next()) {
                c.body().release();
            }
            chunked = null;
        }
    }

    @Override
    public String toString() {
        return "SharedMessage{type=" + typeId + ", ts=" + timestamp + ", len=" + payload.readableBytes()
                + (keyframe ? ", key" : "") + (sequenceHeader ? ", sh" : "") + "}";
    }
}
