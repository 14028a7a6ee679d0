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
                Arguments.of("no args", "daemon;", "conf/x.conf:1: 'daemon' takes 1 argument, got 0"),
                Arguments.of("listen without args", "listen;", "'listen' takes at least 1 argument, got 0"),
                Arguments.of("listen port out of range", "listen 70000;", "port 70000 is out of range 0..65535"),
                Arguments.of("listen host name", "listen localhost:1935;", "'localhost' is not an IPv4 address"),
                Arguments.of("listen bad ipv4", "listen 1.2.3.256:1935;", "'1.2.3.256' is not an IPv4 address"),
                Arguments.of("listen bare ipv6", "listen ::1:1935;", "write an IPv6 address in brackets"),
                Arguments.of("listen bad ipv6", "listen [fe80::zz]:1935;", "'fe80::zz' is not an IPv6 address"),
                Arguments.of("listen twice", "listen 1935 0.0.0.0:1935;",
                        "conf/x.conf:1: 'listen' 0.0.0.0:1935 is already listened on (at conf/x.conf:1)"),
                Arguments.of("listen with a lost ';'", "listen 1935\nmax_connections 1000;",
                        "conf/x.conf:1: 'listen' takes port, ip:port or [ipv6]:port, not 'max_connections': not a"
                                + " port number; a ';' may be missing before 'max_connections'"),
                Arguments.of("ingest id twice", "vhost a {\n ingest cam { }\n ingest cam { }\n}",
                        "conf/x.conf:3: ingest id 'cam' is given twice in vhost 'a' (first at conf/x.conf:2)"),
                Arguments.of("typo in an ignored duplicate play", "vhost a {\n play { }\n play { gop_cahce on; }\n}",
                        "conf/x.conf:3: unknown directive 'gop_cahce' in 'vhost.play'"),
                Arguments.of("vhost without name", "vhost { }", "'vhost' takes 1 argument, got 0"),
                Arguments.of("vhost not a block", "vhost a;", "'vhost' must be a block: 'vhost a { ... }'"),
                Arguments.of("play not a block", "vhost a { play; }", "'play' must be a block"),
                Arguments.of("value given a block", "chunk_size 128 { }",
                        "'chunk_size' takes no block; write 'chunk_size VALUE;'"),
                Arguments.of("unknown in SRS 2 mr block", "vhost a {\n mr {\n  enabled on;\n  fast on;\n }\n}",
                        "conf/x.conf:4: unknown directive 'fast' in 'vhost.mr'"),
                Arguments.of("bad value at SRS 2 place", "vhost a {\n gop_cache maybe;\n}",
                        "conf/x.conf:2: 'gop_cache' takes on or off, not 'maybe'"),
                Arguments.of("typo in transcode", "vhost a {\n transcode {\n  enabled on;\n  ffmepg ./ffmpeg;\n }\n}",
                        "conf/x.conf:4: unknown directive 'ffmepg' in 'vhost.transcode' (SRS 3 knows enabled,"
                                + " engine, ffmpeg)"),
                Arguments.of("typo in transcode engine", "vhost a { transcode { engine e { vcodex libx264; } } }",
                        "conf/x.conf:1: unknown directive 'vcodex' in 'vhost.transcode.engine'"),
                Arguments.of("typo in dvr", "vhost a { dvr { dvr_plann session; } }",
                        "unknown directive 'dvr_plann' in 'vhost.dvr'"),
                Arguments.of("typo in stream_caster", "stream_caster { casterr flv; }",
                        "unknown directive 'casterr' in 'root.stream_caster'"),
                Arguments.of("typo in stats", "stats { netwrk 0; }", "unknown directive 'netwrk' in 'root.stats'"),
                Arguments.of("bad value after a dropped extra argument", "vhost a { tcp_nodelay maybe on; }",
                        "'tcp_nodelay' takes on or off, not 'maybe'"),
                Arguments.of("SRS 1 refer with a bad place", "vhost a { refer_play; refer { enabled on; } }",
                        "'play' takes at least 1 argument, got 0"));
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
                "conf/x.conf:3: 'stats': system statistics is not served by Rill yet; the block is checked"
                        + " against SRS 3's directives and otherwise ignored",
                "conf/x.conf:12: 'exec': exec on publish is not served by Rill yet; the block is checked"
                        + " against SRS 3's directives and otherwise ignored",
                "conf/x.conf:13: 'atc_auto' is an SRS directive Rill does not implement yet; ignored",
                "conf/x.conf:13: 'mw_msgs' is an SRS directive Rill does not implement yet; ignored",
                "conf/x.conf:14: 'parse_sps' is an SRS directive Rill does not implement yet; ignored");
        assertThat(config.vhost("a")).isPresent();
    }

    @Test
    void blocksSrs3DoesNotCheckWarnOnUnknownNames() {
        RillConfig config = parse("""
                vhost a {
                    hds { enabled on; hds_fragmnt 10; }
                    ingest livestream {
                        input { type file; url ./a.flv; urll x; }
                        engine { vcodec copy; vfilter { i ./logo.png; } }
                    }
                }
                """);
        assertThat(config.warnings()).containsExactly(
                "conf/x.conf:2: 'hds': HDS is not served by Rill yet; the block is checked against SRS 3's"
                        + " directives and otherwise ignored",
                "conf/x.conf:2: unknown directive 'hds_fragmnt' in 'vhost.hds' (SRS 3 knows enabled, hds_fragment,"
                        + " hds_path, hds_window); SRS 3 does not check this block, so neither does Rill",
                "conf/x.conf:3: 'ingest livestream': ingest is not served by Rill yet; the block is checked"
                        + " against SRS 3's directives and otherwise ignored",
                "conf/x.conf:4: unknown directive 'urll' in 'vhost.ingest.input' (SRS 3 knows type, url);"
                        + " SRS 3 does not check this block, so neither does Rill");
    }

    @Test
    void aDirectiveGivenTwiceIsReadFromItsFirstPlaceWithAWarning() {
        RillConfig config = parse("""
                max_connections 1000;
                max_connections 2000;
                vhost a {
                    play { gop_cache off; }
                    play { gop_cache on; }
                }
                vhost a { enabled off; }
                """);
        assertThat(config.maxConnections()).isEqualTo(1000);
        assertThat(config.vhost("a").orElseThrow().gopCache()).isFalse();
        assertThat(config.vhost("a").orElseThrow().enabled()).isTrue();
        assertThat(config.warnings()).containsExactly(
                "conf/x.conf:2: duplicate 'max_connections' in 'root' is ignored; the first, at conf/x.conf:1,"
                        + " is used (as SRS does)",
                "conf/x.conf:5: duplicate 'play' in 'vhost' is ignored; the first, at conf/x.conf:4, is used"
                        + " (as SRS does)",
                "conf/x.conf:7: duplicate vhost 'a' is ignored; the first, at conf/x.conf:3, is used (as SRS does)");
    }

    @Test
    void extraArgumentsAreDroppedAsSrsDoesWithAWarningNamingWhatWasTaken() {
        RillConfig config = parse("vhost a {\n tcp_nodelay on\n min_latency on;\n}");
        VhostConfig a = config.vhost("a").orElseThrow();
        assertThat(a.tcpNodelay()).isTrue();
        assertThat(a.minLatency()).isFalse();
        assertThat(config.warnings()).containsExactly("conf/x.conf:2: 'tcp_nodelay' takes 1 argument: 'on' is"
                + " taken and 'min_latency on' ignored, as SRS does; a ';' may be missing before 'min_latency',"
                + " which is not read as a directive");
        assertThat(parse("pid ./a.pid ./b.pid;").warnings()).singleElement().asString()
                .endsWith("'./a.pid' is taken and './b.pid' ignored, as SRS does");
    }

    @Test
    void aSecondListenOrHookLineIsIgnoredAsSrsReadsOnlyTheFirst() {
        RillConfig config = parse("""
                listen 1935 1936;
                listen 1937;
                vhost a {
                    http_hooks {
                        enabled on;
                        on_publish http://127.0.0.1:8085/a http://127.0.0.1:8085/b;
                        on_publish http://127.0.0.1:8085/c;
                    }
                    security {
                        enabled on;
                        deny publish 10.0.0.1;
                        deny publish 10.0.0.2;
                    }
                }
                """);
        assertThat(config.listen()).extracting(java.net.InetSocketAddress::getPort).containsExactly(1935, 1936);
        assertThat(config.hooks("a").onPublish()).containsExactly("http://127.0.0.1:8085/a", "http://127.0.0.1:8085/b");
        assertThat(config.security("a").rules()).hasSize(2);
        assertThat(config.warnings()).containsExactly(
                "conf/x.conf:2: duplicate 'listen' in 'root' is ignored; the first, at conf/x.conf:1, is used"
                        + " (as SRS does)",
                "conf/x.conf:7: duplicate 'on_publish' in 'vhost.http_hooks' is ignored; the first, at conf/x.conf:6,"
                        + " is used (as SRS does)");
        assertThat(config.root().getAll("listen")).singleElement().extracting(Directive::where).isEqualTo("conf/x.conf:1");
    }

    @Test
    void argumentsOfABlockThatTakesNoneAreIgnoredAsSrsDoes() {
        RillConfig config = parse("vhost a b {\n play on { gop_cache off; }\n}");
        assertThat(config.vhost("a").orElseThrow().gopCache()).isFalse();
        assertThat(config.warnings()).containsExactly(
                "conf/x.conf:1: 'vhost' takes 1 argument: 'a' is taken and 'b' ignored, as SRS does",
                "conf/x.conf:2: 'play' takes no arguments: 'on' is ignored, as SRS does");
    }

    static Stream<Arguments> srsOnlyNames() {
        return Stream.of(
                Arguments.of("root", "%s on;", new String[]{"ff_log_level", "srs_log_level_v2",
                        "stats", "stream_caster", "srt_server",
                        "rtc_server", "utc_time", "asprocess", "empty_ip_ok", "grace_start_wait",
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
