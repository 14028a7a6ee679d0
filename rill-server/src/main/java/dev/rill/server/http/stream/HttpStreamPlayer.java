package dev.rill.server.http.stream;

import dev.rill.server.live.LiveRun;
import dev.rill.server.live.LiveSource;
import dev.rill.server.live.QueueLimits;
import dev.rill.server.live.QueuedConsumer;
import dev.rill.server.live.RunKey;
import dev.rill.server.live.SharedMessage;
import dev.rill.server.live.StreamKey;
import dev.rill.server.live.TimeJitter;
import dev.rill.server.log.ContextLog;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.Channel;
import java.util.ArrayList;
import java.util.List;

/**
 * A player of a live stream over HTTP (FLV, MPEG-TS, ADTS AAC, MP3) or WebSocket: queueing, merged
 * write and slow-player shrinking as an RTMP player ({@link QueuedConsumer}); each batch is encoded
 * into one composite buffer (shared payloads, or muxed MPEG-TS) written as one chunk or frame. FLV
 * players of a group with the same timeline (the same timestamps after jitter correction: they
 * joined at the same point of the stream) write one shared copy of each live run. When the
 * publisher leaves, what was queued is written and the stream ends cleanly, as SRS 3 ends its
 * HTTP stream on unpublish. Audio-only formats start with at most {@code fast_cache} seconds of
 * the audio the source had cached, as SRS's fast cache gives them.
 */
final class HttpStreamPlayer extends QueuedConsumer {
    private final StreamSink sink;
    private final StreamEncoder encoder;
    private final TimeJitter jitter;
    private final boolean audioOnly;
    private final long fastCacheMs;
    /** While attaching: what the source hands over at once (from the attaching thread), and live messages. */
    private List<SharedMessage> attachBurst;
    private List<SharedMessage> attachLive;
    private Thread attachingThread;
    private volatile boolean ended;
    private long bytesSent;
    /** Each batch message's timestamp after jitter correction; grown as needed, reused. */
    private long[] timestamps = new long[64];
    /** This player's key for the run being written; a copy is left with a shared encoding. */
    private final RunKey runKey = new RunKey();
    /** The run's messages this player retained to write them as its own batch; reused. */
    private final List<SharedMessage> ownBatch = new ArrayList<>();

    HttpStreamPlayer(Channel channel, ContextLog log, StreamSink sink, StreamFormat format, long mergeDelayMs,
                     QueueLimits queueLimits, TimeJitter.Mode jitterMode, double fastCacheSeconds) {
        super(channel, log, mergeDelayMs, queueLimits);
        this.sink = sink;
        this.encoder = StreamEncoder.of(format, log);
        this.jitter = new TimeJitter(jitterMode);
        this.audioOnly = format.audioOnly();
        this.fastCacheMs = Math.round(fastCacheSeconds * 1000);
    }

    /** Writes the format's header; call on the event loop before {@link #attachTo}. */
    void start() {
        ByteBuf header = encoder.header(channel.alloc());
        if (header.isReadable()) {
            bytesSent += header.readableBytes();
            sink.write(channel, header);
        } else {
            header.release();
        }
        channel.flush();
    }

    /** Attaches to {@code source}; what the source hands over at once is filtered for audio-only formats. */
    void attachTo(LiveSource source) {
        if (!audioOnly) {
            source.attach(this);
            return;
        }
        synchronized (this) {
            attachBurst = new ArrayList<>();
            attachLive = new ArrayList<>();
            attachingThread = Thread.currentThread();
        }
        source.attach(this);
        synchronized (this) {
            for (SharedMessage m : fastCache(attachBurst)) {
                super.enqueue(m);
            }
            for (SharedMessage m : attachLive) {
                super.enqueue(m);
            }
            attachBurst = null;
            attachLive = null;
            attachingThread = null;
        }
    }

    @Override
    public void enqueue(SharedMessage msg) {
        if (audioOnly) {
            synchronized (this) {
                if (attachBurst != null) {
                    (Thread.currentThread() == attachingThread ? attachBurst : attachLive).add(msg);
                    return;
                }
                super.enqueue(msg);
            }
            return;
        }
        super.enqueue(msg);
    }

    @Override
    public void onPublish(StreamKey key) {
        // Nothing to tell: the stream's bytes simply start flowing.
    }

    @Override
    public void onUnpublish(StreamKey key) {
        List<SharedMessage> tail = new ArrayList<>();
        closeAndDrainTo(tail);
        channel.eventLoop().execute(() -> finish(tail));
    }

    /** The connection failed (a reset, a bad WebSocket frame); it is closed next. */
    void onConnectionError(Throwable cause) {
        log.trace("HTTP stream connection error: {}", cause.toString());
    }

    boolean ended() {
        return ended;
    }

    long bytesSent() {
        return bytesSent;
    }

    private void finish(List<SharedMessage> tail) {
        ended = true;
        if (!channel.isActive()) {
            tail.forEach(SharedMessage::release);
            return;
        }
        if (!tail.isEmpty()) {
            writeBatch(tail);
        }
        writeEnd();
        sink.end(channel);
    }

    @Override
    public void close() {
        super.close();
        encoder.close();
    }

    private void writeEnd() {
        CompositeByteBuf out = channel.alloc().compositeDirectBuffer(2);
        encoder.end(out);
        if (out.isReadable()) {
            bytesSent += out.readableBytes();
            sink.write(channel, out);
        } else {
            out.release();
        }
    }

    @Override
    protected boolean canWrite() {
        return !ended && super.canWrite();
    }

    @Override
    protected void writeBatch(List<SharedMessage> batch) {
        correctTimestamps(batch);
        writeOwn(batch);
    }

    /**
     * Writes the run from the encoding shared by the players with the same timestamps, when the
     * format allows it ({@link RunEncoder}) and another player of the group has them too: the
     * first player with a timeline notes it and writes its own batch, the second makes the shared
     * encoding. A player alone in its group, or whose format depends on what it wrote before,
     * writes its own batch.
     */
    @Override
    protected boolean writeRun(LiveRun run) {
        if (!(encoder instanceof RunEncoder runEncoder) || run.players() < 2) {
            return false;
        }
        List<SharedMessage> messages = run.messages();
        correctTimestamps(messages);
        // FLV carries absolute timestamps: players share a run's bytes when they have the same
        // timeline (the same timestamps after correction), as players that joined at one GOP do.
        runKey.set(runEncoder.getClass(), 0, timestamps, messages.size());
        ByteBuf encoding = run.encoding(runKey);
        if (encoding == null && run.noted(runKey)) {
            encoding = runEncoder.encodeRun(channel.alloc(), messages, timestamps);
            run.share(runKey.copy(), encoding);
        }
        if (encoding == null) {
            run.note(runKey.copy());
            writeOwnCopy(messages);
            return true;
        }
        if (encoding.isReadable()) {
            bytesSent += encoding.readableBytes();
            sink.write(channel, encoding.retainedDuplicate());
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

    /** Fills {@link #timestamps} with each message's timestamp after jitter correction. */
    private void correctTimestamps(List<SharedMessage> batch) {
        timestamps = jitter.correctAll(batch, timestamps);
    }

    /** Writes a batch of this player's references at {@link #timestamps}; releases them. */
    private void writeOwn(List<SharedMessage> batch) {
        CompositeByteBuf out = channel.alloc().compositeDirectBuffer(Math.max(16, batch.size() * 3));
        try {
            for (int i = 0; i < batch.size(); i++) {
                SharedMessage m = batch.get(i);
                encoder.encode(m, timestamps[i], out);
                m.release();
                batch.set(i, null);
            }
        } catch (RuntimeException e) {
            out.release();
            throw e;
        } finally {
            for (SharedMessage m : batch) {
                if (m != null) {
                    m.release();
                }
            }
        }
        if (out.isReadable()) {
            bytesSent += out.readableBytes();
            sink.write(channel, out);
        } else {
            out.release();
        }
    }

    /**
     * Of what a source hands a new audio-only player (metadata, sequence headers, its GOP cache),
     * keeps the sequence headers and the audio of the last {@code fast_cache} seconds.
     */
    private List<SharedMessage> fastCache(List<SharedMessage> burst) {
        long newest = -1;
        for (SharedMessage m : burst) {
            if (m.isAudio() && !m.isSequenceHeader()) {
                newest = Math.max(newest, m.timestamp());
            }
        }
        List<SharedMessage> kept = new ArrayList<>();
        for (SharedMessage m : burst) {
            boolean recentAudio = fastCacheMs > 0 && m.isAudio() && m.timestamp() >= newest - fastCacheMs;
            if (m.isSequenceHeader() || recentAudio) {
                kept.add(m);
            } else {
                m.release();
            }
        }
        return kept;
    }
}
