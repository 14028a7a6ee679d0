package dev.rill.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import dev.rill.server.testing.LogCapture;
import dev.rill.server.testing.TestServer;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** One warning at start when the API can be reached from other hosts without auth. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ApiOpenWarningTest {
    private static final String WARNING = "beyond loopback, without auth";

    @Test
    void anApiOnEveryInterfaceWithoutAuthIsWarnedOfOnce() throws Exception {
        try (LogCapture log = new LogCapture();
             TestServer server = TestServer.start("http_api { enabled on; listen 0.0.0.0:0; }", "")) {
            int port = server.httpAddress("HTTP API").getPort();
            List<String> warnings = warnings(log);
            assertThat(warnings).singleElement().asString()
                    .contains("0.0.0.0:" + port).contains("http_api.auth").contains("127.0.0.1");
        }
    }

    @Test
    void loopbackOrAuthNeedsNoWarning() throws Exception {
        try (LogCapture log = new LogCapture();
             TestServer loopback = TestServer.start("http_api { enabled on; listen 127.0.0.1:0; }", "");
             TestServer withAuth = TestServer.start("http_api { enabled on; listen 0.0.0.0:0; "
                     + "auth { enabled on; username a; password b; } }", "")) {
            assertThat(warnings(log)).isEmpty();
        }
        // And the check does look: the same server without auth is warned of.
        try (LogCapture log = new LogCapture();
             TestServer open = TestServer.start("http_api { enabled on; listen 0.0.0.0:0; }", "")) {
            assertThat(warnings(log)).hasSize(1);
        }
    }

    private static List<String> warnings(LogCapture log) {
        return log.lines(Level.WARN).stream().filter(l -> l.contains(WARNING)).toList();
    }
}
