package dev.rill.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rill.codec.RillException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The config files SRS 3.0 ships, when a copy is at hand: every one passes the check except those
 * SRS 3 itself refuses, which must fail for the same reason. SRS's files are not part of Rill, so
 * this runs only when {@code -Dsrs.conf.dir=DIR} (or the environment variable {@code SRS_CONF_DIR})
 * names the directory that holds SRS's {@code conf/}, e.g. SRS's {@code trunk}:
 * <pre>
 * git -C SRS_CHECKOUT archive 3.0release trunk/conf | tar -x -C /tmp/srs3conf
 * ./mvnw -o test -pl rill-codec,rill-server -Dtest=SrsShippedConfigsTest -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dsrs.conf.dir=/tmp/srs3conf/trunk
 * </pre>
 */
class SrsShippedConfigsTest {
    /** SRS 3.0 ships 52 config files. */
    static final int SRS3_CONFIG_COUNT = 52;

    /**
     * The shipped files SRS 3 refuses, and why: their {@code listen} lacks its ';', so the next
     * directive's name is read as a port (SRS 3: "listen.port=... is invalid").
     */
    static final Map<String, String> REFUSED_BY_SRS3 = Map.of(
            "edge.token.traverse.conf", "'listen' takes port, ip:port or [ipv6]:port, not 'max_connections'",
            "http.heartbeat.conf", "'listen' takes port, ip:port or [ipv6]:port, not 'max_connections'");

    private static Path srsDir() {
        String dir = System.getProperty("srs.conf.dir", System.getenv("SRS_CONF_DIR"));
        assumeTrue(dir != null && !dir.isBlank(), "no SRS config directory given (-Dsrs.conf.dir or SRS_CONF_DIR)");
        return Path.of(dir);
    }

    @Test
    void everyShippedConfigPassesUnlessSrs3RefusesIt() throws IOException {
        Path conf = srsDir().resolve("conf");
        List<Path> files;
        try (Stream<Path> list = Files.list(conf)) {
            files = list.filter(p -> p.toString().endsWith(".conf")).sorted().toList();
        }
        assertThat(files).as("SRS 3.0's conf/*.conf in %s", conf).hasSize(SRS3_CONFIG_COUNT);
        List<String> failures = new ArrayList<>();
        int passed = 0;
        for (Path file : files) {
            String name = file.getFileName().toString();
            String refusal = REFUSED_BY_SRS3.get(name);
            if (refusal != null) {
                assertThatThrownBy(() -> RillConfig.load(file)).as(name).isInstanceOf(RillException.class)
                        .hasMessageContaining(refusal);
                continue;
            }
            try {
                RillConfig.load(file);
                passed++;
            } catch (RillException e) {
                failures.add(name + ": " + e.getMessage());
            }
        }
        assertThat(failures).as("shipped configs that SRS 3 accepts and Rill refuses").isEmpty();
        assertThat(passed).isEqualTo(SRS3_CONFIG_COUNT - REFUSED_BY_SRS3.size());
    }
}
