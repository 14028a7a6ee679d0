package dev.rill.server.cluster;

import dev.rill.codec.RillException;
import dev.rill.codec.amf.AmfLimits;
import dev.rill.codec.rtmp.RtmpMessage;
import dev.rill.codec.rtmp.client.RtmpClientHandler;
import dev.rill.codec.rtmp.command.DataMessage;
import dev.rill.server.config.ClusterConfig;
import dev.rill.server.config.RillConfig;
import dev.rill.server.live.LiveSource;
import dev.rill.server.live.LiveSources;
import dev.rill.server.live.Publisher;
import dev.rill.server.live.SharedMessage;
import dev.rill.server.log.ContextLog;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * An edge's pull of one stream (SRS's edge ingester): the publisher of the edge's source, fed by
 * one RTMP play from the origins, however many consumers the source has. When the upstream fails
 * or closes, the next origin is tried while this stays the publisher, so consumers stay connected
 * and see a gap; the new upstream's metadata and sequence headers then flow as usual. Stops
 * {@value #GRACE_MS} ms after the last player leaves (an HLS segmenter does not count: it would
 * keep the pull forever). Runs on one event loop.
 */
final class EdgeIngester implements Publisher, UpstreamLink.Owner {
    /** How long a pull outlives its last consumer, so a player that reconnects finds it warm. */
    static final long GRACE_MS = 3000;
    private static final long IDLE_CHECK_MS = 250;

    private final LiveSources sources;
    private final LiveSource source;
    private final ContextLog log;
    private final EventLoop loop;
    private final UpstreamLink link;
    private final Consumer<EdgeIngester> onStopped;
    private ScheduledFuture<?> idleCheck;
    private long idleSinceNanos;
    private boolean stopped;

    /** {@code source} is acquired and published by this ingester; it releases both when it stops. */
    EdgeIngester(LiveSources sources, LiveSource source, ClusterConfig cluster, String cid, EventLoop loop,
                 Class<? extends SocketChannel> channelType, Consumer<EdgeIngester> onStopped) {
        this.sources = sources;
        this.source = source;
        this.log = ContextLog.of(EdgeIngester.class, cid);
        this.loop = loop;
        this.onStopped = onStopped;
        String vhost = cluster.upstreamVhost();
        this.link = new UpstreamLink("edge pull", log, loop, channelType, cluster.origins(),
                vhost.equals(RillConfig.DEFAULT_VHOST) ? null : vhost,
                source.key().app(), source.key().stream(), RtmpClientHandler.Mode.PLAY, this);
    }

    @Override
    public String cid() {
        return log.cid();
    }

    LiveSource source() {
        return source;
    }

    /** Upstream connections that started playing so far. */
    long upstreamConnections() {
        return link.connections();
    }

    void start() {
        loop.execute(() -> {
            log.trace("edge pull {} starts for its first consumer", source.key());
            link.start();
            idleCheck = loop.scheduleAtFixedRate(this::checkIdle, IDLE_CHECK_MS, IDLE_CHECK_MS, TimeUnit.MILLISECONDS);
        });
    }

    /** Drops the current upstream; the next origin is tried and consumers stay. */
    @Override
    public void kick(String reason) {
        loop.execute(() -> link.drop(reason));
    }

    @Override
    public void onUp(RtmpClientHandler client, Channel channel) {
        idleSinceNanos = 0;
    }

    @Override
    public void onDown() {
        log.trace("edge pull {}: upstream lost, consumers wait for the next origin", source.key());
    }

    @Override
    public void onMedia(RtmpMessage m) {
        // The origin's play replies (|RtmpSampleAccess, NetStream.Data.Start) are for a player, not
        // part of the stream; only metadata is passed on with the audio and video.
        if (DataMessage.isData(m.typeId()) && !isMetadata(m)) {
            return;
        }
        source.onMessage(new SharedMessage(m.typeId(), m.timestamp(), m.content().retain()));
    }

    /** Stops now, whatever the consumers; used when the server shuts down. Call on the loop. */
    void stop(String reason) {
        if (stopped) {
            return;
        }
        stopped = true;
        if (idleCheck != null) {
            idleCheck.cancel(false);
        }
        link.stop();
        source.unpublish(this);
        sources.release(source);
        log.trace("edge pull {} stopped ({}), {} upstream connections in {} attempts", source.key(), reason,
                link.connections(), link.attempts());
        onStopped.accept(this);
    }

    EventLoop loop() {
        return loop;
    }

    private void checkIdle() {
        if (stopped) {
            return;
        }
        if (source.playerCount() > 0) {
            idleSinceNanos = 0;
            return;
        }
        long now = System.nanoTime();
        if (idleSinceNanos == 0) {
            idleSinceNanos = now;
        } else if (now - idleSinceNanos >= TimeUnit.MILLISECONDS.toNanos(GRACE_MS) && source.unpublishIfIdle(this)) {
            stop("no player for " + GRACE_MS + " ms");
        }
    }

    private static boolean isMetadata(RtmpMessage m) {
        try {
            return DataMessage.decode(m.typeId(), m.content(), AmfLimits.DEFAULT).metadata() != null;
        } catch (RillException e) {
            return false;
        }
    }
}
