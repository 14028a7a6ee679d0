package dev.rill.server.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class RillConfigTest {
    private static final Path NAME = Path.of("conf", "x.conf");

    private static RillConfig parse(String text) {
        return RillConfig.parse(text, NAME);
    }

    private static VhostConfig vhost(String text, String name) {
        return parse(text).vhost(name).orElseThrow();
    }

    @Test
    void rootDefaultsAreSrs3sExceptTheLogTank() {
        RillConfig config = parse("");
        assertThat(config.listen()).containsExactly(new InetSocketAddress("0.0.0.0", 1935));
        assertThat(config.maxConnections()).isEqualTo(1000);
        assertThat(config.pidFile()).isEqualTo(Path.of("objs/srs.pid"));
        assertThat(config.chunkSize()).isEqualTo(60000);
        assertThat(config.logTank()).isEqualTo(LogTank.CONSOLE);
        assertThat(config.logLevel()).isEqualTo("trace");
        assertThat(config.logFile()).isEqualTo(Path.of("objs/srs.log"));
        assertThat(config.daemon()).isTrue();
        assertThat(config.vhosts()).isEmpty();
        assertThat(config.warnings()).isEmpty();
        assertThat(config.root().children()).isEmpty();
    }

    @Test
    void vhostDefaults() {
        VhostConfig v = vhost("vhost a { }", "a");
        assertThat(v).isEqualTo(new VhostConfig("a", true, 60000, false, false, 0, 2_500_000,
                true, 30.0, TimeJitter.FULL, false, false, 350, false, 350, 20_000, 5_000));
    }

    static Stream<Arguments> rootValues() {
        return Stream.of(
                root("max_connections 3000;", RillConfig::maxConnections, 3000),
                root("pid /run/rill.pid;", RillConfig::pidFile, Path.of("/run/rill.pid")),
                root("chunk_size 128;", RillConfig::chunkSize, 128),
                root("chunk_size 65536;", RillConfig::chunkSize, 65536),
                root("srs_log_tank file;", RillConfig::logTank, LogTank.FILE),
                root("srs_log_level warn;", RillConfig::logLevel, "warn"),
                root("srs_log_file 'logs/my rill.log';", RillConfig::logFile, Path.of("logs/my rill.log")),
                root("daemon off;", RillConfig::daemon, false),
                root("listen 1935 1936;", RillConfig::listen, List.of(
                        new InetSocketAddress("0.0.0.0", 1935), new InetSocketAddress("0.0.0.0", 1936))),
                root("listen 127.0.0.1:19350 [::]:1935 [::1]:1936;", RillConfig::listen, List.of(
                        new InetSocketAddress("127.0.0.1", 19350), new InetSocketAddress("::", 1935),
                        new InetSocketAddress("::1", 1936))),
                root("pid objs/rill.pid;", RillConfig::pidFile, Path.of("objs/rill.pid")),
                root("work_dir /srv/rill;\npid ./objs/rill.pid;", RillConfig::pidFile, Path.of("/srv/rill/objs/rill.pid")),
                root("work_dir /srv/rill;\npid /run/rill.pid;", RillConfig::pidFile, Path.of("/run/rill.pid")),
                root("work_dir run/here;\nsrs_log_file ./srs.log;", RillConfig::logFile, Path.of("run/here/srs.log")),
                root("work_dir ./;", RillConfig::workDir, Path.of("")),
                root("work_dir /srv/rill;", RillConfig::ffLogDir, Path.of("/srv/rill/objs")));
    }

    private static <T> Arguments root(String text, Function<RillConfig, T> getter, T expected) {
        return Arguments.of(text, getter, expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rootValues")
    void rootValuesAreRead(String text, Function<RillConfig, Object> getter, Object expected) {
        RillConfig config = parse(text);
        assertThat(getter.apply(config)).isEqualTo(expected);
        assertThat(config.warnings()).isEmpty();
    }

    static Stream<Arguments> vhostValues() {
        return Stream.of(
                vhost("enabled off;", VhostConfig::enabled, false),
                vhost("chunk_size 4096;", VhostConfig::chunkSize, 4096),
                vhost("tcp_nodelay on;", VhostConfig::tcpNodelay, true),
                vhost("in_ack_size 250000;", VhostConfig::inAckSize, 250000),
                vhost("out_ack_size 0;", VhostConfig::outAckSize, 0),
                vhost("min_latency on;", VhostConfig::minLatency, true),
                vhost("play { gop_cache off; }", VhostConfig::gopCache, false),
                vhost("play { queue_length 10; }", VhostConfig::queueLengthSeconds, 10.0),
                vhost("play { queue_length 0.5; }", VhostConfig::queueLengthSeconds, 0.5),
                vhost("play { time_jitter zero; }", VhostConfig::timeJitter, TimeJitter.ZERO),
                vhost("play { time_jitter off; }", VhostConfig::timeJitter, TimeJitter.OFF),
                vhost("play { mix_correct on; }", VhostConfig::mixCorrect, true),
                vhost("play { atc on; }", VhostConfig::atc, true),
                vhost("play { mw_latency 100; }", VhostConfig::mwLatencyMs, 100),
                vhost("publish { mr on; }", VhostConfig::mr, true),
                vhost("publish { mr_latency 700; }", VhostConfig::mrLatencyMs, 700),
                vhost("publish { firstpkt_timeout 3000; }", VhostConfig::firstPktTimeoutMs, 3000),
                vhost("publish { normal_timeout 7000; }", VhostConfig::normalTimeoutMs, 7000));
    }

    private static <T> Arguments vhost(String body, Function<VhostConfig, T> getter, T expected) {
        return Arguments.of(body, getter, expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vhostValues")
    void vhostValuesAreRead(String body, Function<VhostConfig, Object> getter, Object expected) {
        RillConfig config = parse("vhost v {\n" + body + "\n}");
        assertThat(getter.apply(config.vhost("v").orElseThrow())).isEqualTo(expected);
        assertThat(config.warnings()).isEmpty();
    }

    @Test
    void vhostChunkSizeDefaultsToRoot() {
        RillConfig config = parse("chunk_size 4096;\nvhost a { }\nvhost b { chunk_size 8192; }");
        assertThat(config.vhost("a").orElseThrow().chunkSize()).isEqualTo(4096);
        assertThat(config.vhost("b").orElseThrow().chunkSize()).isEqualTo(8192);
    }

    @Test
    void minLatencyForcesMergedWriteToZeroAndMergedReadOff() {
        VhostConfig v = vhost("vhost a { min_latency on; play { mw_latency 500; } publish { mr on; mr_latency 90; } }", "a");
        assertThat(v.minLatency()).isTrue();
        assertThat(v.mwLatencyMs()).isZero();
        assertThat(v.mr()).isFalse();
        assertThat(v.mrLatencyMs()).isEqualTo(90);

        VhostConfig off = vhost("vhost a { min_latency off; play { mw_latency 500; } publish { mr on; } }", "a");
        assertThat(off.mwLatencyMs()).isEqualTo(500);
        assertThat(off.mr()).isTrue();
    }

    @Test
    void resolveUsesOwnVhostThenDefaultVhost() {
        RillConfig config = parse("""
                vhost __defaultVhost__ { chunk_size 1000; }
                vhost live.example.com { chunk_size 2000; }
                vhost off.example.com { enabled off; }
                """);
        assertThat(config.resolveVhost("live.example.com")).get().extracting(VhostConfig::chunkSize).isEqualTo(2000);
        assertThat(config.resolveVhost("other.example.com")).get().extracting(VhostConfig::name)
                .isEqualTo(RillConfig.DEFAULT_VHOST);
        assertThat(config.resolveVhost("127.0.0.1")).get().extracting(VhostConfig::name)
                .isEqualTo(RillConfig.DEFAULT_VHOST);
        assertThat(config.resolveVhost("off.example.com")).isEmpty();
        assertThat(config.vhost("off.example.com")).get().extracting(VhostConfig::enabled).isEqualTo(false);
        assertThat(config.vhost("other.example.com")).isEmpty();
        assertThat(config.vhosts()).extracting(VhostConfig::name)
                .containsExactly("__defaultVhost__", "live.example.com", "off.example.com");
    }

    @Test
    void resolveWithoutDefaultVhostOrWithItDisabled() {
        RillConfig noDefault = parse("vhost a.com { }");
        assertThat(noDefault.resolveVhost("a.com")).isPresent();
        assertThat(noDefault.resolveVhost("b.com")).isEmpty();

        RillConfig disabledDefault = parse("vhost __defaultVhost__ { enabled off; }");
        assertThat(disabledDefault.resolveVhost("b.com")).isEmpty();
    }

    @Test
    void srs2VhostLevelDirectivesAreReadFromTheirOldPlace() {
        RillConfig config = parse("""
                vhost a {
                    gop_cache off;
                    queue_length 12.5;
                    time_jitter zero;
                    mix_correct on;
                    atc on;
                    mw_latency 120;
                    publish_1stpkt_timeout 9000;
                    publish_normal_timeout 4000;
                    mr {
                        enabled on;
                        latency 450;
                    }
                }
                """);
        VhostConfig v = config.vhost("a").orElseThrow();
        assertThat(v.gopCache()).isFalse();
        assertThat(v.queueLengthSeconds()).isEqualTo(12.5);
        assertThat(v.timeJitter()).isEqualTo(TimeJitter.ZERO);
        assertThat(v.mixCorrect()).isTrue();
        assertThat(v.atc()).isTrue();
        assertThat(v.mwLatencyMs()).isEqualTo(120);
        assertThat(v.firstPktTimeoutMs()).isEqualTo(9000);
        assertThat(v.normalTimeoutMs()).isEqualTo(4000);
        assertThat(v.mr()).isTrue();
        assertThat(v.mrLatencyMs()).isEqualTo(450);
        assertThat(config.warnings()).contains(
                "conf/x.conf:2: 'gop_cache' directly in vhost is the SRS 1/2 form; read as vhost.play.gop_cache",
                "conf/x.conf:8: 'publish_1stpkt_timeout' directly in vhost is the SRS 1/2 form; read as vhost.publish.firstpkt_timeout",
                "conf/x.conf:12: 'mr.latency' directly in vhost is the SRS 1/2 form; read as vhost.publish.mr_latency")
                .hasSize(10);
        Directive gop = config.root().get("vhost").get("play").get("gop_cache");
        assertThat(gop.where()).isEqualTo("conf/x.conf:2");
    }

    @Test
    void srs2PlaceOverridesTheSectionAsSrsDoes() {
        RillConfig config = parse("""
                vhost a {
                    play { gop_cache on; queue_length 5; }
                    gop_cache off;
                    mr on;
                    mr_latency 200;
                    publish { mr off; normal_timeout 6000; }
                    atc_auto on;
                }
                """);
        VhostConfig v = config.vhost("a").orElseThrow();
        assertThat(v.gopCache()).isFalse();
        assertThat(v.queueLengthSeconds()).isEqualTo(5.0);
        assertThat(v.mr()).isTrue();
        assertThat(v.mrLatencyMs()).isEqualTo(200);
        assertThat(v.normalTimeoutMs()).isEqualTo(6000);
        assertThat(config.warnings()).contains(
                "conf/x.conf:7: 'atc_auto' is an SRS directive Rill does not implement yet; ignored");
    }

    @Test
    void vhostConfigsCompareByValue() {
        RillConfig one = parse("vhost a { play { gop_cache off; } }\nvhost b { }");
        RillConfig two = parse("# reloaded\nvhost b { }\nvhost a {\n play {\n  gop_cache off;\n }\n}");
        RillConfig changed = parse("vhost a { play { gop_cache on; } }");
        assertThat(one.vhost("a")).isEqualTo(two.vhost("a"));
        assertThat(one.vhost("a").orElseThrow().hashCode()).isEqualTo(two.vhost("a").orElseThrow().hashCode());
        assertThat(one.vhost("a")).isNotEqualTo(changed.vhost("a"));
        assertThat(one.vhost("a")).isNotEqualTo(one.vhost("b"));
    }

    @Test
    void loadReadsIncludes(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("rill.conf"), "listen 1940;\ninclude vhosts.conf;\n");
        Files.writeString(dir.resolve("vhosts.conf"), "vhost v { tcp_nodelay on; hds { enabled on; } }\n");
        RillConfig config = RillConfig.load(dir.resolve("rill.conf"));
        assertThat(config.listen()).containsExactly(new InetSocketAddress("0.0.0.0", 1940));
        assertThat(config.vhost("v").orElseThrow().tcpNodelay()).isTrue();
        assertThat(config.warnings()).containsExactly(
                dir.resolve("rill.conf") + ":2: include vhosts.conf: not in the working directory "
                        + Path.of("").toAbsolutePath() + " (where SRS looks); read " + dir.resolve("vhosts.conf")
                        + " next to " + dir.resolve("rill.conf"),
                dir.resolve("vhosts.conf") + ":1: 'hds': HDS is not served by Rill yet; the block is checked"
                        + " against SRS 3's directives and otherwise ignored");
    }
}
