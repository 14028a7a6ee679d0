package dev.rill.server.hls;

import dev.rill.codec.RillException;
import dev.rill.server.config.HlsConfig;
import dev.rill.server.live.ConsumerQueue;
import dev.rill.server.live.LiveConsumer;
import dev.rill.server.live.LiveSource;
import dev.rill.server.live.Publisher;
import dev.rill.server.live.SharedMessage;
import dev.rill.server.live.StreamKey;
import dev.rill.server.log.ContextLog;
import io.netty.buffer.ByteBufAllocator;
import java.io.IOException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * HLS for one publisher of one stream: a consumer of the live source whose queue is drained by a
 * virtual thread that muxes and writes the files, so no disk work runs on an event loop. The queue
 * is bounded in media time; a writer that falls behind has it cut back to the last keyframe, which
 * is logged. A failed write is handled per {@code hls_on_error}; the live stream never notices.
 * Under {@code continue} a failing disk is logged once, and again when writing resumes.
 */
final class HlsSession implements LiveConsumer {
    /** How far the writer may fall behind, in seconds of media, before its queue is cut. */
    static final double QUEUE_SECONDS = 30;
    private static final long IDLE_PARK_MS = 200;
    private static final long LOG_INTERVAL_MS = 5000;

    private final LiveSource source;
    private final Publisher publisher;
    private final HlsStream stream;
    private final HlsConfig config;
    private final ContextLog log;
    private final ByteBufAllocator alloc;
    private final ZoneId zone;
    private final ConsumerQueue queue = new ConsumerQueue(QUEUE_SECONDS);
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private final Runnable onEnd;
    private volatile Thread worker;
    private volatile boolean ending;
    private volatile boolean stopped;
    private final WriteFailures writeFailures;
    private final RateLimitedLog mediaErrors;
    private long lastDropLogMs;

    HlsSession(LiveSource source, HlsStream stream, HlsConfig config, ContextLog log, ByteBufAllocator alloc,
               ZoneId zone, Runnable onEnd) {
        this.source = source;
        this.publisher = source.publisher();
        this.stream = stream;
        this.config = config;
        this.log = log;
        this.alloc = alloc;
        this.zone = zone;
        this.onEnd = onEnd;
        this.writeFailures = new WriteFailures(log, stream.key);
        this.mediaErrors = new RateLimitedLog(log, LOG_INTERVAL_MS);
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
        LockSupport.unpark(worker);
    }

    @Override
    public boolean isPlayer() {
        return false;
    }

    @Override
    public void onPublish(StreamKey key) {
        // The service attaches a new session per publisher; this one never outlives its publisher.
    }

    @Override
    public void onUnpublish(StreamKey key) {
        // Handled through end(), called by the service after detaching.
    }

    /** Starts the writer; it first waits for {@code previous} (the last publisher's writer) to finish. */
    void start(CompletableFuture<Void> previous) {
        worker = Thread.ofVirtual().name("hls-" + log.cid()).start(() -> run(previous));
    }

    /** The publisher left: write what is queued, close the last segment, stop. */
    void end() {
        ending = true;
        LockSupport.unpark(worker);
    }

    CompletableFuture<Void> done() {
        return done;
    }

    private void run(CompletableFuture<Void> previous) {
        previous.join();
        log.trace("HLS start {}: {} in {}, fragment {} s, window {} s", stream.key, config.m3u8File(),
                config.path().toAbsolutePath(), config.fragmentSeconds(), config.windowSeconds());
        List<SharedMessage> batch = new ArrayList<>();
        try (HlsSegmenter segmenter = newSegmenter()) {
            while (!stopped) {
                boolean last = ending;
                queue.drainTo(batch);
                if (!batch.isEmpty()) {
                    process(segmenter, batch);
                } else if (last) {
                    finish(segmenter);
                    break;
                } else {
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(IDLE_PARK_MS));
                }
            }
        } catch (RuntimeException e) {
            log.error("HLS writer for {} failed: {}", stream.key, e.toString());
        } finally {
            queue.close();
            for (SharedMessage m : batch) {
                m.release();
            }
            log.trace("HLS end {}", stream.key);
            done.complete(null);
            onEnd.run();
        }
    }

    private HlsSegmenter newSegmenter() {
        stream.lock.lock();
        try {
            return new HlsSegmenter(stream, config, log, alloc, System::currentTimeMillis, zone);
        } finally {
            stream.lock.unlock();
        }
    }

    private void process(HlsSegmenter segmenter, List<SharedMessage> batch) {
        stream.lock.lock();
        try {
            for (int i = 0; i < batch.size(); i++) {
                SharedMessage m = batch.set(i, null);
                try {
                    if (!stopped) {
                        segmenter.onMessage(m);
                        writeFailures.check(segmenter.listed());
                    }
                } catch (IOException e) {
                    onWriteError(segmenter, e);
                } catch (RillException e) {
                    mediaErrors.error("HLS dropped a bad media message: {}", e.getMessage());
                } finally {
                    m.release();
                }
            }
        } finally {
            // Messages not reached because the segmenter threw are still this writer's to release.
            for (SharedMessage m : batch) {
                if (m != null) {
                    m.release();
                }
            }
            batch.clear();
            stream.lock.unlock();
        }
    }

    private void finish(HlsSegmenter segmenter) {
        stream.lock.lock();
        try {
            segmenter.finish();
        } catch (IOException e) {
            log.error("HLS could not finish the last segment of {}: {}", stream.key, e.toString());
            segmenter.abandon();
        } finally {
            stream.lock.unlock();
        }
    }

    private void onWriteError(HlsSegmenter segmenter, IOException e) {
        segmenter.abandon();
        switch (config.onError()) {
            case CONTINUE -> writeFailures.failed(e, segmenter.listed());
            case IGNORE -> {
                log.error("HLS write failed; HLS stops for {} (hls_on_error ignore), the stream goes on: {}",
                        stream.key, e.toString());
                stop();
            }
            case DISCONNECT -> {
                log.error("HLS write failed; kicking the publisher of {} (hls_on_error disconnect): {}",
                        stream.key, e.toString());
                stop();
                if (publisher != null) {
                    publisher.kick("HLS write failed: " + e.getMessage());
                }
            }
        }
    }

    private void stop() {
        stopped = true;
        source.detach(this);
        queue.close();
    }

    private void noteDropped(int dropped) {
        long now = System.currentTimeMillis();
        synchronized (this) {
            if (now - lastDropLogMs < LOG_INTERVAL_MS) {
                return;
            }
            lastDropLogMs = now;
        }
        log.warn("HLS writer of {} falls behind: its queue passed {} s of media, dropped {} messages "
                + "(cut back to the last keyframe; {} dropped in all)", stream.key, QUEUE_SECONDS, dropped, queue.dropped());
    }
}
