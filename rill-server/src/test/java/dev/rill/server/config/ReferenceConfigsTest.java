package dev.rill.server.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The configs shipped in the repository's conf/ must load cleanly. */
class ReferenceConfigsTest {
    private static Path conf(String name) {
        // Tests run in the module directory; the reference configs live at the repository root.
        return Path.of("..", "conf", name);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"rill.conf", "full.conf"})
    void loadsWithoutErrorsOrWarnings(String name) {
        RillConfig config = RillConfig.load(conf(name));
        assertThat(config.warnings()).isEmpty();
        assertThat(config.vhost(RillConfig.DEFAULT_VHOST)).isPresent();
    }

    @Test
    void defaultConfigServesEveryHostOn1935() {
        RillConfig config = RillConfig.load(conf("rill.conf"));
        assertThat(config.listen()).singleElement().satisfies(a -> assertThat(a.getPort()).isEqualTo(1935));
        assertThat(config.daemon()).isFalse();
        assertThat(config.logTank()).isEqualTo(LogTank.CONSOLE);
        assertThat(config.resolveVhost("any.host")).get().extracting(VhostConfig::gopCache).isEqualTo(true);
    }

    @Test
    void fullConfigUsesEveryImplementedDirective() {
        RillConfig config = RillConfig.load(conf("full.conf"));
        VhostConfig realtime = config.vhost("realtime.rill.dev").orElseThrow();
        assertThat(realtime.minLatency()).isTrue();
        assertThat(realtime.mwLatencyMs()).isZero();
        assertThat(realtime.chunkSize()).isEqualTo(4096);
        assertThat(config.resolveVhost("disabled.rill.dev")).isEmpty();
        Directive root = config.root();
        for (String name : new String[]{"listen", "max_connections", "pid", "chunk_size", "srs_log_tank",
                "srs_log_level", "srs_log_file", "daemon", "vhost"}) {
            assertThat(root.get(name)).as(name).isNotNull();
        }
        Directive vhost = root.get("vhost");
        for (String name : new String[]{"enabled", "chunk_size", "min_latency", "tcp_nodelay", "in_ack_size",
                "out_ack_size", "play", "publish", "forward", "cluster"}) {
            assertThat(vhost.get(name)).as(name).isNotNull();
        }
        for (String name : new String[]{"gop_cache", "queue_length", "time_jitter", "mix_correct", "atc",
                "mw_latency"}) {
            assertThat(vhost.get("play").get(name)).as(name).isNotNull();
        }
        for (String name : new String[]{"mr", "mr_latency", "firstpkt_timeout", "normal_timeout"}) {
            assertThat(vhost.get("publish").get(name)).as(name).isNotNull();
        }
        for (String name : new String[]{"enabled", "destination"}) {
            assertThat(vhost.get("forward").get(name)).as(name).isNotNull();
        }
        for (String name : new String[]{"mode", "origin", "token_traverse", "vhost", "origin_cluster", "coworkers"}) {
            assertThat(vhost.get("cluster").get(name)).as(name).isNotNull();
        }
        assertThat(config.cluster("edge.rill.dev").edge()).isTrue();
        for (String name : new String[]{"enabled", "hls_fragment", "hls_td_ratio", "hls_aof_ratio", "hls_window",
                "hls_on_error", "hls_path", "hls_m3u8_file", "hls_ts_file", "hls_ts_floor", "hls_entry_prefix",
                "hls_acodec", "hls_vcodec", "hls_cleanup", "hls_dispose", "hls_wait_keyframe", "hls_dts_directly"}) {
            assertThat(vhost.get("hls").get(name)).as(name).isNotNull();
        }
    }
}
