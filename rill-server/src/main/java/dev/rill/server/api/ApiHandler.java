package dev.rill.server.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rill.server.Version;
import dev.rill.server.config.HttpApiConfig;
import dev.rill.server.config.RillConfig;
import dev.rill.server.config.VhostConfig;
import dev.rill.server.log.ContextLog;
import dev.rill.server.session.ClusterRouting;
import dev.rill.server.stats.ClientStat;
import dev.rill.server.stats.StatsRegistry;
import dev.rill.server.stats.StreamStat;
import dev.rill.server.stats.VhostStat;
import java.util.List;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * Answers {@code /api} and {@code /api/v1/...} as SRS's HTTP API does: the envelope
 * {@code {"code":0,"server":...}}, SRS's objects and error codes. A pure function of the request
 * and the server's state; runs off the event loop.
 */
final class ApiHandler {
    /** The most items one page of streams or clients holds. */
    static final int MAX_PAGE = 1000;
    static final int DEFAULT_PAGE = 10;
    private static final String V1 = "/api/v1";

    private final StatsRegistry stats;
    private final Supplier<RillConfig> config;
    private final IntSupplier connections;
    private final Runnable reload;
    private final Supplier<ClusterRouting> cluster;
    private final HostSampler host;

    ApiHandler(StatsRegistry stats, Supplier<RillConfig> config, IntSupplier connections, Runnable reload,
               Supplier<ClusterRouting> cluster, HostSampler host) {
        this.stats = stats;
        this.config = config;
        this.connections = connections;
        this.reload = reload;
        this.cluster = cluster;
        this.host = host;
    }

    ApiResponse handle(ApiRequest req, ContextLog log) {
        String path = req.path();
        boolean get = req.method().equals("GET") || req.method().equals("HEAD");
        if (path.equals("/api") || path.equals(V1) || !path.startsWith(V1 + "/")) {
            if (!get) {
                return ApiResponse.text(405, "method not allowed\n");
            }
            return path.equals("/api") ? ApiResponse.json(envelope().set("urls", urls("api", "the api root")))
                    : path.equals(V1) ? ApiResponse.json(v1()) : ApiResponse.text(404, "not found\n");
        }
        String rest = path.substring(V1.length() + 1);
        int slash = rest.indexOf('/');
        String resource = slash < 0 ? rest : rest.substring(0, slash);
        String id = slash < 0 ? null : rest.substring(slash + 1);
        if (resource.equals("clients") && id != null && req.method().equals("DELETE")) {
            return kick(id, log);
        }
        if (!get) {
            return ApiResponse.text(405, "method not allowed\n");
        }
        return switch (resource) {
            case "versions" -> noId(id, () -> withData(versions()));
            case "summaries" -> noId(id, this::summaries);
            case "rusages" -> noId(id, () -> withData(SystemInfo.rusages()));
            case "self_proc_stats" -> noId(id, () -> withData(SystemInfo.selfProcStats(host.latest())));
            case "system_proc_stats" -> noId(id, () -> withData(SystemInfo.systemProcStats(host.latest())));
            case "meminfos" -> noId(id, () -> withData(SystemInfo.meminfos()));
            case "authors" -> noId(id, () -> withData(authors()));
            case "features" -> noId(id, () -> withData(features()));
            case "vhosts" -> vhosts(id);
            case "streams" -> streams(id, req);
            case "clients" -> clients(id, req);
            case "raw" -> noId(id, () -> raw(req, log));
            case "clusters" -> noId(id, () -> clusters(req));
            default -> ApiResponse.text(404, "not found\n");
        };
    }

    static ApiResponse code(int code) {
        return ApiResponse.json(ApiJson.F.objectNode().put("code", code));
    }

    private ApiResponse noId(String id, Supplier<ApiResponse> answer) {
        return id == null ? answer.get() : ApiResponse.text(404, "not found\n");
    }

    private ObjectNode envelope() {
        return ApiJson.F.objectNode().put("code", ApiCodes.SUCCESS).put("server", stats.serverId())
                .put("service", stats.serviceId()).put("pid", Long.toString(ProcessHandle.current().pid()));
    }

    private ApiResponse withData(ObjectNode data) {
        ObjectNode o = envelope();
        o.set("data", data);
        return ApiResponse.json(o);
    }

    private ApiResponse summaries() {
        return withData(SystemInfo.summaries(stats, connections.getAsInt(), host.latest()));
    }

    private ApiResponse vhosts(String id) {
        long now = stats.now();
        RillConfig c = config.get();
        ObjectNode o = envelope();
        if (id == null) {
            ArrayNode list = o.putArray("vhosts");
            stats.vhosts().forEach(v -> list.add(vhost(v, c)));
            return ApiResponse.json(o);
        }
        VhostStat v = stats.vhost(id);
        if (v == null) {
            return code(ApiCodes.VHOST_NOT_FOUND);
        }
        o.set("vhost", vhost(v, c));
        return ApiResponse.json(o.put("now_ms", now));
    }

    private ApiResponse streams(String id, ApiRequest req) {
        long now = stats.now();
        ObjectNode o = envelope();
        if (id == null) {
            ArrayNode list = o.putArray("streams");
            page(stats.streams(), req).forEach(s -> list.add(ApiJson.stream(s, now)));
            return ApiResponse.json(o);
        }
        StreamStat s = stats.stream(id);
        if (s == null) {
            return code(ApiCodes.STREAM_NOT_FOUND);
        }
        o.set("stream", ApiJson.stream(s, now));
        return ApiResponse.json(o);
    }

    private ApiResponse clients(String id, ApiRequest req) {
        long now = stats.now();
        ObjectNode o = envelope();
        if (id == null) {
            ArrayNode list = o.putArray("clients");
            page(stats.clients(), req).forEach(c -> list.add(ApiJson.client(c, now)));
            return ApiResponse.json(o);
        }
        ClientStat c = stats.client(id);
        if (c == null) {
            return code(ApiCodes.CLIENT_NOT_FOUND);
        }
        o.set("client", ApiJson.client(c, now));
        return ApiResponse.json(o);
    }

    private ApiResponse kick(String id, ContextLog log) {
        ClientStat c = stats.client(id);
        if (c == null) {
            return code(ApiCodes.CLIENT_NOT_FOUND);
        }
        log.warn("kickoff client id={} ({} {}) by the HTTP API", id, c.info().type(), c.stream().url());
        c.kick("kicked off by the HTTP API");
        return ApiResponse.json(envelope());
    }

    /**
     * SRS's origin-cluster query (SrsGoApiClusters): the query echoed and the origin that has the
     * stream, which is this server when a client publishes it here, else null.
     */
    private ApiResponse clusters(ApiRequest req) {
        ObjectNode o = ApiJson.F.objectNode().put("code", ApiCodes.SUCCESS);
        ObjectNode data = o.putObject("data");
        data.putObject("query").put("ip", req.param("ip")).put("vhost", req.param("vhost"))
                .put("app", req.param("app")).put("stream", req.param("stream"));
        ObjectNode origin = cluster.get().originOf(req.param("vhost"), req.param("app"), req.param("stream"),
                req.param("coworker"));
        if (origin == null) {
            data.putNull("origin");
        } else {
            data.set("origin", origin);
        }
        return ApiResponse.json(o);
    }

    /** SRS's raw API: {@code rpc=raw} shows its own settings, {@code rpc=reload} reloads. */
    private ApiResponse raw(ApiRequest req, ContextLog log) {
        HttpApiConfig api = config.get().httpApi();
        String rpc = req.param("rpc");
        if (rpc.equals("raw")) {
            ObjectNode o = ApiJson.F.objectNode().put("code", ApiCodes.SUCCESS);
            ObjectNode h = o.putObject("http_api").put("enabled", api.enabled())
                    .put("listen", api.listen().getHostString() + ":" + api.listen().getPort())
                    .put("crossdomain", api.crossdomain());
            h.putObject("raw_api").put("enabled", api.rawApi()).put("allow_reload", api.allowReload())
                    .put("allow_query", false).put("allow_update", false);
            return ApiResponse.json(o);
        }
        if (!api.rawApi()) {
            return code(ApiCodes.CONFIG_RAW_DISABLED);
        }
        if (!rpc.equals("reload")) {
            return code(ApiCodes.CONFIG_RAW);
        }
        if (!api.allowReload()) {
            return code(ApiCodes.CONFIG_RAW_DISABLED);
        }
        log.trace("reload asked by the HTTP API");
        reload.run();
        return code(ApiCodes.SUCCESS);
    }

    private static ObjectNode vhost(VhostStat v, RillConfig c) {
        return ApiJson.vhost(v, c.vhost(v.name()).map(VhostConfig::enabled).orElse(false), c.hls(v.name()));
    }

    /**
     * {@code start} and {@code count} read as SRS does (atoi): a bad or negative start is 0; a
     * count that is not positive means {@value #DEFAULT_PAGE}; at most {@value #MAX_PAGE}.
     */
    private static <T> List<T> page(List<T> all, ApiRequest req) {
        int start = Math.max(0, ApiRequest.atoi(req.param("start")));
        int count = ApiRequest.atoi(req.param("count"));
        count = count <= 0 ? DEFAULT_PAGE : Math.min(count, MAX_PAGE);
        if (start >= all.size()) {
            return List.of();
        }
        return all.subList(start, (int) Math.min(all.size(), (long) start + count));
    }

    private ObjectNode v1() {
        ObjectNode o = envelope();
        ObjectNode u = o.putObject("urls");
        u.put("versions", "the version of Rill");
        u.put("summaries", "the summary(pid, argv, pwd, cpu, mem) of Rill");
        u.put("rusages", "the rusage of Rill");
        u.put("self_proc_stats", "the self process stats");
        u.put("system_proc_stats", "the system process stats");
        u.put("meminfos", "the meminfo of system");
        u.put("authors", "the license, copyright, authors and contributors");
        u.put("features", "the supported features of Rill");
        u.put("vhosts", "manage all vhosts or specified vhost");
        u.put("streams", "manage all streams or specified stream");
        u.put("clients", "manage all clients or specified client, default query top 10 clients");
        u.put("raw", "raw api for Rill, supports rpc=raw and rpc=reload");
        u.put("clusters", "origin cluster: which origin has vhost/app/stream");
        return o;
    }

    private ObjectNode urls(String name, String what) {
        return ApiJson.F.objectNode().put(name, what);
    }

    private static ObjectNode versions() {
        String[] parts = Version.get().split("[.-]");
        ObjectNode d = ApiJson.F.objectNode();
        d.put("major", parts.length > 0 ? ApiRequest.atoi(parts[0]) : 0);
        d.put("minor", parts.length > 1 ? ApiRequest.atoi(parts[1]) : 0);
        d.put("revision", parts.length > 2 ? ApiRequest.atoi(parts[2]) : 0);
        d.put("version", Version.get());
        return d;
    }

    private static ObjectNode authors() {
        return ApiJson.F.objectNode().put("primary", "the Rill authors")
                .put("license", "see the project's license")
                .put("contributors", "the Rill authors; Rill rebuilds SRS (https://github.com/ossrs/srs) on the JVM");
    }

    /**
     * SRS's build features, answered for what Rill serves: the RTMP complex handshake (SRS's
     * {@code ssl}, its configure's "--with-ssl: rtmp complex handshake"), HLS, hooks, the API,
     * static files, statistics, gathering writes (complex_send) and tcp_nodelay. No HDS, DVR,
     * transcode, ingest, stream casters, send-buffer sizing or merged read (mr is accepted but
     * does not delay reads).
     */
    private static ObjectNode features() {
        ObjectNode d = ApiJson.F.objectNode();
        d.put("options", "");
        d.put("options2", "");
        d.put("build", "java " + Runtime.version());
        d.put("build2", "");
        d.putObject("features").put("ssl", true).put("hls", true).put("hds", false).put("callback", true)
                .put("api", true).put("httpd", true).put("dvr", false).put("transcode", false).put("ingest", false)
                .put("stat", true).put("caster", false).put("complex_send", true).put("tcp_nodelay", true)
                .put("so_sendbuf", false).put("mr", false);
        return d;
    }
}
