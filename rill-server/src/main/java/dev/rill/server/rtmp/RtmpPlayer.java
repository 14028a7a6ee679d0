package dev.rill.server.rtmp;

import dev.rill.codec.rtmp.MessageType;
import dev.rill.codec.rtmp.RtmpMessage;
import dev.rill.codec.rtmp.chunk.ChunkWriter;
import dev.rill.codec.rtmp.command.NetStatus;
import dev.rill.server.live.ConsumerQueue;
import dev.rill.server.live.LiveConsumer;
import dev.rill.server.live.SharedMessage;
import dev.rill.server.live.StreamKey;
import dev.rill.server.live.TimeJitter;
import dev.rill.server.log.ContextLog;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An RTMP player as a consumer of a live source. The source queues shared messages from the
 * publisher's thread; this player drains its queue on its own event loop at most every
 * {@code mw_latency} ms (merged write; at once in realtime mode), writing per message only its own
 * first-chunk header (one header buffer per batch, sliced) and a retained duplicate of the shared
 * chunked body, then flushing once, so the batch goes out as one gathering write. A player whose
 * socket is not writable is skipped until it is; its queue is bounded by {@code queue_length}.
 */
final class RtmpPlayer implements LiveConsumer {
    private static final long DROP_LOG_INTERVAL_MS = 5000;

    private final Channel channel;
    private final ContextLog log;
    private final int streamId;
    private final int chunkSize;
    private final long mergeDelayMs;
    private final ConsumerQueue queue;
    private final TimeJitter jitter;
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final List<SharedMessage> batch = new ArrayList<>();
    private volatile boolean paused;
    private long droppedSinceLog;
    private long lastDropLogMillis;
    private long messagesSent;
    private long bytesSent;

    RtmpPlayer(Channel channel, ContextLog log, int streamId, int chunkSize, long mergeDelayMs,
               double queueLengthSeconds, TimeJitter.Mode jitterMode) {
        this.channel = channel;
        this.log = log;
        this.streamId = streamId;
        this.chunkSize = chunkSize;
        this.mergeDelayMs = mergeDelayMs;
        this.queue = new ConsumerQueue(queueLengthSeconds);
        this.jitter = new TimeJitter(jitterMode);
    }

    @Override
    public String cid() {
        return log.cid();
    }

    @Override
    public void enqueue(SharedMessage msg) {
        int dropped = queue.offer(msg);
        if (dropped > 0) {
            noteDropped(dropped);
        }
        if (dropped >= 0) {
            scheduleDrain();
        }
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

    /** The socket can take more: resume draining. */
    void onWritable() {
        scheduleDrain();
    }

    long messagesSent() {
        return messagesSent;
    }

    /** Bytes written to the socket so far (chunk headers and bodies); read on the event loop. */
    long bytesSent() {
        return bytesSent;
    }

    long dropped() {
        return queue.dropped();
    }

    /** Releases what is queued; later offers are released at once. */
    void close() {
        queue.close();
    }

    private void enqueueStatus(String code, String description) {
        RtmpMessage status = NetStatus.onStatus(NetStatus.LEVEL_STATUS, code, description, null)
                .encode(channel.alloc(), streamId);
        enqueue(new SharedMessage(MessageType.COMMAND_AMF0, 0, status.payload().retain()));
        status.release();
    }

    private void scheduleDrain() {
        if (!drainScheduled.compareAndSet(false, true)) {
            return;
        }
        if (mergeDelayMs <= 0) {
            channel.eventLoop().execute(this::drain);
        } else {
            channel.eventLoop().schedule(this::drain, mergeDelayMs, TimeUnit.MILLISECONDS);
        }
    }

    private void drain() {
        drainScheduled.set(false);
        if (!channel.isActive()) {
            queue.close();
            return;
        }
        if (paused || !channel.isWritable()) {
            return;
        }
        queue.drainTo(batch);
        if (batch.isEmpty()) {
            return;
        }
        try {
            writeBatch();
        } finally {
            batch.clear();
        }
        channel.flush();
    }

    private void writeBatch() {
        long[] timestamps = new long[batch.size()];
        int headerBytes = 0;
        for (int i = 0; i < timestamps.length; i++) {
            SharedMessage m = batch.get(i);
            timestamps[i] = jitter.correct(m.timestamp(), m.isAv());
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
                messagesSent++;
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

    private void noteDropped(int dropped) {
        long now = System.currentTimeMillis();
        synchronized (this) {
            droppedSinceLog += dropped;
            if (now - lastDropLogMillis < DROP_LOG_INTERVAL_MS) {
                return;
            }
            lastDropLogMillis = now;
            log.warn("player too slow: queue over its length, dropped {} messages (shrunk to the last keyframe)",
                    droppedSinceLog);
            droppedSinceLog = 0;
        }
    }
}
