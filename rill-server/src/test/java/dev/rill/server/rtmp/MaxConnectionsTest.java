package dev.rill.server.rtmp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import dev.rill.server.testing.LogCapture;
import dev.rill.server.testing.RawRtmpSocket;
import dev.rill.server.testing.TestServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code max_connections}: connections past the limit are closed at once, and room frees up. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MaxConnectionsTest {

    @Test
    void refusesTheConnectionPastTheLimitUntilOneLeaves() throws Exception {
        try (TestServer server = TestServer.start("max_connections 3;", ""); LogCapture logs = new LogCapture()) {
            List<RawRtmpSocket> clients = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    clients.add(RawRtmpSocket.connect(server.rtmp()).simpleHandshake());
                }
                try (RawRtmpSocket fourth = RawRtmpSocket.connect(server.rtmp())) {
                    assertThat(fourth.awaitClosedByServer(Duration.ofSeconds(2)))
                            .as("the connection past max_connections is closed").isTrue();
                }
                await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(logs.lines(Level.WARN))
                        .anySatisfy(line -> assertThat(line).contains("max_connections 3")));

                clients.remove(0).close();
                await().atMost(Duration.ofSeconds(5))
                        .until(() -> server.server().context().connections().get() == 2);
                RawRtmpSocket again = RawRtmpSocket.connect(server.rtmp()).simpleHandshake();
                clients.add(again);
                assertThat(again.awaitClosedByServer(Duration.ofMillis(500)))
                        .as("a connection under the limit again stays open").isFalse();
                for (RawRtmpSocket c : clients) {
                    assertThat(c.awaitClosedByServer(Duration.ofMillis(100))).as("the admitted ones stay").isFalse();
                }
            } finally {
                for (RawRtmpSocket c : clients) {
                    c.close();
                }
            }
        }
    }
}
