package dev.rill.server;

import dev.rill.codec.amf.AmfLimits;
import dev.rill.codec.rtmp.chunk.ChunkLimits;
import dev.rill.server.cluster.ClusterService;
import dev.rill.server.config.HttpRemuxConfig;
import dev.rill.server.config.HttpServerConfig;
import dev.rill.server.config.RillConfig;
import dev.rill.server.config.VhostConfig;
import dev.rill.server.http.files.StaticFileRoute;
import dev.rill.server.http.players.PlayerPageRoute;
import dev.rill.server.http.stream.LiveStreamRoute;
import dev.rill.server.http.HttpLimits;
import dev.rill.server.http.HttpListener;
import dev.rill.server.http.HttpRoute;
import dev.rill.server.hls.HlsService;
import dev.rill.server.live.LiveSources;
import dev.rill.server.log.ContextLog;
import dev.rill.server.rtmp.RtmpListener;
import dev.rill.server.rtmp.ServerContext;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The running server: event loops, RTMP listeners and live sources, built from one config. Tests
 * start it in-process on loopback; {@code bin/rill} starts it through {@link dev.rill.server.cli.RillCommand}.
 */
public final class RillServer implements AutoCloseable {
    private static final ContextLog LOG = ContextLog.of(RillServer.class, "main");
    /** The name of the {@code http_server} listener, for {@link #httpAddress}. */
    public static final String HTTP_SERVER = "HTTP server";

    private final RillConfig config;
    private final ServerContext context;
    private final List<RtmpListener> listeners = new ArrayList<>();
    private final List<HttpListener> httpListeners = new ArrayList<>();
    private final List<InetSocketAddress> rtmpAddresses = new ArrayList<>();
    private final Map<String, InetSocketAddress> httpAddresses = new ConcurrentHashMap<>();
    private final List<ExecutorService> blockingExecutors = new ArrayList<>();
    private EventLoopGroup boss;
    private EventLoopGroup workers;
    private Class<? extends ServerChannel> serverChannelType;
    private ClusterService cluster;
    private HlsService hls;

    public RillServer(RillConfig config) {
        this.config = config;
        this.context = new ServerContext(() -> this.config,
                new LiveSources(PooledByteBufAllocator.DEFAULT, ServerContext.SERVER_NAME + "/" + Version.get()),
                Version.get());
    }

    public RillServer start() throws InterruptedException {
        boolean epoll = Epoll.isAvailable();
        boss = new MultiThreadIoEventLoopGroup(1, epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        workers = new MultiThreadIoEventLoopGroup(0, epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        Class<? extends ServerChannel> type = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        serverChannelType = type;
        startHls();
        try {
            startCluster(epoll);
            for (InetSocketAddress address : config.listen()) {
                RtmpListener listener = new RtmpListener(context, ChunkLimits.DEFAULT, AmfLimits.DEFAULT);
                InetSocketAddress bound = listener.bind(address, boss, workers, type);
                listeners.add(listener);
                rtmpAddresses.add(bound);
                LOG.trace("RTMP listen at {}:{} ({})", bound.getAddress().getHostAddress(), bound.getPort(),
                        epoll ? "epoll" : "nio");
            }
            startHttpServer();
        } catch (RuntimeException | InterruptedException e) {
            close();
            throw e;
        }
        return this;
    }

    /** HLS segmenting for every stream published on a vhost with hls enabled. */
    private void startHls() {
        hls = new HlsService(() -> this.config, context::nextCid, PooledByteBufAllocator.DEFAULT,
                java.time.ZoneId.systemDefault());
        context.sources().addObserver(hls);
    }

    /**
     * The {@code http_server}: live HTTP streams at the vhosts' {@code http_remux} mounts, the
     * player page, then the static files of {@code dir}. Routes are tried in that order.
     */
    private void startHttpServer() throws InterruptedException {
        HttpServerConfig http = config.httpServer();
        if (!http.enabled()) {
            return;
        }
        for (VhostConfig vhost : config.vhosts()) {
            HttpRemuxConfig remux = config.httpRemux(vhost.name());
            if (remux.enabled() && remux.mount().endsWith(".ts")) {
                LOG.warn("vhost {}: http_remux mount {} asks for HTTP-TS, which Rill does not stream yet; "
                        + "requests to it get 404", vhost.name(), remux.mount());
            }
        }
        ExecutorService blocking = Executors.newVirtualThreadPerTaskExecutor();
        blockingExecutors.add(blocking);
        List<HttpRoute> routes = List.of(
                new LiveStreamRoute(context, http.crossdomain()),
                new PlayerPageRoute(context, http.crossdomain(), blocking),
                new StaticFileRoute("/", http.dir(), http.crossdomain(), blocking));
        InetSocketAddress bound = bindHttp(HTTP_SERVER, http.listen(), routes);
        httpAddresses.put(HTTP_SERVER, bound);
        LOG.trace("HTTP server: static files from {}, player page at {}", http.dir().toAbsolutePath().normalize(),
                PlayerPageRoute.PREFIX);
    }

    /** Where the HTTP listener called {@code name} is bound (e.g. {@value #HTTP_SERVER}), or null. */
    public InetSocketAddress httpAddress(String name) {
        return httpAddresses.get(name);
    }

    /**
     * Serves HTTP on {@code address} with {@code routes} (tried in order), on the server's event
     * loops. Returns the bound address (useful with port 0).
     */
    public InetSocketAddress bindHttp(String name, InetSocketAddress address, List<HttpRoute> routes)
            throws InterruptedException {
        HttpListener listener = new HttpListener(name, HttpLimits.DEFAULT, context::nextCid, routes);
        InetSocketAddress bound = listener.bind(address, boss, workers, serverChannelType);
        httpListeners.add(listener);
        LOG.trace("{} listen at {}:{}", name, bound.getAddress().getHostAddress(), bound.getPort());
        return bound;
    }

    /** Forward and edge: observes every source, so it starts before any client can connect. */
    private void startCluster(boolean epoll) {
        cluster = new ClusterService(context, workers, epoll ? EpollSocketChannel.class : NioSocketChannel.class);
        context.sources().addObserver(cluster);
    }

    /** Forwarders and edge pulls; null before {@link #start()}. */
    public ClusterService cluster() {
        return cluster;
    }

    public List<InetSocketAddress> rtmpAddresses() {
        return List.copyOf(rtmpAddresses);
    }

    public ServerContext context() {
        return context;
    }

    @Override
    public void close() {
        for (RtmpListener l : listeners) {
            l.close();
        }
        listeners.clear();
        for (HttpListener l : httpListeners) {
            l.close();
        }
        httpListeners.clear();
        if (cluster != null) {
            cluster.close();
        }
        for (ExecutorService e : blockingExecutors) {
            e.shutdownNow();
        }
        blockingExecutors.clear();
        if (hls != null) {
            hls.close();
        }
        if (boss != null) {
            boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
        if (workers != null) {
            workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
