package dev.rill.server.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every directive name SRS 3.x-5.x accepts, by context (from SRS {@code check_normal_config} and
 * {@code conf/full.conf}), split into what Rill implements (with a rule) and what only SRS has.
 * Contexts are {@code root}, {@code vhost}, {@code vhost.play}, {@code vhost.publish},
 * {@code vhost.forward}, {@code vhost.cluster}, {@code http_server}, {@code vhost.http_remux} and
 * {@code vhost.hls}; the
 * contents of SRS-only blocks are in {@link SrsFeatureBlocks}. SRS 1/2 spellings are moved to
 * their SRS 3 places by {@link LegacyVhostTransform} before this table is consulted. A few
 * directives are Rill's own (marked so); SRS refuses a config that has them.
 */
final class DirectiveTable {
    static final String ROOT = "root";
    static final String VHOST = "vhost";
    static final String PLAY = "vhost.play";
    static final String PUBLISH = "vhost.publish";
    static final String FORWARD = "vhost.forward";
    static final String CLUSTER = "vhost.cluster";
    static final String HTTP_SERVER = "http_server";
    static final String HTTP_REMUX = "vhost.http_remux";
    static final String HLS = "vhost.hls";
    static final String HTTP_API = "http_api";
    static final String RAW_API = "http_api.raw_api";
    static final String API_AUTH = "http_api.auth";
    static final String HEARTBEAT = "heartbeat";
    static final String HTTP_HOOKS = "vhost.http_hooks";
    static final String SECURITY = "vhost.security";
    static final String REFER = "vhost.refer";
    static final String LIMITS = "limits";

    private static final ValueType CHUNK_SIZE = ValueType.integer(128, 65536);
    private static final ValueType NON_NEGATIVE = ValueType.integer(0, Integer.MAX_VALUE);

    private static final Map<String, Map<String, DirectiveRule>> IMPLEMENTED = Map.ofEntries(
            Map.entry(ROOT, rules(
                    DirectiveRule.values("listen", ValueType.ENDPOINT),
                    DirectiveRule.value("max_connections", ValueType.integer(1, Integer.MAX_VALUE)),
                    DirectiveRule.value("pid", ValueType.PATH),
                    DirectiveRule.value("chunk_size", CHUNK_SIZE),
                    DirectiveRule.value("srs_log_tank", ValueType.oneOf("console", "file")),
                    DirectiveRule.value("srs_log_level",
                            ValueType.oneOf("verbose", "info", "trace", "warn", "error")),
                    DirectiveRule.value("srs_log_file", ValueType.PATH),
                    DirectiveRule.value("daemon", ValueType.FLAG),
                    DirectiveRule.section("http_server", HTTP_SERVER),
                    DirectiveRule.namedSection("vhost", VHOST),
                    DirectiveRule.value("grace_final_wait", NON_NEGATIVE),
                    DirectiveRule.value("work_dir", ValueType.PATH),
                    DirectiveRule.section("http_api", HTTP_API),
                    DirectiveRule.section("heartbeat", HEARTBEAT),
                    // Rill's: byte bounds on what clients send and hold, and the send timeout.
                    DirectiveRule.section("limits", LIMITS))),
            Map.entry(LIMITS, rules(
                    DirectiveRule.value("command_message", MemoryLimits.MESSAGE),
                    DirectiveRule.value("media_message", MemoryLimits.MESSAGE),
                    DirectiveRule.value("unpublished_total", MemoryLimits.BYTES),
                    DirectiveRule.value("queue", MemoryLimits.BYTES),
                    DirectiveRule.value("gop_cache", MemoryLimits.BYTES),
                    DirectiveRule.value("media_total", MemoryLimits.BYTES),
                    DirectiveRule.value("send_timeout", ValueType.decimalAtLeast(1)))),
            Map.entry(VHOST, rules(
                    DirectiveRule.value("enabled", ValueType.FLAG),
                    DirectiveRule.value("chunk_size", CHUNK_SIZE),
                    DirectiveRule.value("min_latency", ValueType.FLAG),
                    DirectiveRule.value("tcp_nodelay", ValueType.FLAG),
                    DirectiveRule.value("in_ack_size", NON_NEGATIVE),
                    DirectiveRule.value("out_ack_size", NON_NEGATIVE),
                    DirectiveRule.section("play", PLAY),
                    DirectiveRule.section("publish", PUBLISH),
                    DirectiveRule.section("forward", FORWARD),
                    DirectiveRule.section("cluster", CLUSTER),
                    DirectiveRule.section("http_remux", HTTP_REMUX),
                    DirectiveRule.section("hls", HLS),
                    DirectiveRule.section("http_hooks", HTTP_HOOKS),
                    DirectiveRule.section("security", SECURITY),
                    DirectiveRule.section("refer", REFER))),
            Map.entry(PLAY, rules(
                    DirectiveRule.value("gop_cache", ValueType.FLAG),
                    DirectiveRule.value("queue_length", ValueType.decimalAtLeast(0)),
                    DirectiveRule.value("time_jitter", ValueType.oneOf("full", "zero", "off")),
                    DirectiveRule.value("mix_correct", ValueType.FLAG),
                    DirectiveRule.value("atc", ValueType.FLAG),
                    DirectiveRule.value("mw_latency", NON_NEGATIVE))),
            Map.entry(PUBLISH, rules(
                    DirectiveRule.value("mr", ValueType.FLAG),
                    DirectiveRule.value("mr_latency", NON_NEGATIVE),
                    DirectiveRule.value("firstpkt_timeout", NON_NEGATIVE),
                    DirectiveRule.value("normal_timeout", NON_NEGATIVE))),
            Map.entry(FORWARD, rules(
                    DirectiveRule.value("enabled", ValueType.FLAG),
                    DirectiveRule.values("destination", ValueType.HOST_PORT))),
            Map.entry(CLUSTER, rules(
                    DirectiveRule.value("mode", ValueType.oneOf("local", "remote")),
                    DirectiveRule.values("origin", ValueType.HOST_PORT),
                    DirectiveRule.value("token_traverse", ValueType.FLAG),
                    DirectiveRule.value("vhost", ValueType.TEXT),
                    DirectiveRule.value("origin_cluster", ValueType.FLAG),
                    DirectiveRule.values("coworkers", ValueType.HOST_PORT))),
            Map.entry(HTTP_SERVER, rules(
                    DirectiveRule.value("enabled", ValueType.FLAG),
                    DirectiveRule.value("listen", ValueType.ENDPOINT),
                    DirectiveRule.value("dir", ValueType.PATH),
                    DirectiveRule.value("crossdomain", ValueType.FLAG))),
            Map.entry(HTTP_REMUX, rules(
                    DirectiveRule.value("enabled", ValueType.FLAG),
                    DirectiveRule.value("mount", HttpRemuxConfig.MOUNT),
                    DirectiveRule.value("fast_cache", ValueType.decimalAtLeast(0)))),
            Map.entry(HLS, rules(
                    DirectiveRule.value("enabled", ValueType.FLAG),
                    DirectiveRule.value("hls_fragment", ValueType.decimalAtLeast(0.1)),
                    DirectiveRule.value("hls_td_ratio", ValueType.decimalAtLeast(1)),
                    DirectiveRule.value("hls_aof_ratio", ValueType.decimalAtLeast(1)),
                    DirectiveRule.value("hls_window", ValueType.decimalAtLeast(0)),
                    DirectiveRule.value("hls_path", ValueType.PATH),
                    DirectiveRule.value("hls_m3u8_file", ValueType.TEXT),
                    DirectiveRule.value("hls_ts_file", ValueType.TEXT),
                    DirectiveRule.value("hls_ts_floor", ValueType.FLAG),
                    DirectiveRule.value("hls_entry_prefix", ValueType.TEXT),
                    DirectiveRule.value("hls_acodec", ValueType.oneOf("aac", "mp3", "an")),
                    DirectiveRule.value("hls_vcodec", ValueType.oneOf("h264", "vn")),
                    DirectiveRule.value("hls_cleanup", ValueType.FLAG),
                    DirectiveRule.value("hls_dispose", NON_NEGATIVE),
                    DirectiveRule.value("hls_wait_keyframe", ValueType.FLAG),
                    DirectiveRule.value("hls_dts_directly", ValueType.FLAG),
                    DirectiveRule.value("hls_on_error", ValueType.oneOf("ignore", "disconnect", "continue")))),
            Map.entry(HTTP_API, rules(
                    DirectiveRule.value("enabled", ValueType.FLAG),
                    DirectiveRule.value("listen", ValueType.ENDPOINT),
                    DirectiveRule.value("crossdomain", ValueType.FLAG),
                    // Rill's: which other web pages may change state, and whether JSONP may.
                    DirectiveRule.list("allow_origin", ValueType.ORIGIN),
                    DirectiveRule.value("allow_jsonp_mutation", ValueType.FLAG),
                    DirectiveRule.section("raw_api", RAW_API),
                    DirectiveRule.section("auth", API_AUTH))),
            Map.entry(RAW_API, rules(
                    DirectiveRule.value("enabled", ValueType.FLAG),
                    DirectiveRule.value("allow_reload", ValueType.FLAG))),
            Map.entry(API_AUTH, rules(
                    DirectiveRule.value("enabled", ValueType.FLAG),
                    DirectiveRule.value("username", ValueType.TEXT),
                    DirectiveRule.value("password", ValueType.TEXT))),
            Map.entry(HEARTBEAT, rules(
                    DirectiveRule.value("enabled", ValueType.FLAG),
                    DirectiveRule.value("interval", ValueType.decimalAtLeast(0.1)),
                    DirectiveRule.value("url", ValueType.URL),
                    DirectiveRule.value("device_id", ValueType.TEXT),
                    DirectiveRule.value("summaries", ValueType.FLAG))),
            Map.entry(HTTP_HOOKS, rules(
                    DirectiveRule.value("enabled", ValueType.FLAG),
                    DirectiveRule.values("on_connect", ValueType.URL),
                    DirectiveRule.values("on_close", ValueType.URL),
                    DirectiveRule.values("on_publish", ValueType.URL),
                    DirectiveRule.values("on_unpublish", ValueType.URL),
                    DirectiveRule.values("on_play", ValueType.URL),
                    DirectiveRule.values("on_stop", ValueType.URL))),
            Map.entry(SECURITY, rules(
                    DirectiveRule.value("enabled", ValueType.FLAG),
                    DirectiveRule.pair("allow", ValueType.SECURITY_WORD),
                    DirectiveRule.pair("deny", ValueType.SECURITY_WORD))),
            Map.entry(REFER, rules(
                    DirectiveRule.value("enabled", ValueType.FLAG),
                    DirectiveRule.values("all", ValueType.TEXT),
                    DirectiveRule.values("publish", ValueType.TEXT),
                    DirectiveRule.values("play", ValueType.TEXT))));

    private static final Map<String, Set<String>> SRS_ONLY = Map.ofEntries(
            Map.entry(ROOT, Set.of("ff_log_dir", "ff_log_level", "srs_log_level_v2", "stats",
                    "stream_caster", "srt_server",
                    "rtc_server", "utc_time", "asprocess", "empty_ip_ok",
                    "grace_start_wait", "force_grace_quit",
                    "disable_daemon_for_docker", "inotify_auto_reload", "auto_reload_for_docker",
                    "tcmalloc_release_rate", "query_latest_version", "first_wait_for_qlv",
                    "threads", "circuit_breaker", "exporter", "server_id", "in_docker",
                    "pithy_print_ms", "is_full", "tencentcloud_cls", "tencentcloud_apm")),
            Map.entry(VHOST, Set.of("hds", "dvr", "http_static",
                    "exec", "ingest", "transcode", "bandcheck",
                    "dash", "rtc", "srt", "nack", "twcc")),
            Map.entry(PLAY, Set.of("atc_auto", "mw_msgs", "reduce_sequence_header", "gop_cache_max_frames",
                    "send_min_interval")),
            Map.entry(PUBLISH, Set.of("parse_sps", "try_annexb_first", "kickoff_for_idle")),
            Map.entry(FORWARD, Set.of("backend")),
            Map.entry(CLUSTER, Set.of("debug_srs_upnode", "protocol", "follow_client")),
            Map.entry(HTTP_SERVER, Set.of("https")),
            Map.entry(HTTP_REMUX, Set.of("has_audio", "has_video", "guess_has_av", "drop_if_not_match")),
            Map.entry(HLS, Set.of("hls_keys", "hls_fragments_per_key", "hls_key_file", "hls_key_file_path", "hls_key_url",
                    "hls_nb_notify", "hls_storage", "hls_mount", "hls_ctx", "hls_ts_ctx", "hls_recover",
                    "hls_use_fmp4", "hls_fmp4_file", "hls_init_file")),
            Map.entry(HTTP_API, Set.of("https")),
            Map.entry(RAW_API, Set.of("allow_query", "allow_update")),
            Map.entry(HEARTBEAT, Set.of("ports")),
            Map.entry(HTTP_HOOKS, Set.of("on_dvr", "on_hls", "on_hls_notify")));

    private DirectiveTable() {
    }

    /** Rill's rule for {@code name} in {@code context}, or null if Rill does not implement it. */
    static DirectiveRule rule(String context, String name) {
        return IMPLEMENTED.getOrDefault(context, Map.of()).get(name);
    }

    /** True when SRS accepts {@code name} in {@code context} but Rill does not implement it. */
    static boolean srsOnly(String context, String name) {
        return SRS_ONLY.getOrDefault(context, Set.of()).contains(name);
    }

    private static Map<String, DirectiveRule> rules(DirectiveRule... rules) {
        Map<String, DirectiveRule> byName = new LinkedHashMap<>();
        for (DirectiveRule rule : List.of(rules)) {
            byName.put(rule.name(), rule);
        }
        return Map.copyOf(byName);
    }
}
