package dev.rill.server.cluster;

import dev.rill.server.config.ClusterConfig;
import dev.rill.server.config.ForwardConfig;
import dev.rill.server.config.HostPort;
import dev.rill.server.config.RillConfig;
import dev.rill.server.config.VhostConfig;
import dev.rill.server.live.LiveSource;
import dev.rill.server.live.LiveSources;
import dev.rill.server.live.SourceObserver;
import dev.rill.server.live.StreamKey;
import dev.rill.server.log.ContextLog;
import dev.rill.server.session.ServerContext;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rill.codec.rtmp.url.RtmpUrl;
import dev.rill.server.live.Publisher;
import dev.rill.server.session.ClusterRouting;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.concurrent.Future;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Scale-out per stream, as SRS's cluster: forwards every published stream to the vhost's
 * {@code forward} destinations; on an edge vhost ({@code cluster { mode remote; }}) starts one
 * {@link EdgeIngester} when a consumer arrives at a stream that has no publisher, and pushes a
 * stream published on the edge to the origins. Observes every source; its callbacks only start
 * or stop jobs on event loops. As the sessions' {@link ClusterRouting}, runs an edge's
 * {@link TokenTraverse} and an origin cluster's {@link OriginCluster} lookup, and answers
 * {@code /api/v1/clusters} for the streams published here.
 */
public final class ClusterService implements SourceObserver, ClusterRouting, AutoCloseable {
    private static final ContextLog LOG = ContextLog.of(ClusterService.class, "main");
    private static final long CLOSE_WAIT_MS = 2000;

    private final ServerContext server;
    private final EventLoopGroup loops;
    private final Class<? extends SocketChannel> channelType;
    private final Map<LiveSource, List<Forwarder>> forwarders = new ConcurrentHashMap<>();
    private final Set<EdgeIngester> ingesters = ConcurrentHashMap.newKeySet();
    private final TokenTraverse tokenTraverse;
    private final OriginCluster originCluster = new OriginCluster();
    private volatile Supplier<List<InetSocketAddress>> rtmpAddresses = List::of;
    private volatile Supplier<InetSocketAddress> apiAddress = () -> null;
    private volatile boolean closed;

    public ClusterService(ServerContext server, EventLoopGroup loops, Class<? extends SocketChannel> channelType) {
        this.server = server;
        this.loops = loops;
        this.channelType = channelType;
        this.tokenTraverse = new TokenTraverse(loops, channelType);
        warnMisconfigured(server.config());
    }

    /** Where this server's RTMP and HTTP API listen, for the origin it names in /api/v1/clusters. */
    public void setAddresses(Supplier<List<InetSocketAddress>> rtmp, Supplier<InetSocketAddress> api) {
        this.rtmpAddresses = rtmp;
        this.apiAddress = api;
    }

    @Override
    public CompletableFuture<String> checkConnect(String vhost, String tcUrl, String app, ContextLog log) {
        ClusterConfig cluster = server.config().cluster(vhost);
        if (closed || !cluster.edge() || !cluster.tokenTraverse() || cluster.origins().isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        return tokenTraverse.check(cluster.origins(), tcUrl, app, log);
    }

    @Override
    public CompletableFuture<PlayRoute> routePlay(StreamKey key, RtmpUrl url, ContextLog log) {
        ClusterConfig cluster = server.config().cluster(key.vhost());
        if (closed || cluster.edge() || !cluster.originCluster() || cluster.coworkers().isEmpty()
                || hasPublisher(key)) {
            return CompletableFuture.completedFuture(PlayRoute.HERE);
        }
        return originCluster.locate(cluster.coworkers(), key, url, log);
    }

    @Override
    public ObjectNode originOf(String vhost, String app, String stream, String coworker) {
        Optional<VhostConfig> v = server.config().resolveVhost(vhost);
        List<InetSocketAddress> rtmp = rtmpAddresses.get();
        if (v.isEmpty() || rtmp.isEmpty() || !hasPublisher(new StreamKey(v.get().name(), app, stream))) {
            return null;
        }
        return OriginCluster.originObject(v.get().name(), rtmp.get(0), apiAddress.get(), coworker);
    }

    /** A client publishes {@code key} here (an edge's own pull does not count, as in SRS). */
    private boolean hasPublisher(StreamKey key) {
        LiveSource source = server.sources().find(key);
        if (source == null) {
            return false;
        }
        Publisher p = source.publisher();
        return p != null && !(p instanceof EdgeIngester);
    }

    /** Edge pulls running now, for {@code key}: 0 or 1. */
    public int edgePulls(StreamKey key) {
        int n = 0;
        for (EdgeIngester i : ingesters) {
            if (i.source().key().equals(key)) {
                n++;
            }
        }
        return n;
    }

    /** Upstream connections (started plays) the running edge pull of {@code key} made so far. */
    public long edgeUpstreamConnections(StreamKey key) {
        long n = 0;
        for (EdgeIngester i : ingesters) {
            if (i.source().key().equals(key)) {
                n += i.upstreamConnections();
            }
        }
        return n;
    }

    /** Upstream connections (started publishes) the running forwarders of {@code key} made so far. */
    public long forwardUpstreamConnections(StreamKey key) {
        long n = 0;
        for (Map.Entry<LiveSource, List<Forwarder>> e : forwarders.entrySet()) {
            if (e.getKey().key().equals(key)) {
                for (Forwarder f : e.getValue()) {
                    n += f.upstreamConnections();
                }
            }
        }
        return n;
    }

    @Override
    public void onAttach(LiveSource source) {
        if (closed || source.publisher() != null) {
            return;
        }
        StreamKey key = source.key();
        if (!server.config().cluster(key.vhost()).edge()) {
            return;
        }
        // Acquiring the source takes the source map's lock, which must not be taken under the
        // source's monitor (held here): start from a loop.
        EventLoop loop = loops.next();
        execute(loop, () -> startEdgePull(key, loop));
    }

    @Override
    public void onPublish(LiveSource source) {
        if (closed || source.publisher() instanceof EdgeIngester) {
            return;
        }
        StreamKey key = source.key();
        RillConfig config = server.config();
        Optional<VhostConfig> vhost = config.vhost(key.vhost());
        if (vhost.isEmpty()) {
            return;
        }
        List<Forwarder> started = new ArrayList<>();
        ForwardConfig forward = config.forward(key.vhost());
        if (forward.active()) {
            for (HostPort destination : forward.destinations()) {
                started.add(newForwarder("forward", source, vhost.get(), List.of(destination)));
            }
        }
        ClusterConfig cluster = config.cluster(key.vhost());
        if (cluster.edge() && !cluster.origins().isEmpty()) {
            started.add(newForwarder("edge publish", source, vhost.get(), cluster.origins()));
        }
        if (started.isEmpty()) {
            return;
        }
        forwarders.put(source, started);
        for (Forwarder f : started) {
            f.start();
        }
    }

    @Override
    public void onUnpublish(LiveSource source) {
        List<Forwarder> list = forwarders.remove(source);
        if (list != null) {
            for (Forwarder f : list) {
                f.stop();
            }
        }
    }

    /** Stops every pull and push, waiting briefly for each on its loop. */
    @Override
    public void close() {
        closed = true;
        List<Future<?>> pending = new ArrayList<>();
        for (EdgeIngester i : List.copyOf(ingesters)) {
            pending.add(i.loop().submit(() -> i.stop("server stopping")));
        }
        for (LiveSource source : List.copyOf(forwarders.keySet())) {
            List<Forwarder> list = forwarders.remove(source);
            if (list != null) {
                for (Forwarder f : list) {
                    f.stop();
                    pending.add(f.loop().submit(() -> { }));
                }
            }
        }
        for (Future<?> f : pending) {
            f.awaitUninterruptibly(CLOSE_WAIT_MS, TimeUnit.MILLISECONDS);
        }
        originCluster.close();
    }

    private Forwarder newForwarder(String what, LiveSource source, VhostConfig vhost, List<HostPort> servers) {
        String cid = server.nextCid();
        LOG.trace("{} {} to {} as cid {}", what, source.key(), servers, cid);
        return new Forwarder(what, source, vhost, server.limits().queue(vhost.queueLengthSeconds()), servers, cid,
                loops.next(), channelType);
    }

    private void startEdgePull(StreamKey key, EventLoop loop) {
        RillConfig config = server.config();
        ClusterConfig cluster = config.cluster(key.vhost());
        Optional<VhostConfig> vhost = config.vhost(key.vhost());
        if (closed || !cluster.edge() || vhost.isEmpty()) {
            return;
        }
        LiveSources sources = server.sources();
        LiveSource source = sources.acquire(key, vhost.get().gopCache(), vhost.get().mixCorrect());
        if (source.playerCount() == 0 || source.publisher() != null) {
            sources.release(source);
            return;
        }
        if (cluster.origins().isEmpty()) {
            LOG.error("edge vhost {} has no origin: {} cannot be pulled", key.vhost(), key);
            sources.release(source);
            return;
        }
        EdgeIngester ingester = new EdgeIngester(sources, source, cluster, server.nextCid(), loop, channelType,
                ingesters::remove);
        if (!source.publish(ingester)) {
            sources.release(source);
            return;
        }
        ingesters.add(ingester);
        ingester.start();
    }

    private static void execute(EventLoop loop, Runnable task) {
        try {
            loop.execute(task);
        } catch (RejectedExecutionException e) {
            LOG.warn("cluster task not run: event loops are shutting down");
        }
    }

    private static void warnMisconfigured(RillConfig config) {
        for (VhostConfig v : config.vhosts()) {
            ClusterConfig c = config.cluster(v.name());
            if (c.tokenTraverse() && !c.edge()) {
                LOG.warn("vhost {}: token_traverse applies to an edge (cluster mode remote) only", v.name());
            }
            if (c.originCluster() && c.coworkers().isEmpty()) {
                LOG.warn("vhost {}: origin_cluster is on without coworkers; no other origin is asked", v.name());
            }
            if (c.edge() && c.origins().isEmpty()) {
                LOG.error("vhost {} is an edge (cluster mode remote) without an origin", v.name());
            }
        }
    }
}
