package dev.rill.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.codec.RillException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** forward and cluster blocks: SRS's defaults, values, and refusals. */
class ClusterConfigTest {
    private static RillConfig parse(String vhostBody) {
        return RillConfig.parse("vhost __defaultVhost__ {\n" + vhostBody + "\n}\nvhost other { }\n", Path.of("x.conf"));
    }

    @Test
    void defaultsAreAnOriginThatForwardsNothing() {
        RillConfig config = parse("");
        assertThat(config.forward("__defaultVhost__")).isEqualTo(ForwardConfig.OFF);
        assertThat(config.cluster("other")).isEqualTo(new ClusterConfig(false, List.of(), false, "other", false, List.of()));
        assertThat(config.cluster("not.configured").edge()).isFalse();
        assertThat(config.warnings()).isEmpty();
    }

    @Test
    void forwardAndEdgeAreRead() {
        RillConfig config = parse("forward { enabled on; destination 10.0.0.1:19350 example.com [::1]:1936; }\n"
                + "cluster { mode remote; origin a.example:1935 b.example:1936; token_traverse on; vhost up.example;"
                + " origin_cluster on; coworkers 127.0.0.1:1985; }");
        ForwardConfig forward = config.forward("__defaultVhost__");
        assertThat(forward.active()).isTrue();
        assertThat(forward.destinations()).containsExactly(new HostPort("10.0.0.1", 19350),
                new HostPort("example.com", 1935), new HostPort("::1", 1936));
        ClusterConfig cluster = config.cluster("__defaultVhost__");
        assertThat(cluster).isEqualTo(new ClusterConfig(true, List.of(new HostPort("a.example", 1935),
                new HostPort("b.example", 1936)), true, "up.example", true, List.of(new HostPort("127.0.0.1", 1985))));
        assertThat(config.warnings()).isEmpty();
    }

    @Test
    void aSecondDestinationOrOriginLineIsIgnoredAsSrsReadsOnlyTheFirst() {
        RillConfig config = parse("forward { enabled on; destination 10.0.0.1;\n destination 10.0.0.2; }\n"
                + "cluster { mode remote; origin 10.0.0.3;\n origin 10.0.0.4; }");
        assertThat(config.forward("__defaultVhost__").destinations()).containsExactly(new HostPort("10.0.0.1", 1935));
        assertThat(config.cluster("__defaultVhost__").origins()).containsExactly(new HostPort("10.0.0.3", 1935));
        assertThat(config.warnings()).containsExactly(
                "x.conf:3: duplicate 'destination' in 'vhost.forward' is ignored; the first, at x.conf:2, is used"
                        + " (as SRS does)",
                "x.conf:5: duplicate 'origin' in 'vhost.cluster' is ignored; the first, at x.conf:4, is used"
                        + " (as SRS does)");
    }

    @Test
    void forwardWithoutEnabledIsOff() {
        assertThat(parse("forward { destination 127.0.0.1; }").forward("__defaultVhost__").active()).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "bad mode         | cluster { mode edge; }                  | 'mode' takes one of local|remote, not 'edge'",
            "port too big     | forward { destination 1.2.3.4:70000; }  | 'destination' takes host, host:port or [ipv6]:port",
            "bare ipv6        | cluster { origin ::1:1935; }            | an IPv6 address goes in brackets",
            "bad port         | cluster { coworkers host:http; }        | bad port 'http'",
            "unknown in block | forward { backup 1.2.3.4; }             | unknown directive 'backup' in 'vhost.forward'"})
    void badValuesAreErrorsNamingTheLine(String name, String body, String message) {
        assertThatThrownBy(() -> parse(body)).isInstanceOf(RillException.class).hasMessageContaining("x.conf:2")
                .hasMessageContaining(message);
    }

    @Test
    void srsOnlyClusterDirectivesWarn() {
        assertThat(parse("cluster { debug_srs_upnode off; }").warnings()).singleElement()
                .satisfies(w -> assertThat(w).contains("debug_srs_upnode"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"host, host, 1935", "host:19350, host, 19350", "1.2.3.4:1, 1.2.3.4, 1", "'[::1]', ::1, 1935",
            "'[fe80::1]:8080', fe80::1, 8080"})
    void hostPortsParse(String text, String host, int port) {
        assertThat(HostPort.parse(text)).isEqualTo(new HostPort(host, port));
    }
}
