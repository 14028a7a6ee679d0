package dev.rill.server.rtmp;

import dev.rill.codec.rtmp.MessageType;
import dev.rill.codec.rtmp.RtmpMessage;
import dev.rill.codec.rtmp.chunk.ChunkWriter;
import dev.rill.codec.rtmp.command.Command;
import dev.rill.codec.rtmp.command.NetStatus;
import dev.rill.server.live.QueuedConsumer;
import dev.rill.server.live.SharedMessage;
import dev.rill.server.live.StreamKey;
import dev.rill.server.live.TimeJitter;
import dev.rill.server.log.ContextLog;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import java.util.List;

/**
 * An RTMP player as a consumer of a live source. Queueing and merged write come from
 * {@link QueuedConsumer}; per message this writes only its own first-chunk header (one header
 * buffer per batch, sliced) and a retained duplicate of the shared chunked body, so the batch goes
 * out as one gathering write.
 */
final class RtmpPlayer extends QueuedConsumer {
    private final int streamId;
    private final int chunkSize;
    private final TimeJitter jitter;
    private volatile boolean paused;
    private long bytesSent;

    RtmpPlayer(Channel channel, ContextLog log, int streamId, int chunkSize, long mergeDelayMs,
               double queueLengthSeconds, TimeJitter.Mode jitterMode) {
        super(channel, log, mergeDelayMs, queueLengthSeconds);
        this.streamId = streamId;
        this.chunkSize = chunkSize;
        this.jitter = new TimeJitter(jitterMode);
    }

    @Override
    public void onPublish(StreamKey key) {
        enqueueStatus(NetStatus.PLAY_PUBLISH_NOTIFY, key + " is now published.");
    }

    @Override
    public void onUnpublish(StreamKey key) {
        enqueueStatus(NetStatus.PLAY_UNPUBLISH_NOTIFY, key + " is now unpublished.");
    }

    void setPaused(boolean paused) {
        this.paused = paused;
        if (!paused) {
            scheduleDrain();
        }
    }

    @Override
    protected boolean canWrite() {
        return !paused && super.canWrite();
    }

    /** Bytes written to the socket so far (chunk headers and bodies); read on the event loop. */
    long bytesSent() {
        return bytesSent;
    }

    private void enqueueStatus(String code, String description) {
        RtmpMessage status = NetStatus.onStatus(NetStatus.LEVEL_STATUS, code, description, null)
                .encode(channel.alloc(), streamId);
        enqueue(new SharedMessage(MessageType.COMMAND_AMF0, 0, status.payload().retain()));
        status.release();
    }

    @Override
    protected void writeBatch(List<SharedMessage> batch) {
        long[] timestamps = new long[batch.size()];
        int headerBytes = 0;
        for (int i = 0; i < timestamps.length; i++) {
            SharedMessage m = batch.get(i);
            // Statuses the server queues (PublishNotify, UnpublishNotify) are not the publisher's
            // and must not set the base that zero and full jitter measure from.
            timestamps[i] = Command.isCommand(m.typeId()) ? m.timestamp() : jitter.correct(m.timestamp(), m.isAv());
            headerBytes += ChunkWriter.firstHeaderSize(m.chunkStreamId(), timestamps[i]);
        }
        ByteBuf headers = channel.alloc().directBuffer(headerBytes);
        try {
            for (int i = 0; i < timestamps.length; i++) {
                SharedMessage m = batch.get(i);
                int start = headers.writerIndex();
                ChunkWriter.writeFirstHeader(headers, m.chunkStreamId(), timestamps[i], m.size(), m.typeId(), streamId);
                channel.write(headers.retainedSlice(start, headers.writerIndex() - start), channel.voidPromise());
                ByteBuf body = m.retainedChunkedBody(channel.alloc(), chunkSize, timestamps[i]);
                bytesSent += headers.writerIndex() - start + body.readableBytes();
                channel.write(body, channel.voidPromise());
                m.release();
                batch.set(i, null);
            }
        } finally {
            headers.release();
            for (SharedMessage m : batch) {
                if (m != null) {
                    m.release();
                }
            }
        }
    }
}
