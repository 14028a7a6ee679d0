package dev.rill.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.codec.ErrorCode;
import dev.rill.codec.RillException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The configs of {@code src/test/resources/config-corpus}, written in every form SRS 3.0's shipped
 * configs use: each passes the check with the warnings its {@code # warns:} lines name, each broken
 * variant fails with the errors its {@code # error:} lines name, and the SRS 1/2 and quirky forms
 * mean what they mean to SRS 3.
 */
class ConfigCorpusTest {
    /** Tests run in the module directory. */
    private static final Path CORPUS = Path.of("src", "test", "resources", "config-corpus");

    static Stream<Path> corpus() {
        return confs(CORPUS);
    }

    static Stream<Path> broken() {
        return confs(CORPUS.resolve("broken"));
    }

    private static Stream<Path> confs(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> found = files.filter(p -> p.toString().endsWith(".conf")).sorted().toList();
            assertThat(found).as("configs in %s", dir).isNotEmpty();
            return found.stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The text after {@code # KEY:} on each line that has it. */
    private static List<String> expected(Path file, String key) throws IOException {
        String prefix = "# " + key + ":";
        return Files.readAllLines(file).stream().filter(l -> l.startsWith(prefix))
                .map(l -> l.substring(prefix.length()).strip()).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void everyCorpusConfigPassesWithTheWarningsItNames(Path file) throws IOException {
        RillConfig config = RillConfig.load(file);
        for (String warning : expected(file, "warns")) {
            assertThat(config.warnings()).as("warnings of %s", file).anySatisfy(w -> assertThat(w).contains(warning));
        }
        assertThat(config.warnings()).as("every warning names its file and line")
                .allSatisfy(w -> assertThat(w).matches("^\\S+\\.conf:\\d+: .*"));
        // Every reader of the checked tree copes with it.
        assertThat(config.listen()).isNotEmpty();
        config.httpServer();
        config.httpApi();
        config.heartbeat();
        config.ffLogDir();
        for (VhostConfig vhost : config.vhosts()) {
            config.hls(vhost.name());
            config.httpRemux(vhost.name());
            config.cluster(vhost.name());
            config.forward(vhost.name());
            config.hooks(vhost.name());
            config.security(vhost.name());
            config.refer(vhost.name());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("broken")
    void everyBrokenVariantFailsWithTheErrorsItNames(Path file) throws IOException {
        List<String> errors = expected(file, "error");
        assertThat(errors).as("# error: lines in %s", file).isNotEmpty();
        assertThatThrownBy(() -> RillConfig.load(file))
                .isInstanceOf(RillException.class)
                .satisfies(e -> assertThat(((RillException) e).code()).isEqualTo(ErrorCode.CONFIG_INVALID))
                .satisfies(e -> assertThat(e.getMessage()).contains(errors));
    }

    /** The same server as legacy-srs1.conf, written in SRS 3's own forms. */
    private static final String SRS3_FORM_OF_LEGACY = """
            listen              1935;
            pid                 ./objs/corpus-legacy.pid;
            srs_log_tank        console;
            srs_log_level       trace;
            max_connections     800;
            daemon              off;
            http_api {
                enabled         on;
                listen          1985;
                crossdomain     on;
                raw_api { enabled on; allow_reload on; }
            }
            http_server {
                enabled         on;
                listen          8080;
                dir             ./objs/nginx/html;
            }
            vhost __defaultVhost__ {
                refer {
                    enabled     on;
                    all         corpus.example;
                    publish     studio.corpus.example;
                    play        corpus.example player.example;
                }
                publish {
                    firstpkt_timeout    12000;
                    normal_timeout      4000;
                    mr                  on;
                    mr_latency          250;
                }
                cluster {
                    mode            remote;
                    origin          127.0.0.1:19360 origin.corpus.example;
                    token_traverse  on;
                    vhost           upstream.corpus.example;
                }
                forward {
                    enabled         on;
                    destination     127.0.0.1:19361 127.0.0.1:19362;
                }
                play {
                    time_jitter     zero;
                    mix_correct     on;
                    atc             on;
                    mw_latency      150;
                    gop_cache       off;
                    queue_length    8;
                }
                http_remux {
                    enabled     on;
                    mount       [vhost]/[app]/[stream].flv;
                }
            }
            """;

    @Test
    void srs1And2FormsMeanWhatTheirSrs3FormsMean() {
        RillConfig legacy = RillConfig.load(CORPUS.resolve("legacy-srs1.conf"));
        RillConfig srs3 = RillConfig.parse(SRS3_FORM_OF_LEGACY, Path.of("srs3.conf"));
        String v = RillConfig.DEFAULT_VHOST;
        assertThat(legacy.vhost(v)).isEqualTo(srs3.vhost(v));
        assertThat(legacy.refer(v)).isEqualTo(srs3.refer(v));
        assertThat(legacy.cluster(v)).isEqualTo(srs3.cluster(v));
        assertThat(legacy.forward(v)).isEqualTo(srs3.forward(v));
        assertThat(legacy.httpRemux(v)).isEqualTo(srs3.httpRemux(v));
        assertThat(legacy.httpServer()).isEqualTo(srs3.httpServer());
        assertThat(legacy.httpApi()).isEqualTo(srs3.httpApi());
        assertThat(legacy.maxConnections()).isEqualTo(800);

        assertThat(legacy.refer(v)).isEqualTo(new ReferConfig(true, List.of("corpus.example"),
                List.of("studio.corpus.example"), List.of("corpus.example", "player.example")));
        assertThat(legacy.cluster(v).edge()).isTrue();
        assertThat(legacy.cluster(v).origins()).containsExactly(new HostPort("127.0.0.1", 19360),
                new HostPort("origin.corpus.example", 1935));
        assertThat(legacy.cluster(v).tokenTraverse()).isTrue();
        assertThat(legacy.cluster(v).upstreamVhost()).isEqualTo("upstream.corpus.example");
        assertThat(legacy.forward(v).active()).isTrue();
        assertThat(legacy.httpServer().enabled()).isTrue();
        assertThat(legacy.httpServer().listen()).isEqualTo(new InetSocketAddress("0.0.0.0", 8080));
        VhostConfig vhost = legacy.vhost(v).orElseThrow();
        assertThat(vhost.gopCache()).isFalse();
        assertThat(vhost.firstPktTimeoutMs()).isEqualTo(12000);
        assertThat(vhost.normalTimeoutMs()).isEqualTo(4000);
        assertThat(vhost.mrLatencyMs()).isEqualTo(250);
        assertThat(vhost.timeJitter()).isEqualTo(TimeJitter.ZERO);
    }

    @Test
    void quirksAreReadAsSrsReadsThem() {
        RillConfig config = RillConfig.load(CORPUS.resolve("quirks.conf"));
        assertThat(config.maxConnections()).as("the first max_connections").isEqualTo(900);
        VhostConfig vhost = config.vhost(RillConfig.DEFAULT_VHOST).orElseThrow();
        assertThat(vhost.tcpNodelay()).isTrue();
        assertThat(vhost.minLatency()).as("lost behind tcp_nodelay's missing ';', as in SRS").isFalse();
        assertThat(vhost.gopCache()).isFalse();
        assertThat(config.vhost("twice.corpus.example").orElseThrow().chunkSize()).as("the first vhost block")
                .isEqualTo(4096);
        assertThat(config.root().getAll("vhost")).extracting(Directive::arg0)
                .containsExactly(RillConfig.DEFAULT_VHOST, "twice.corpus.example");
    }

    @Test
    void theFirstOfTwoSectionsIsTheOneRead() {
        RillConfig origins = RillConfig.load(CORPUS.resolve("origin-cluster.conf"));
        assertThat(origins.httpApi().listen().getPort()).isEqualTo(9190);
        assertThat(origins.cluster("b.origins.corpus.example").coworkers()).containsExactly(new HostPort("127.0.0.1", 9190));
        RillConfig play = RillConfig.load(CORPUS.resolve("play-publish.conf"));
        VhostConfig stamps = play.vhost("stamps.corpus.example").orElseThrow();
        assertThat(stamps.timeJitter()).isEqualTo(TimeJitter.OFF);
        assertThat(stamps.atc()).as("set only in the second play block, which SRS does not read").isFalse();
    }

    @Test
    void includedFilesAreSplicedInPlace() {
        RillConfig config = RillConfig.load(CORPUS.resolve("include.conf"));
        assertThat(config.httpRemux(RillConfig.DEFAULT_VHOST).enabled()).isTrue();
        VhostConfig main = config.vhost("main.corpus.example").orElseThrow();
        assertThat(main.gopCache()).isFalse();
        assertThat(main.mwLatencyMs()).isEqualTo(100);
    }

    @Test
    void relativePathsAreReadFromTheWorkingDirectory() {
        RillConfig config = RillConfig.load(CORPUS.resolve("root.conf"));
        assertThat(config.workDir()).isEqualTo(Path.of(""));
        assertThat(config.pidFile()).isEqualTo(Path.of("objs/corpus-root.pid"));
        assertThat(config.logFile()).isEqualTo(Path.of("objs/corpus-root.log"));
        assertThat(config.ffLogDir()).isEqualTo(Path.of("objs/ffmpeg-logs"));
        RillConfig hls = RillConfig.load(CORPUS.resolve("hls.conf"));
        assertThat(hls.hls(RillConfig.DEFAULT_VHOST).path()).isEqualTo(Path.of("objs/nginx/html"));
        assertThat(hls.httpServer().dir()).isEqualTo(Path.of("objs/nginx/html"));
    }

    @Test
    void oneListenFitsBothHttpServices() {
        RillConfig config = RillConfig.load(CORPUS.resolve("one-port.conf"));
        assertThat(config.httpApi().listen()).isEqualTo(config.httpServer().listen());
    }
}
