package dev.rill.server.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rill.codec.rtmp.url.RtmpUrl;
import dev.rill.server.config.HostPort;
import dev.rill.server.config.RillConfig;
import dev.rill.server.live.StreamKey;
import dev.rill.server.log.ContextLog;
import dev.rill.server.session.ClusterRouting.PlayRoute;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The origin cluster (SRS's SrsCoWorkers and the lookup in SrsRtmpConn::playing): an origin asked
 * to play a stream it has no publisher for asks its coworkers' {@code /api/v1/clusters} in order and
 * redirects the player to the first that has it. A coworker that is down, slow (over
 * {@link #TIMEOUT}) or answers anything but SRS's shape is logged and skipped; when no coworker
 * has the stream the player is refused. Calls run on virtual threads.
 */
final class OriginCluster implements AutoCloseable {
    static final Duration TIMEOUT = Duration.ofSeconds(3);
    /** The most of a coworker's answer read; SRS's answer is a few hundred bytes. */
    static final int MAX_ANSWER_BYTES = 64 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).executor(threads)
            .version(HttpClient.Version.HTTP_1_1).build();

    /** Redirects to the first coworker that has {@code key}, or refuses. */
    CompletableFuture<PlayRoute> locate(List<HostPort> coworkers, StreamKey key, RtmpUrl url, ContextLog log) {
        return CompletableFuture.supplyAsync(() -> {
            for (HostPort coworker : coworkers) {
                String api = "http://" + coworker + "/api/v1/clusters?vhost=" + enc(key.vhost()) + "&ip="
                        + enc(url.host()) + "&app=" + enc(key.app()) + "&stream=" + enc(key.stream())
                        + "&coworker=" + enc(coworker.toString());
                try {
                    HostPort origin = ask(api);
                    if (origin == null) {
                        log.trace("origin cluster: coworker {} does not have {}", coworker, key);
                        continue;
                    }
                    return PlayRoute.redirect(rtmpUrl(origin, key, url));
                } catch (IOException e) {
                    log.warn("origin cluster: coworker {} failed: {}", coworker, e.getMessage());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return PlayRoute.refuse("interrupted while asking coworkers");
                }
            }
            return PlayRoute.refuse("no origin of the cluster has " + key + " (asked " + coworkers + ")");
        }, threads);
    }

    /** The origin that has the stream per the coworker at {@code api}, or null when none does. */
    private HostPort ask(String api) throws IOException, InterruptedException {
        HttpRequest req;
        try {
            req = HttpRequest.newBuilder(URI.create(api)).timeout(TIMEOUT).GET().build();
        } catch (IllegalArgumentException e) {
            throw new IOException("bad URL " + api + ": " + e.getMessage());
        }
        HttpResponse<InputStream> res = http.send(req, HttpResponse.BodyHandlers.ofInputStream());
        byte[] body;
        try (InputStream in = res.body()) {
            body = in.readNBytes(MAX_ANSWER_BYTES + 1);
        }
        if (res.statusCode() != 200) {
            throw new IOException(api + " answered HTTP " + res.statusCode());
        }
        if (body.length > MAX_ANSWER_BYTES) {
            throw new IOException(api + " answered over " + MAX_ANSWER_BYTES + " bytes");
        }
        return ClusterAnswer.origin(JSON, api, body);
    }

    /** SRS's srs_generate_rtmp_url: the origin's address with the app, stream, vhost and params. */
    static String rtmpUrl(HostPort origin, StreamKey key, RtmpUrl url) {
        StringBuilder query = new StringBuilder();
        if (!key.vhost().equals(RillConfig.DEFAULT_VHOST) && !key.vhost().equals(url.host())) {
            query.append("?vhost=").append(key.vhost());
        }
        String param = url.param();
        if (!param.isEmpty()) {
            query.append(query.isEmpty() ? "?" : "&").append(param.startsWith("?") ? param.substring(1) : param);
        }
        return "rtmp://" + origin + "/" + key.app() + "/" + key.stream() + query;
    }

    /**
     * The {@code origin} object this server answers for a stream it has, as SrsCoWorkers::dumps:
     * {@code ip} is the RTMP listen host unless that is loopback or any, then the host the asking
     * server used ({@code coworker}), then this machine's address.
     */
    static ObjectNode originObject(String vhost, InetSocketAddress rtmp, InetSocketAddress api, String coworker) {
        String ip = serviceIp(rtmp, coworker);
        String backend = (api == null ? ip + ":0" : hostOr(api, ip) + ":" + api.getPort());
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("ip", ip);
        o.put("port", rtmp.getPort());
        o.put("vhost", vhost);
        o.put("api", backend);
        o.putArray("routers").add(backend);
        return o;
    }

    private static String serviceIp(InetSocketAddress rtmp, String coworker) {
        InetAddress host = rtmp.getAddress();
        if (host != null && !host.isLoopbackAddress() && !host.isAnyLocalAddress()) {
            return host.getHostAddress();
        }
        String fromCoworker = coworker == null ? "" : coworker.contains(":")
                ? coworker.substring(0, coworker.lastIndexOf(':')) : coworker;
        if (!fromCoworker.isEmpty()) {
            return fromCoworker;
        }
        return host != null && host.isLoopbackAddress() ? host.getHostAddress() : "127.0.0.1";
    }

    private static String hostOr(InetSocketAddress address, String ip) {
        InetAddress host = address.getAddress();
        return host == null || host.isAnyLocalAddress() || host.isLoopbackAddress() ? ip : host.getHostAddress();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
