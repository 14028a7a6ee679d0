package dev.rill.bench;

import dev.rill.codec.flv.FlvReader;
import dev.rill.codec.flv.FlvTag;
import dev.rill.codec.rtmp.RtmpMessage;
import dev.rill.codec.rtmp.client.RtmpClientListener;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.ByteToMessageDecoder;

/**
 * The FLV stream of one player (an HTTP body, or WebSocket binary frames), fed in whatever pieces
 * it arrives in: each whole tag goes to the listener as an RTMP message of the same type (FLV tag
 * types are RTMP message types), released after the call. Used on the connection's event loop.
 */
final class FlvBodyFeed {
    private final RtmpClientListener listener;
    private final FlvReader reader = new FlvReader();
    /** Bytes not yet parsed into whole tags; null when there are none. */
    private ByteBuf pending;

    FlvBodyFeed(RtmpClientListener listener) {
        this.listener = listener;
    }

    /** Parses {@code piece} (not taken over) after what was left over. */
    void feed(ByteBufAllocator alloc, ByteBuf piece) {
        if (!piece.isReadable()) {
            return;
        }
        pending = pending == null ? piece.retain()
                : ByteToMessageDecoder.MERGE_CUMULATOR.cumulate(alloc, pending, piece.retain());
        FlvTag tag;
        while ((tag = reader.next(pending)) != null) {
            try {
                listener.onMessage(RtmpMessage.of(tag.type(), tag.timestamp(), 1, tag.content()));
            } finally {
                tag.release();
            }
        }
        if (!pending.isReadable()) {
            release();
        }
    }

    /** Frees what is left over. */
    void release() {
        if (pending != null) {
            pending.release();
            pending = null;
        }
    }
}
