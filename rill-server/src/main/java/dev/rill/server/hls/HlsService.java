package dev.rill.server.hls;

import dev.rill.server.config.HlsConfig;
import dev.rill.server.config.RillConfig;
import dev.rill.server.live.LiveSource;
import dev.rill.server.live.SourceObserver;
import dev.rill.server.live.StreamKey;
import dev.rill.server.log.ContextLog;
import io.netty.buffer.ByteBufAllocator;
import java.time.ZoneId;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Starts an HLS session when a stream is published on a vhost with {@code hls { enabled on; }}
 * and ends it at unpublish; {@code hls_dispose} seconds later, unless a publisher has returned,
 * the stream's files are removed. Told by the sources under their monitor on a publisher's event
 * loop, so it only attaches, starts a virtual thread or schedules: all file work runs elsewhere.
 */
public final class HlsService implements SourceObserver, AutoCloseable {
    private static final ContextLog LOG = ContextLog.of(HlsService.class, "hls");

    private final Supplier<RillConfig> config;
    private final Supplier<String> cids;
    private final ByteBufAllocator alloc;
    private final ZoneId zone;
    private final ConcurrentHashMap<StreamKey, HlsStream> streams = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<StreamKey, HlsSession> sessions = new ConcurrentHashMap<>();
    private final ScheduledExecutorService disposer =
            Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("hls-dispose").factory());

    public HlsService(Supplier<RillConfig> config, Supplier<String> cids, ByteBufAllocator alloc, ZoneId zone) {
        this.config = config;
        this.cids = cids;
        this.alloc = alloc;
        this.zone = zone;
    }

    @Override
    public void onPublish(LiveSource source) {
        StreamKey key = source.key();
        HlsConfig hls = config.get().hls(key.vhost());
        if (!hls.enabled()) {
            return;
        }
        HlsStream stream = streams.computeIfAbsent(key, HlsStream::new);
        int generation = stream.generation.incrementAndGet();
        ContextLog log = ContextLog.of(HlsSession.class, cids.get());
        HlsSession session = new HlsSession(source, stream, hls, log, alloc, zone,
                () -> scheduleDispose(stream, generation, hls, log));
        HlsSession old = sessions.put(key, session);
        if (old != null) {
            old.end();
        }
        CompletableFuture<Void> previous = stream.follow(session.done());
        source.attach(session);
        session.start(previous);
    }

    @Override
    public void onUnpublish(LiveSource source) {
        HlsSession session = sessions.remove(source.key());
        if (session != null) {
            source.detach(session);
            session.end();
        }
    }

    @Override
    public void close() {
        for (HlsSession s : sessions.values()) {
            s.end();
        }
        sessions.clear();
        disposer.shutdownNow();
    }

    private void scheduleDispose(HlsStream stream, int generation, HlsConfig hls, ContextLog log) {
        if (hls.disposeSeconds() <= 0 || disposer.isShutdown()) {
            return;
        }
        try {
            disposer.schedule(() -> stream.dispose(generation, log), hls.disposeSeconds(), TimeUnit.SECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.trace("HLS dispose of {} skipped: shutting down", stream.key);
        }
    }
}
