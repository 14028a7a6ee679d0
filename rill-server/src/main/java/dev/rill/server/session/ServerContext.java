package dev.rill.server.session;

import dev.rill.server.config.RillConfig;
import dev.rill.server.hooks.HookCaller;
import dev.rill.server.live.LiveSources;
import dev.rill.server.stats.StatsRegistry;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * What every client of every protocol shares: the current config, the live sources, statistics,
 * the hook caller, the cluster's routing, the connection count and ids.
 */
public final class ServerContext {
    public static final String SERVER_NAME = "Rill";

    private final Supplier<RillConfig> config;
    private final LiveSources sources;
    private final ConnectionIds ids = new ConnectionIds();
    private final ConnectionCount connections;
    private final String version;
    private final StatsRegistry stats;
    private final HookCaller hooks;
    private final ClientLimits limits;
    private final LongSupplier monotonicMillis;
    private volatile ClusterRouting cluster = ClusterRouting.NONE;

    public ServerContext(Supplier<RillConfig> config, LiveSources sources, String version, StatsRegistry stats,
                         HookCaller hooks, ClientLimits limits) {
        this(config, sources, version, stats, hooks, limits, () -> System.nanoTime() / 1_000_000);
    }

    public ServerContext(Supplier<RillConfig> config, LiveSources sources, String version, StatsRegistry stats,
                         HookCaller hooks, ClientLimits limits, LongSupplier monotonicMillis) {
        this.limits = limits;
        this.monotonicMillis = monotonicMillis;
        this.config = config;
        this.sources = sources;
        this.version = version;
        this.stats = stats;
        this.hooks = hooks;
        this.connections = new ConnectionCount(() -> config.get().maxConnections());
    }

    /** The byte bounds and send timeout every client is held to, read at start. */
    public ClientLimits limits() {
        return limits;
    }

    /** A clock for timeouts, in ms; only differences mean anything. */
    public long monotonicMillis() {
        return monotonicMillis.getAsLong();
    }

    public StatsRegistry stats() {
        return stats;
    }

    public HookCaller hooks() {
        return hooks;
    }

    /** The cluster's token traverse and origin lookup; {@link ClusterRouting#NONE} until set. */
    public ClusterRouting cluster() {
        return cluster;
    }

    public void setCluster(ClusterRouting cluster) {
        this.cluster = cluster;
    }

    public RillConfig config() {
        return config.get();
    }

    public LiveSources sources() {
        return sources;
    }

    public String nextCid() {
        return ids.next();
    }

    /** Every open connection, counted against {@code max_connections}. */
    public ConnectionCount connections() {
        return connections;
    }

    public String version() {
        return version;
    }

    public String serverSignature() {
        return SERVER_NAME + "/" + version;
    }
}
