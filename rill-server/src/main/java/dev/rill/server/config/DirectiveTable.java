package dev.rill.server.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every directive name SRS 3.x-5.x accepts, by context (from SRS {@code check_normal_config} and
 * {@code conf/full.conf}), split into what Rill implements (with a rule) and what only SRS has.
 * Contexts are {@code root}, {@code vhost}, {@code vhost.play} and {@code vhost.publish}; the
 * contents of SRS-only blocks are not classified.
 */
final class DirectiveTable {
    static final String ROOT = "root";
    static final String VHOST = "vhost";
    static final String PLAY = "vhost.play";
    static final String PUBLISH = "vhost.publish";
    static final String HTTP_API = "http_api";
    static final String RAW_API = "http_api.raw_api";
    static final String API_AUTH = "http_api.auth";
    static final String HEARTBEAT = "heartbeat";
    static final String HTTP_HOOKS = "vhost.http_hooks";
    static final String SECURITY = "vhost.security";
    static final String REFER = "vhost.refer";

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
                    DirectiveRule.namedSection("vhost", VHOST),
                    DirectiveRule.value("grace_final_wait", NON_NEGATIVE),
                    DirectiveRule.section("http_api", HTTP_API),
                    DirectiveRule.section("heartbeat", HEARTBEAT))),
            Map.entry(VHOST, rules(
                    DirectiveRule.value("enabled", ValueType.FLAG),
                    DirectiveRule.value("chunk_size", CHUNK_SIZE),
                    DirectiveRule.value("min_latency", ValueType.FLAG),
                    DirectiveRule.value("tcp_nodelay", ValueType.FLAG),
                    DirectiveRule.value("in_ack_size", NON_NEGATIVE),
                    DirectiveRule.value("out_ack_size", NON_NEGATIVE),
                    DirectiveRule.section("play", PLAY),
                    DirectiveRule.section("publish", PUBLISH),
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
            Map.entry(HTTP_API, rules(
                    DirectiveRule.value("enabled", ValueType.FLAG),
                    DirectiveRule.value("listen", ValueType.ENDPOINT),
                    DirectiveRule.value("crossdomain", ValueType.FLAG),
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

    private static final Map<String, Set<String>> SRS_ONLY = Map.of(
            ROOT, Set.of("ff_log_dir", "ff_log_level", "srs_log_level_v2", "stats",
                    "http_server", "http_stream", "stream_caster", "srt_server",
                    "rtc_server", "utc_time", "work_dir", "asprocess", "empty_ip_ok",
                    "grace_start_wait", "force_grace_quit",
                    "disable_daemon_for_docker", "inotify_auto_reload", "auto_reload_for_docker",
                    "tcmalloc_release_rate", "query_latest_version", "first_wait_for_qlv",
                    "threads", "circuit_breaker", "exporter", "server_id", "in_docker",
                    "pithy_print_ms", "is_full", "tencentcloud_cls", "tencentcloud_apm"),
            VHOST, Set.of("cluster", "forward", "hls", "hds", "dvr", "http_static",
                    "http_remux", "exec", "ingest", "transcode", "bandcheck",
                    "dash", "rtc", "srt",
                    // SRS 1/2 spellings that SRS 3+ still reads and moves elsewhere.
                    "http", "refer_play", "refer_publish", "mode", "origin", "token_traverse",
                    "debug_srs_upnode", "nack", "twcc"),
            PLAY, Set.of("atc_auto", "mw_msgs", "reduce_sequence_header", "gop_cache_max_frames",
                    "send_min_interval"),
            PUBLISH, Set.of("parse_sps", "try_annexb_first", "kickoff_for_idle"),
            HTTP_API, Set.of("https"),
            RAW_API, Set.of("allow_query", "allow_update"),
            HEARTBEAT, Set.of("ports"),
            HTTP_HOOKS, Set.of("on_dvr", "on_hls", "on_hls_notify"));

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
