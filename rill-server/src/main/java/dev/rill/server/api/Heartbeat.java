package dev.rill.server.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rill.server.config.HeartbeatConfig;
import dev.rill.server.config.RillConfig;
import dev.rill.server.log.ContextLog;
import dev.rill.server.stats.StatsRegistry;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * Posts SRS's heartbeat ({@code {"device_id","ip"[,"summaries":{"data":...}]}}) to
 * {@code heartbeat.url} every {@code heartbeat.interval}, read afresh each time so a reload
 * applies. The post runs on a virtual thread; a failure is logged and the next one goes out on
 * time.
 */
public final class Heartbeat implements AutoCloseable {
    private static final ContextLog LOG = ContextLog.of(Heartbeat.class, "heartbeat");
    private static final long IDLE_CHECK_MS = 1000;

    private final Supplier<RillConfig> config;
    private final StatsRegistry stats;
    private final IntSupplier connections;
    private final HostSampler host;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final HttpClient http = HttpClient.newBuilder().executor(threads).connectTimeout(Duration.ofSeconds(3)).build();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "rill-heartbeat");
        t.setDaemon(true);
        return t;
    });

    public Heartbeat(Supplier<RillConfig> config, StatsRegistry stats, IntSupplier connections, HostSampler host) {
        this.config = config;
        this.stats = stats;
        this.connections = connections;
        this.host = host;
    }

    public Heartbeat start() {
        timer.schedule(this::beat, IDLE_CHECK_MS, TimeUnit.MILLISECONDS);
        return this;
    }

    @Override
    public void close() {
        timer.shutdownNow();
        threads.shutdownNow();
    }

    private void beat() {
        HeartbeatConfig hb = config.get().heartbeat();
        if (hb.enabled()) {
            threads.execute(() -> post(hb));
        }
        timer.schedule(this::beat, hb.enabled() ? hb.intervalMs() : IDLE_CHECK_MS, TimeUnit.MILLISECONDS);
    }

    ObjectNode body(HeartbeatConfig hb) {
        ObjectNode o = ApiJson.F.objectNode().put("device_id", hb.deviceId()).put("ip", publicIp());
        if (hb.summaries()) {
            o.putObject("summaries").set("data", SystemInfo.summaries(stats, connections.getAsInt(), host.latest()));
        }
        return o;
    }

    private void post(HeartbeatConfig hb) {
        try {
            HttpRequest req = HttpRequest.newBuilder(URI.create(hb.url())).timeout(Duration.ofMillis(Math.max(1000, hb.intervalMs())))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body(hb).toString(), StandardCharsets.UTF_8)).build();
            HttpResponse<Void> res = http.send(req, HttpResponse.BodyHandlers.discarding());
            if (res.statusCode() != 200) {
                LOG.warn("heartbeat to {} answered HTTP {}", hb.url(), res.statusCode());
            }
        } catch (IOException | IllegalArgumentException e) {
            LOG.warn("heartbeat to {} failed: {}", hb.url(), e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The first non-loopback IPv4 address, as SRS picks its heartbeat ip. */
    static String publicIp() {
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nic.isUp() || nic.isLoopback()) {
                    continue;
                }
                for (InetAddress a : Collections.list(nic.getInetAddresses())) {
                    if (a instanceof Inet4Address) {
                        return a.getHostAddress();
                    }
                }
            }
        } catch (SocketException e) {
            LOG.warn("cannot list network interfaces: {}", e.getMessage());
        }
        return "127.0.0.1";
    }
}
