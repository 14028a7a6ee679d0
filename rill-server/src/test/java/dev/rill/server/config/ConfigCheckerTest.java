package dev.rill.server.config;

import dev.rill.codec.ErrorCode;
import dev.rill.codec.RillException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigCheckerTest {
    private static final Path NAME = Path.of("conf", "x.conf");

    private static RillConfig parse(String text) {
        return RillConfig.parse(text, NAME);
    }

    static Stream<Arguments> badConfigs() {
        return Stream.of(
                Arguments.of("unknown root directive", "listen 1935;\nlisen 1935;",
                        "conf/x.conf:2: unknown directive 'lisen' in 'root'"),
                Arguments.of("unknown play directive", "vhost a {\n play {\n  gop_cahce on;\n }\n}",
                        "conf/x.conf:3: unknown directive 'gop_cahce' in 'vhost.play'"),
                Arguments.of("unknown vhost directive", "vhost a {\n  chunksize 128;\n}",
                        "conf/x.conf:2: unknown directive 'chunksize' in 'vhost'"),
                Arguments.of("publish directive in play", "vhost a { play {\n mr on; } }",
                        "conf/x.conf:2: unknown directive 'mr' in 'vhost.play'"),
                Arguments.of("chunk_size below range", "chunk_size 127;",
                        "conf/x.conf:1: 'chunk_size' 127 is out of range 128..65536"),
                Arguments.of("chunk_size above range", "\nvhost a { chunk_size 65537; }",
                        "conf/x.conf:2: 'chunk_size' 65537 is out of range 128..65536"),
                Arguments.of("chunk_size huge", "chunk_size 99999999999999999999;",
                        "'chunk_size' 99999999999999999999 is out of range"),
                Arguments.of("integer not a number", "max_connections lots;",
                        "conf/x.conf:1: 'max_connections' takes a whole number, not 'lots'"),
                Arguments.of("max_connections zero", "max_connections 0;",
                        "'max_connections' 0 is out of range 1.."),
                Arguments.of("flag not on/off", "daemon yes;", "conf/x.conf:1: 'daemon' takes on or off, not 'yes'"),
                Arguments.of("enum value", "srs_log_tank syslog;",
                        "'srs_log_tank' takes one of console|file, not 'syslog'"),
                Arguments.of("log level", "srs_log_level debug;",
                        "'srs_log_level' takes one of verbose|info|trace|warn|error, not 'debug'"),
                Arguments.of("time_jitter value", "vhost a { play { time_jitter on; } }",
                        "'time_jitter' takes one of full|zero|off, not 'on'"),
                Arguments.of("queue_length not a number", "vhost a { play { queue_length 1e3; } }",
                        "'queue_length' takes a number, not '1e3'"),
                Arguments.of("queue_length negative", "vhost a { play { queue_length -1; } }",
                        "'queue_length' -1 is below the minimum 0"),
                Arguments.of("negative latency", "vhost a { play { mw_latency -5; } }",
                        "'mw_latency' -5 is out of range 0.."),
                Arguments.of("too many args", "\n\npid a b;", "conf/x.conf:3: 'pid' takes 1 argument, got 2"),
                Arguments.of("no args", "daemon;", "conf/x.conf:1: 'daemon' takes 1 argument, got 0"),
                Arguments.of("listen without args", "listen;", "'listen' takes at least 1 argument, got 0"),
                Arguments.of("listen port out of range", "listen 70000;", "port 70000 is out of range 0..65535"),
                Arguments.of("listen host name", "listen localhost:1935;", "'localhost' is not an IPv4 address"),
                Arguments.of("listen bad ipv4", "listen 1.2.3.256:1935;", "'1.2.3.256' is not an IPv4 address"),
                Arguments.of("listen bare ipv6", "listen ::1:1935;", "write an IPv6 address in brackets"),
                Arguments.of("listen bad ipv6", "listen [fe80::zz]:1935;", "'fe80::zz' is not an IPv6 address"),
                Arguments.of("listen twice", "listen 1935;\nlisten 0.0.0.0:1935;",
                        "conf/x.conf:2: 'listen' 0.0.0.0:1935 is already listened on (at conf/x.conf:1)"),
                Arguments.of("duplicate directive", "pid a;\npid b;",
                        "conf/x.conf:2: duplicate 'pid' in 'root' (first at conf/x.conf:1)"),
                Arguments.of("duplicate play block", "vhost a {\n play { }\n play { }\n}",
                        "conf/x.conf:3: duplicate 'play' in 'vhost' (first at conf/x.conf:2)"),
                Arguments.of("duplicate vhost", "vhost a { }\nvhost b { }\nvhost a { }",
                        "conf/x.conf:3: duplicate vhost 'a' (first at conf/x.conf:1)"),
                Arguments.of("vhost without name", "vhost { }", "'vhost' takes 1 argument, got 0"),
                Arguments.of("vhost not a block", "vhost a;", "'vhost' must be a block: 'vhost a { ... }'"),
                Arguments.of("play not a block", "vhost a { play; }", "'play' must be a block"),
                Arguments.of("value given a block", "chunk_size 128 { }",
                        "'chunk_size' takes no block; write 'chunk_size VALUE;'"),
                Arguments.of("unknown in SRS 2 mr block", "vhost a {\n mr {\n  enabled on;\n  fast on;\n }\n}",
                        "conf/x.conf:4: unknown directive 'fast' in 'vhost.mr'"),
                Arguments.of("bad value at SRS 2 place", "vhost a {\n gop_cache maybe;\n}",
                        "conf/x.conf:2: 'gop_cache' takes on or off, not 'maybe'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badConfigs")
    void badConfigIsAnErrorNamingFileAndLine(String name, String text, String fragment) {
        assertThatThrownBy(() -> parse(text))
                .isInstanceOf(RillException.class)
                .hasMessageContaining(fragment)
                .satisfies(e -> assertThat(((RillException) e).code()).isEqualTo(ErrorCode.CONFIG_INVALID));
    }

    @Test
    void allErrorsAreReportedTogetherInFileOrder() {
        assertThatThrownBy(() -> parse("lisen 1;\ndaemon maybe;\nvhost a { play { gop_cache 2; } }"))
                .hasMessage("""
                        conf/x.conf:1: unknown directive 'lisen' in 'root'
                        conf/x.conf:2: 'daemon' takes on or off, not 'maybe'
                        conf/x.conf:3: 'gop_cache' takes on or off, not '2'""");
    }

    @Test
    void srsOnlyDirectivesWarnOnceWithTheirLine() {
        RillConfig config = parse("""
                listen 1935;
                ff_log_dir ./objs;
                stats {
                    network 0;
                    disk sda;
                    not_even_srs_knows_this on;
                }
                vhost a {
                    hls {
                        enabled on;
                        hls_fragment 10;
                    }
                    exec { enabled off; publish ./on_publish.sh; }
                    play { atc_auto on; mw_msgs 8; }
                    publish { parse_sps on; }
                }
                """);
        assertThat(config.warnings()).containsExactly(
                "conf/x.conf:2: 'ff_log_dir' is an SRS directive Rill does not implement yet; ignored",
                "conf/x.conf:3: 'stats' is an SRS directive Rill does not implement yet; ignored",
                "conf/x.conf:13: 'exec' is an SRS directive Rill does not implement yet; ignored",
                "conf/x.conf:14: 'atc_auto' is an SRS directive Rill does not implement yet; ignored",
                "conf/x.conf:14: 'mw_msgs' is an SRS directive Rill does not implement yet; ignored",
                "conf/x.conf:15: 'parse_sps' is an SRS directive Rill does not implement yet; ignored");
        assertThat(config.vhost("a")).isPresent();
    }

    static Stream<Arguments> srsOnlyNames() {
        return Stream.of(
                Arguments.of("root", "%s on;", new String[]{"ff_log_level", "srs_log_level_v2",
                        "stats", "http_stream", "stream_caster", "srt_server",
                        "rtc_server", "utc_time", "work_dir", "asprocess", "empty_ip_ok", "grace_start_wait",
                        "force_grace_quit", "disable_daemon_for_docker",
                        "inotify_auto_reload", "auto_reload_for_docker", "tcmalloc_release_rate",
                        "query_latest_version", "first_wait_for_qlv", "threads", "circuit_breaker",
                        "exporter", "server_id", "in_docker", "pithy_print_ms"}),
                Arguments.of("vhost", "vhost v { %s on; }", new String[]{
                        "hds", "dvr", "http_static", "exec", "ingest",
                        "transcode", "bandcheck", "dash", "rtc", "srt", "nack", "twcc"}),
                Arguments.of("vhost.play", "vhost v { play { %s on; } }", new String[]{"atc_auto",
                        "mw_msgs", "reduce_sequence_header", "gop_cache_max_frames", "send_min_interval"}),
                Arguments.of("vhost.publish", "vhost v { publish { %s on; } }", new String[]{
                        "parse_sps", "try_annexb_first", "kickoff_for_idle"}),
                Arguments.of("vhost.forward", "vhost v { forward { %s on; } }", new String[]{"backend"}),
                Arguments.of("vhost.cluster", "vhost v { cluster { %s on; } }", new String[]{
                        "debug_srs_upnode", "protocol", "follow_client"}),
                Arguments.of("vhost.hls", "vhost v { hls { %s on; } }", new String[]{"hls_keys",
                        "hls_fragments_per_key", "hls_key_file", "hls_key_file_path", "hls_key_url",
                        "hls_nb_notify", "hls_storage", "hls_mount"}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("srsOnlyNames")
    void everySrsOnlyNameIsAWarningNotAnError(String context, String template, String[] names) {
        for (String name : names) {
            RillConfig config = parse(String.format(template, name));
            assertThat(config.warnings()).as(context + "." + name).singleElement().asString()
                    .isEqualTo("conf/x.conf:1: '" + name + "' is an SRS directive Rill does not implement yet; ignored");
        }
    }

    @Test
    void srsOnlyNameInTheWrongContextIsUnknown() {
        assertThatThrownBy(() -> parse("hls { enabled on; }"))
                .hasMessageContaining("conf/x.conf:1: unknown directive 'hls' in 'root'");
    }
}
