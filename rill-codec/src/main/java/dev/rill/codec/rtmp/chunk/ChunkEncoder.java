package dev.rill.codec.rtmp.chunk;

import dev.rill.codec.rtmp.MessageType;
import dev.rill.codec.rtmp.RtmpMessage;
import dev.rill.codec.rtmp.control.SetChunkSize;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;

/**
 * Writes each {@link RtmpMessage} as RTMP chunks on its own chunk stream id: a fmt-0 first chunk and
 * fmt-3 continuations (spec 5.3). It never compresses headers against earlier messages, because the
 * server also writes pre-chunked media (see {@link ChunkWriter}) on the same connection. An outgoing
 * Set Chunk Size changes the chunk size for the messages written after it. Releases each message.
 * Not sharable: the chunk size is per connection.
 */
public final class ChunkEncoder extends MessageToByteEncoder<RtmpMessage> {
    private int chunkSize = ChunkFormat.DEFAULT_CHUNK_SIZE;

    public ChunkEncoder() {
        super(RtmpMessage.class);
    }

    /** The chunk size used for the next message. */
    public int chunkSize() {
        return chunkSize;
    }

    @Override
    protected ByteBuf allocateBuffer(ChannelHandlerContext ctx, RtmpMessage msg, boolean preferDirect) {
        int csid = msg.chunkStreamId();
        long ts = msg.timestamp();
        int size = ChunkWriter.firstHeaderSize(csid, ts)
                + ChunkWriter.bodySize(msg.payload().readableBytes(), chunkSize, csid, ts);
        return preferDirect ? ctx.alloc().ioBuffer(size) : ctx.alloc().heapBuffer(size);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, RtmpMessage msg, ByteBuf out) {
        int next = msg.typeId() == MessageType.SET_CHUNK_SIZE ? outgoingChunkSize(msg) : chunkSize;
        ByteBuf payload = msg.payload();
        ChunkWriter.writeFirstHeader(out, msg.chunkStreamId(), msg.timestamp(), payload.readableBytes(),
                msg.typeId(), msg.streamId());
        ChunkWriter.writeBody(out, payload, chunkSize, msg.chunkStreamId(), msg.timestamp());
        chunkSize = next;
    }

    private static int outgoingChunkSize(RtmpMessage msg) {
        int size = SetChunkSize.decode(msg).chunkSize();
        if (size < 1) {
            throw new IllegalArgumentException("outgoing chunk size " + Integer.toUnsignedString(size)
                    + " is outside 1..2147483647");
        }
        return size;
    }
}
