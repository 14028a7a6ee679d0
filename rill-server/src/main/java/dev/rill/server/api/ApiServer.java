package dev.rill.server.api;

import dev.rill.server.config.RillConfig;
import dev.rill.server.http.HttpRoute;
import dev.rill.server.session.ServerContext;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The HTTP API port: SRS's {@code /api/v1} and the Prometheus {@code /metrics}, as routes for the
 * shared HTTP layer. {@code reload} is what {@code raw?rpc=reload} runs.
 */
public final class ApiServer implements AutoCloseable {
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final ApiHandler handler;
    private final RillMetrics metrics;
    private final Supplier<RillConfig> config;

    /** {@code host} is started here, so the summaries' first rates are ready by the first request. */
    public ApiServer(ServerContext context, Runnable reload, HostSampler host) {
        this.config = context::config;
        host.start();
        this.handler = new ApiHandler(context.stats(), config, () -> context.connections().get(), reload,
                context::cluster, host);
        this.metrics = new RillMetrics(context.stats(), context.hooks(), () -> context.connections().get());
    }

    /** {@code /api...} then {@code /metrics}. */
    public List<HttpRoute> routes() {
        return List.of(
                new ApiRoute("/api", config, threads, handler::handle),
                new ApiRoute("/metrics", config, threads, (req, log) -> metrics.scrape(req)));
    }

    @Override
    public void close() {
        threads.shutdownNow();
        metrics.close();
    }
}
