package dev.rill.server.api;

import dev.rill.server.config.HttpApiConfig;
import dev.rill.server.config.RillConfig;
import dev.rill.server.http.HttpRoute;
import dev.rill.server.log.ContextLog;
import dev.rill.server.session.ServerContext;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The HTTP API port: SRS's {@code /api/v1} and the Prometheus {@code /metrics}, as routes for the
 * shared HTTP layer, behind one {@link ApiGate}. {@code reload} is what {@code raw?rpc=reload} runs.
 */
public final class ApiServer implements AutoCloseable {
    private static final ContextLog LOG = ContextLog.of(ApiServer.class, "main");
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("rill-api-gate").factory());
    private final ApiHandler handler;
    private final RillMetrics metrics;
    private final Supplier<RillConfig> config;
    private final ApiGate gate = new ApiGate(() -> System.nanoTime() / 1_000_000);

    /** {@code host} is started here, so the summaries' first rates are ready by the first request. */
    public ApiServer(ServerContext context, Runnable reload, HostSampler host) {
        this.config = context::config;
        host.start();
        this.handler = new ApiHandler(context.stats(), config, () -> context.connections().get(), reload,
                context::cluster, host);
        this.metrics = new RillMetrics(context.stats(), context.hooks(), () -> context.connections().get());
        ticker.scheduleAtFixedRate(gate::flush, ApiGate.LOG_INTERVAL_MS, ApiGate.LOG_INTERVAL_MS,
                TimeUnit.MILLISECONDS);
    }

    /** {@code /api...} then {@code /metrics}. */
    public List<HttpRoute> routes() {
        return List.of(
                new ApiRoute("/api", config, threads, gate, handler::handle),
                new ApiRoute("/metrics", config, threads, gate, (req, log) -> metrics.scrape(req)));
    }

    /**
     * Warns once when the API, bound at {@code bound}, can be reached from other hosts without
     * {@code auth}: anyone there may then list every client's address and kick publishers. The
     * address named is the configured one (a wildcard socket reports itself as {@code ::}).
     */
    public static void warnIfOpen(InetSocketAddress bound, HttpApiConfig api) {
        InetAddress listen = api.listen().getAddress();
        if (api.auth() || listen.isLoopbackAddress()) {
            return;
        }
        String host = listen.getHostAddress();
        LOG.warn("HTTP API listens on {}:{}, beyond loopback, without auth: whoever reaches it can list clients "
                        + "and kick them; set http_api.auth { enabled on; username ...; password ...; } "
                        + "or listen on 127.0.0.1",
                host.indexOf(':') >= 0 ? "[" + host + "]" : host, bound.getPort());
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        gate.flush();
        threads.shutdownNow();
        metrics.close();
    }
}
