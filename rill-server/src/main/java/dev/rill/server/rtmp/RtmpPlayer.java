package dev.rill.server.rtmp;

import dev.rill.codec.rtmp.MessageType;
import dev.rill.codec.rtmp.RtmpMessage;
import dev.rill.codec.rtmp.chunk.ChunkWriter;
import dev.rill.codec.rtmp.command.NetStatus;
import dev.rill.server.live.LiveRun;
import dev.rill.server.live.QueueLimits;
import dev.rill.server.live.QueuedConsumer;
import dev.rill.server.live.SharedMessage;
import dev.rill.server.live.StreamKey;
import dev.rill.server.live.TimeJitter;
import dev.rill.server.log.ContextLog;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import java.util.ArrayList;
import java.util.List;

/**
 * An RTMP player as a consumer of a live source. Queueing and merged write come from
 * {@link QueuedConsumer}. A caught-up player writes its group's live run from one encoding shared
 * with every player that would write the same bytes: each message with a fmt-1 header (its
 * timestamp as a delta from the previous message on its chunk stream, the stream id inherited),
 * so the bytes do not depend on where each player's timestamps start, only on the deltas and the
 * chunk size. Otherwise a batch is one buffer of this player's fmt-0 first-chunk headers, with
 * small bodies copied next to them, plus a view of the shared chunked body for each larger
 * message. Either is written from the chunk encoder's context (straight to the socket's outbound
 * buffer) and flushed once, so it goes out as one gathering write; a shared run is first offered
 * to the socket itself ({@link DirectSend}), and only what it does not take goes through the
 * pipeline. The views hold no references, so many players writing one message never contend on
 * its reference count; the player keeps its references to the batch's messages until the socket
 * has taken the batch.
 */
final class RtmpPlayer extends QueuedConsumer {
    private final int streamId;
    private final int chunkSize;
    private final TimeJitter jitter;
    private volatile boolean paused;
    /** Bodies up to this size are copied into the batch buffer instead of shared by reference. */
    static final int INLINE_BODY_LIMIT = 2048;

    private long bytesSent;
    /** The chunk encoder's context, found at the first batch; batches are written from there. */
    private ChannelHandlerContext out;
    /** Each batch message's timestamp after jitter correction; grown as needed, reused. */
    private long[] timestamps = new long[64];
    /**
     * The timestamp the client last got on the video and on the audio chunk stream, which a fmt-1
     * header's delta adds to; -1 before the first or when it needed an extended timestamp.
     */
    private long lastVideoTimestamp = -1;
    private long lastAudioTimestamp = -1;
    /** This player's key for the run being written; a copy is left with a shared encoding. */
    private final DeltaRunKey runKey = new DeltaRunKey();
    /** The run's messages this player retained to write them as its own batch; reused. */
    private final List<SharedMessage> ownBatch = new ArrayList<>();
    /** The run just written went whole to the socket ({@link DirectSend}): nothing to flush. */
    private boolean sentDirect;
    /** The chunk encoder is the pipeline's first handler, so a run may go straight to the socket. */
    private boolean nothingNearerTheSocket;

    RtmpPlayer(Channel channel, ContextLog log, int streamId, int chunkSize, long mergeDelayMs,
               QueueLimits queueLimits, TimeJitter.Mode jitterMode) {
        super(channel, log, mergeDelayMs, queueLimits);
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
        correctTimestamps(batch);
        writeOwn(batch);
    }

    /**
     * Writes the run from the encoding shared by the players with the same key, made here if this
     * player is the first; when the player is alone in its group, or a message needs this player's
     * own header (no earlier message on its chunk stream, a negative delta, an extended timestamp,
     * not audio or video), the run is written as this player's own batch instead.
     */
    @Override
    protected boolean writeRun(LiveRun run) {
        List<SharedMessage> messages = run.messages();
        findEncoderContext();
        correctTimestamps(messages);
        // Alone in its group, a player has nobody to share with: its own batch copies less.
        if (run.players() < 2
                || !runKey.set(chunkSize, messages, timestamps, lastVideoTimestamp, lastAudioTimestamp)) {
            writeOwnCopy(messages);
            return true;
        }
        ByteBuf encoding = run.encoding(runKey.key());
        if (encoding == null) {
            encoding = runKey.encode(channel.alloc(), messages);
            run.share(runKey.key().copy(), encoding);
        }
        int size = encoding.readableBytes();
        bytesSent += size;
        lastVideoTimestamp = runKey.lastVideo();
        lastAudioTimestamp = runKey.lastAudio();
        int sent = nothingNearerTheSocket ? DirectSend.send(channel, encoding) : 0;
        if (sent == size) {
            sentDirect = true;
        } else {
            out.write(encoding.retainedSlice(encoding.readerIndex() + sent, size - sent), out.voidPromise());
        }
        return true;
    }

    /** Writes lent messages as this player's own batch, with references of its own. */
    private void writeOwnCopy(List<SharedMessage> messages) {
        retainAll(messages, ownBatch);
        try {
            writeOwn(ownBatch);
        } finally {
            ownBatch.clear();
        }
    }

    /** Writes a batch of this player's references with its own fmt-0 headers; takes them over. */
    private void writeOwn(List<SharedMessage> batch) {
        findEncoderContext();
        noteLastTimestamps(batch);
        if (!sharesBodies(batch)) {
            // Every body is copied into this player's own buffer, so the messages can go at once.
            try {
                writeAll(batch, out.voidPromise());
            } finally {
                for (SharedMessage m : batch) {
                    m.release();
                }
            }
            return;
        }
        // The batch's messages stay referenced until the socket has taken the last write (or it
        // failed), because the body views written below hold no references of their own.
        ChannelPromise written = out.newPromise().addListener(new WrittenBatch(batch));
        boolean handedOver = false;
        try {
            writeAll(batch, written);
            handedOver = true;
        } finally {
            if (!handedOver) {
                written.tryFailure(new IllegalStateException("the batch was not written"));
            }
        }
    }

    private void findEncoderContext() {
        if (out == null) {
            out = channel.pipeline().context(RtmpListener.CHUNK_ENCODER);
            // Bytes sent past the pipeline must not skip a handler nearer the socket (TLS, say).
            nothingNearerTheSocket = channel.pipeline().firstContext() == out;
        }
    }

    /** Fills {@link #timestamps} with each message's timestamp after jitter correction. */
    private void correctTimestamps(List<SharedMessage> batch) {
        timestamps = jitter.correctAll(batch, timestamps);
    }


    /** Records the timestamps the batch leaves on the audio and video chunk streams. */
    private void noteLastTimestamps(List<SharedMessage> batch) {
        for (int i = 0, n = batch.size(); i < n; i++) {
            SharedMessage m = batch.get(i);
            long ts = ChunkWriter.fitsTimestampField(timestamps[i]) ? timestamps[i] : -1;
            if (m.isVideo()) {
                lastVideoTimestamp = ts;
            } else if (m.isAudio()) {
                lastAudioTimestamp = ts;
            }
        }
    }

    /**
     * Flushes from the chunk encoder's context, where the batch was written: nothing between it
     * and the socket holds bytes back, and the walk from the pipeline's tail would touch three
     * more handler contexts per player per flush.
     */
    @Override
    protected void flushBatch() {
        if (sentDirect) {
            sentDirect = false;
            return;
        }
        out.flush();
    }

    /**
     * Writes the batch with the timestamps in {@link #timestamps}, the last write with
     * {@code written} (which may be the void promise).
     */
    private void writeAll(List<SharedMessage> batch, ChannelPromise written) {
        int n = batch.size();
        long[] timestamps = this.timestamps;
        int inlineBytes = 0;
        for (int i = 0; i < n; i++) {
            SharedMessage m = batch.get(i);
            inlineBytes += ChunkWriter.firstHeaderSize(m.chunkStreamId(), timestamps[i]);
            if (isInline(m)) {
                inlineBytes += m.size();
            }
        }
        boolean handedOver = false;
        ByteBufAllocator alloc = channel.alloc();
        ByteBuf inline = alloc.directBuffer(inlineBytes);
        try {
            int pending = 0;
            for (int i = 0; i < n; i++) {
                SharedMessage m = batch.get(i);
                ChunkWriter.writeFirstHeader(inline, m.chunkStreamId(), timestamps[i], m.size(), m.typeId(), streamId);
                if (isInline(m)) {
                    inline.writeBytes(m.payload(), m.payload().readerIndex(), m.size());
                } else {
                    pending = writeInline(inline, pending, out.voidPromise());
                    ByteBuf body = m.chunkedBodyForWrite(alloc, chunkSize, timestamps[i]);
                    bytesSent += body.readableBytes();
                    handedOver = i == n - 1;
                    out.write(body, handedOver ? written : out.voidPromise());
                }
            }
            if (!handedOver) {
                writeInline(inline, pending, written);
            }
        } finally {
            inline.release();
        }
    }

    /** Releases a batch's messages once the channel is done with the batch's last write. */
    private static final class WrittenBatch implements ChannelFutureListener {
        private final SharedMessage[] messages;

        /** Takes over the references in {@code batch}. */
        WrittenBatch(List<SharedMessage> batch) {
            this.messages = batch.toArray(new SharedMessage[0]);
        }

        @Override
        public void operationComplete(ChannelFuture future) {
            for (SharedMessage m : messages) {
                m.release();
            }
        }
    }

    private boolean sharesBodies(List<SharedMessage> batch) {
        for (int i = 0, n = batch.size(); i < n; i++) {
            if (!isInline(batch.get(i))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Small messages (audio, commands, small frames) that fit one chunk are copied next to their
     * header: for a few hundred bytes a copy costs less than an iovec and a reference of their own.
     * Larger bodies go out as views of the one shared chunked body.
     */
    private boolean isInline(SharedMessage m) {
        return m.size() <= INLINE_BODY_LIMIT && m.size() <= chunkSize;
    }

    /**
     * Writes what {@code inline} gathered since {@code from} with {@code promise} (completed at once
     * when there is nothing to write); returns the new start.
     */
    private int writeInline(ByteBuf inline, int from, ChannelPromise promise) {
        int to = inline.writerIndex();
        if (to > from) {
            bytesSent += to - from;
            out.write(inline.retainedSlice(from, to - from), promise);
        } else if (!promise.isVoid()) {
            promise.trySuccess();
        }
        return to;
    }
}
