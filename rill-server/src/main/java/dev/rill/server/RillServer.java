package dev.rill.server;

import dev.rill.codec.amf.AmfLimits;
import dev.rill.server.api.ApiServer;
import dev.rill.server.api.Heartbeat;
import dev.rill.server.api.HostSampler;
import dev.rill.server.cluster.ClusterService;
import dev.rill.server.config.HlsConfig;
import dev.rill.server.config.HttpApiConfig;
import dev.rill.server.config.HttpServerConfig;
import dev.rill.server.config.LogTank;
import dev.rill.server.config.RillConfig;
import dev.rill.server.config.VhostConfig;
import dev.rill.server.hls.HlsService;
import dev.rill.server.hooks.HookCaller;
import dev.rill.server.http.HttpLimits;
import dev.rill.server.http.HttpListener;
import dev.rill.server.http.HttpRoute;
import dev.rill.server.http.files.StaticFileRoute;
import dev.rill.server.http.players.PlayerPageRoute;
import dev.rill.server.http.stream.LiveStreamRoute;
import dev.rill.server.live.LiveSource;
import dev.rill.server.live.LiveSources;
import dev.rill.server.log.ContextLog;
import dev.rill.server.log.LogSetup;
import dev.rill.server.reload.ConfigDiff;
import dev.rill.server.reload.Reloader;
import dev.rill.server.rtmp.RtmpListener;
import dev.rill.server.session.ClientLimits;
import dev.rill.server.session.ServerContext;
import dev.rill.server.stats.ClientStat;
import dev.rill.server.stats.StatsRegistry;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.internal.PlatformDependent;
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
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * The running server: event loops, RTMP listeners and live sources, built from one config. Tests
 * start it in-process on loopback; {@code bin/rill} starts it through {@link dev.rill.server.cli.RillCommand}.
 * {@link #apply} swaps in a new config, touching only what changed.
 */
public final class RillServer implements AutoCloseable {
    private static final ContextLog LOG = ContextLog.of(RillServer.class, "main");
    /** The name of the {@code http_server} listener, for {@link #httpAddress}. */
    public static final String HTTP_SERVER = "HTTP server";

    private volatile RillConfig config;
    private final ServerContext context;
    private final Reloader reloader;
    private final Map<InetSocketAddress, RtmpListener> listeners = new LinkedHashMap<>();
    private final Map<InetSocketAddress, InetSocketAddress> rtmpBound = new LinkedHashMap<>();
    private final List<HttpListener> httpListeners = new ArrayList<>();
    private final List<ExecutorService> blockingExecutors = new ArrayList<>();
    private final Map<InetSocketAddress, HttpListener> httpByAddress = new LinkedHashMap<>();
    private final Map<String, InetSocketAddress> httpAddresses = new LinkedHashMap<>();
    private final List<BiConsumer<RillConfig, RillConfig>> reloadListeners = new CopyOnWriteArrayList<>();
    private ApiServer api;
    private Heartbeat heartbeat;
    private final HostSampler host = new HostSampler();
    private EventLoopGroup boss;
    private EventLoopGroup workers;
    private Class<? extends ServerChannel> serverChannelType;
    private ClusterService cluster;
    private HlsService hls;

    public RillServer(RillConfig config) {
        this(config, null);
    }

    /** {@code configFile}, when not null, is what SIGHUP and {@code raw?rpc=reload} read again. */
    public RillServer(RillConfig config, Path configFile) {
        this.config = config;
        ClientLimits limits = new ClientLimits(config.limits(PlatformDependent.maxDirectMemory()));
        this.context = new ServerContext(() -> this.config,
                new LiveSources(PooledByteBufAllocator.DEFAULT, ServerContext.SERVER_NAME + "/" + Version.get(),
                        limits.gopCache()),
                Version.get(), new StatsRegistry(System::currentTimeMillis), new HookCaller(HookCaller.DEFAULT_TIMEOUT),
                limits);
        this.reloader = new Reloader(configFile, this::apply);
    }

    public RillServer start() throws InterruptedException {
        boolean epoll = Epoll.isAvailable();
        boss = new MultiThreadIoEventLoopGroup(1, epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        workers = new MultiThreadIoEventLoopGroup(Runtime.getRuntime().availableProcessors(), epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        Class<? extends ServerChannel> type = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        serverChannelType = type;
        startHls();
        try {
            startCluster(epoll);
            for (InetSocketAddress address : config.listen()) {
                bindRtmp(address);
            }
            // The API first: on a port shared with http_server (SRS's one-port setup) its /api and
            // /metrics routes must come before the static files, which take every other path.
            startOperations();
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
     * player page, then the static files of {@code dir} (HLS too, when {@code hls_path} lies inside
     * it, as in SRS). Routes are tried in that order.
     */
    private void startHttpServer() throws InterruptedException {
        HttpServerConfig http = config.httpServer();
        if (!http.enabled()) {
            return;
        }
        Path httpDir = http.dir().toAbsolutePath().normalize();
        for (VhostConfig vhost : config.vhosts()) {
            HlsConfig hlsConfig = config.hls(vhost.name());
            Path hlsPath = hlsConfig.path().toAbsolutePath().normalize();
            if (hlsConfig.enabled() && !hlsPath.startsWith(httpDir)) {
                LOG.warn("vhost {}: hls_path {} is outside http_server's dir {}: its HLS is not served over HTTP",
                        vhost.name(), hlsPath, httpDir);
            }
        }
        ExecutorService blocking = Executors.newVirtualThreadPerTaskExecutor();
        blockingExecutors.add(blocking);
        List<HttpRoute> routes = List.of(
                new LiveStreamRoute(context, http.crossdomain()),
                new PlayerPageRoute(context, http.crossdomain(), blocking),
                new StaticFileRoute("/", http.dir(), http.crossdomain(), blocking));
        bindHttp(HTTP_SERVER, http.listen(), routes);
        LOG.trace("HTTP server: static files from {}, player page at {}", httpDir, PlayerPageRoute.PREFIX);
    }

    /** The HTTP API with /metrics when {@code http_api} is on, and the heartbeat. */
    private void startOperations() throws InterruptedException {
        HttpApiConfig httpApi = config.httpApi();
        if (httpApi.enabled()) {
            api = new ApiServer(context, this::reloadInBackground, host);
            ApiServer.warnIfOpen(bindHttp("HTTP API", httpApi.listen(), api.routes()), httpApi);
        }
        heartbeat = new Heartbeat(() -> config, context.stats(), () -> context.connections().get(), host).start();
    }

    /**
     * Serves HTTP on {@code address} with {@code routes} (tried in order), on the server's event
     * loops. Returns the bound address (useful with port 0). A second call for the same address
     * with a fixed port adds its routes to the listener already there, so the API and the HTTP
     * server can share a port as in SRS.
     */
    public synchronized InetSocketAddress bindHttp(String name, InetSocketAddress address, List<HttpRoute> routes)
            throws InterruptedException {
        HttpListener shared = address.getPort() == 0 ? null : httpByAddress.get(address);
        if (shared != null) {
            shared.addRoutes(routes);
            InetSocketAddress bound = shared.localAddress();
            httpAddresses.put(name, bound);
            LOG.trace("{} shares {}:{}", name, bound.getAddress().getHostAddress(), bound.getPort());
            return bound;
        }
        HttpListener listener = new HttpListener(name, HttpLimits.DEFAULT, context::nextCid, context.connections(), routes);
        InetSocketAddress bound = listener.bind(address, boss, workers, serverChannelType);
        httpListeners.add(listener);
        httpByAddress.put(address, listener);
        httpAddresses.put(name, bound);
        LOG.trace("{} listen at {}:{}", name, bound.getAddress().getHostAddress(), bound.getPort());
        return bound;
    }

    /**
     * Forward, edge, token traverse and origin cluster: observes every source, so it starts before
     * any client can connect.
     */
    private void startCluster(boolean epoll) {
        cluster = new ClusterService(context, workers, epoll ? EpollSocketChannel.class : NioSocketChannel.class);
        context.sources().addObserver(cluster);
        cluster.setAddresses(this::rtmpAddresses, () -> httpAddress("HTTP API"));
        context.setCluster(cluster);
    }

    /** Forwarders and edge pulls; null before {@link #start()}. */
    public ClusterService cluster() {
        return cluster;
    }

    public synchronized List<InetSocketAddress> rtmpAddresses() {
        return List.copyOf(rtmpBound.values());
    }

    /** Where the HTTP listener named {@code name} ("HTTP API", ...) is bound, or null. */
    public synchronized InetSocketAddress httpAddress(String name) {
        return httpAddresses.get(name);
    }

    public ServerContext context() {
        return context;
    }

    public RillConfig config() {
        return config;
    }

    /** Told (old, new) after every applied reload; for features that keep per-vhost state. */
    public void addReloadListener(BiConsumer<RillConfig, RillConfig> listener) {
        reloadListeners.add(listener);
    }

    /** Reads the config file again and applies it if good (SIGHUP). Blocks; not on an event loop. */
    public boolean reload() {
        return reloader.reload();
    }

    private void reloadInBackground() {
        Thread.ofVirtual().name("rill-reload").start(this::reload);
    }

    /**
     * Applies a checked config: RTMP endpoints opened and closed, vhost settings pushed to live
     * sources, clients of removed or disabled vhosts closed, log settings applied. Hooks, security
     * and the other vhost settings apply to clients from now on; other clients stay connected.
     */
    public synchronized void apply(RillConfig next) {
        RillConfig old = config;
        ConfigDiff diff = ConfigDiff.of(old, next);
        for (InetSocketAddress gone : diff.listenRemoved()) {
            RtmpListener l = listeners.remove(gone);
            if (l != null) {
                l.close();
                LOG.trace("reload: RTMP stopped listening at {}", rtmpBound.remove(gone));
            }
        }
        for (InetSocketAddress added : diff.listenAdded()) {
            try {
                bindRtmp(added);
            } catch (RuntimeException | InterruptedException e) {
                LOG.error("reload: cannot listen at {}: {}", added, e.toString());
            }
        }
        config = next;
        for (String vhost : diff.vhostsChanged()) {
            next.vhost(vhost).ifPresent(this::applyToSources);
        }
        for (String vhost : diff.vhostsRemoved()) {
            kickVhost(vhost, "vhost " + vhost + " was removed by a reload");
        }
        for (VhostConfig v : next.vhosts()) {
            if (!v.enabled() && old.vhost(v.name()).map(VhostConfig::enabled).orElse(false)) {
                kickVhost(v.name(), "vhost " + v.name() + " was disabled by a reload");
            }
        }
        if (diff.logChanged()) {
            LogSetup.apply(next.logLevel(), next.logTank() == LogTank.FILE ? next.logFile() : null);
        }
        if (diff.httpApiChanged()) {
            LOG.warn("reload: http_api changes take effect at the next start");
        }
        reloadListeners.forEach(l -> l.accept(old, next));
        LOG.trace("reload applied: {}", diff);
    }

    private void applyToSources(VhostConfig v) {
        for (LiveSource s : context.sources().all()) {
            if (s.key().vhost().equals(v.name())) {
                s.applySettings(v.gopCache(), v.mixCorrect());
            }
        }
    }

    private void kickVhost(String vhost, String reason) {
        for (ClientStat c : context.stats().clients()) {
            if (c.stream().key().vhost().equals(vhost)) {
                c.kick(reason);
            }
        }
    }

    private void bindRtmp(InetSocketAddress address) throws InterruptedException {
        RtmpListener listener = new RtmpListener(context, AmfLimits.DEFAULT);
        InetSocketAddress bound = listener.bind(address, boss, workers, serverChannelType);
        listeners.put(address, listener);
        rtmpBound.put(address, bound);
        LOG.trace("RTMP listen at {}:{} ({})", bound.getAddress().getHostAddress(), bound.getPort(),
                serverChannelType.getSimpleName());
    }

    /**
     * Quits gracefully (SRS's SIGQUIT): stops accepting, lets connected clients finish for up to
     * {@code waitMs} ({@code grace_final_wait}), then closes.
     */
    public void closeGracefully(long waitMs) throws InterruptedException {
        synchronized (this) {
            listeners.values().forEach(RtmpListener::close);
            listeners.clear();
            httpListeners.forEach(HttpListener::close);
            httpListeners.clear();
        }
        // Publishers and players, not every connection: an idle keep-alive HTTP connection has
        // nothing to finish and would only hold the quit for the whole wait.
        LOG.trace("graceful quit: not accepting, waiting up to {} ms for {} clients", waitMs,
                context.stats().clients().size());
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMs);
        while (!context.stats().clients().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        close();
    }

    @Override
    public synchronized void close() {
        for (RtmpListener l : listeners.values()) {
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
        if (heartbeat != null) {
            heartbeat.close();
        }
        host.close();
        if (api != null) {
            api.close();
        }
        if (boss != null) {
            boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
        if (workers != null) {
            workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
        context.hooks().close();
        context.stats().close();
    }
}
