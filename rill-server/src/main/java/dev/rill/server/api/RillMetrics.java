package dev.rill.server.api;

import dev.rill.server.hooks.Hook;
import dev.rill.server.hooks.HookCaller;
import dev.rill.server.hooks.HookOutcome;
import dev.rill.server.stats.StatsRegistry;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.function.IntSupplier;
import java.util.function.ToDoubleFunction;

/**
 * Rill's Prometheus exposition (SRS 5's exporter, on the API port at {@code /metrics}). Every
 * label has a fixed set of values (direction, window, client kind, hook, outcome), never a stream
 * or client name, so no input can grow the number of series.
 */
final class RillMetrics {
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    RillMetrics(StatsRegistry stats, HookCaller hooks, IntSupplier connections) {
        Gauge.builder("rill.connections", connections, IntSupplier::getAsInt)
                .description("RTMP connections open").strongReference(true).register(registry);
        Gauge.builder("rill.streams", stats, StatsRegistry::streamCount)
                .description("streams with a publisher or a player").strongReference(true).register(registry);
        for (boolean publish : new boolean[] {true, false}) {
            Gauge.builder("rill.clients", stats, s -> s.clients().stream()
                            .filter(c -> c.info().publish() == publish).count())
                    .tag("kind", publish ? "publish" : "play")
                    .description("clients publishing or playing").strongReference(true).register(registry);
        }
        FunctionCounter.builder("rill.bytes.received", stats, s -> s.total().recvBytes())
                .description("bytes received from publishers and players").baseUnit("bytes").register(registry);
        FunctionCounter.builder("rill.bytes.sent", stats, s -> s.total().sendBytes())
                .description("bytes sent to players").baseUnit("bytes").register(registry);
        kbps(stats, "recv", "30s", s -> s.total().recvKbps30s());
        kbps(stats, "send", "30s", s -> s.total().sendKbps30s());
        kbps(stats, "recv", "5m", s -> s.total().recvKbps5m());
        kbps(stats, "send", "5m", s -> s.total().sendKbps5m());
        FunctionCounter.builder("rill.messages.dropped", stats, StatsRegistry::droppedMessages)
                .description("messages dropped from slow players' queues").register(registry);
        for (Hook h : Hook.values()) {
            for (HookOutcome o : HookOutcome.values()) {
                FunctionCounter.builder("rill.hook.calls", hooks, c -> c.count(h, o))
                        .tag("hook", h.action()).tag("outcome", o.label())
                        .description("HTTP callback calls by outcome").register(registry);
            }
        }
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    private void kbps(StatsRegistry stats, String direction, String window, ToDoubleFunction<StatsRegistry> f) {
        Gauge.builder("rill.kbps", stats, f).tag("direction", direction).tag("window", window)
                .description("server bitrate in kbit/s").strongReference(true).register(registry);
    }

    ApiResponse scrape(ApiRequest req) {
        if (!req.path().equals("/metrics")) {
            return ApiResponse.text(404, "not found\n");
        }
        return new ApiResponse(200, CONTENT_TYPE, registry.scrape());
    }

    void close() {
        registry.close();
    }
}
