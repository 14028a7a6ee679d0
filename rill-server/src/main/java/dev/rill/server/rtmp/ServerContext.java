package dev.rill.server.rtmp;

import dev.rill.server.config.RillConfig;
import dev.rill.server.live.LiveSources;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/** What every RTMP connection shares: the current config, the live sources, counters and ids. */
public final class ServerContext {
    public static final String SERVER_NAME = "Rill";

    private final Supplier<RillConfig> config;
    private final LiveSources sources;
    private final ConnectionIds ids = new ConnectionIds();
    private final AtomicInteger connections = new AtomicInteger();
    private final String version;

    public ServerContext(Supplier<RillConfig> config, LiveSources sources, String version) {
        this.config = config;
        this.sources = sources;
        this.version = version;
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

    public AtomicInteger connections() {
        return connections;
    }

    public String version() {
        return version;
    }

    public String serverSignature() {
        return SERVER_NAME + "/" + version;
    }
}
