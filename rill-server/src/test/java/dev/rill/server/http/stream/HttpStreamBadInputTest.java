package dev.rill.server.http.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import dev.rill.server.rtmp.client.RtmpClientConnector;
import dev.rill.server.testing.HttpFlvPlayer;
import dev.rill.server.testing.LogCapture;
import dev.rill.server.testing.RawHttpSocket;
import dev.rill.server.testing.SyntheticPublisher;
import dev.rill.server.testing.TestServer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Bad HTTP input against the live stream routes while a synthetic publisher streams and an
 * HTTP-FLV player watches: each bad client gets its clean answer and the player keeps playing.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HttpStreamBadInputTest {
    private static EventLoopGroup group;
    private TestServer server;
    private SyntheticPublisher publisher;
    private HttpFlvPlayer watcher;

    @BeforeAll
    static void startClients() {
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    }

    @AfterAll
    static void stopClients() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @BeforeEach
    void start() throws Exception {
        server = TestServer.start(HttpFlvTest.HTTP,
                HttpFlvTest.REMUX + "\nplay { queue_length 2; mw_latency 100; }");
        publisher = SyntheticPublisher.publish(new RtmpClientConnector(group), server.rtmp(), "live", "cam", 40_000, 25, 40);
        watcher = HttpFlvPlayer.play(server.httpUrl("/live/cam.flv"));
        await().atMost(Duration.ofSeconds(10)).until(() -> watcher.recorder.packets.videoCount() > 5);
    }

    @AfterEach
    void stop() throws Exception {
        watcher.close();
        publisher.close();
        server.close();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "a path no mount fits, /live/sub/cam.flv",
            "an extension the mount does not serve, /live/cam.aac",
            "a stream at the root, /cam.flv",
    })
    void unknownStreamIs404(String what, String path) throws Exception {
        try (RawHttpSocket s = RawHttpSocket.connect(server.http())) {
            assertThat(s.send("GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n").readResponse()).startsWith("HTTP/1.1 404");
        }
        assertStillPlaying();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "no key | Upgrade: websocket\\r\\nConnection: Upgrade\\r\\nSec-WebSocket-Version: 13\\r\\n | 400",
            "unknown version | Upgrade: websocket\\r\\nConnection: Upgrade\\r\\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\\r\\nSec-WebSocket-Version: 99\\r\\n | 426",
            "no Connection upgrade | Upgrade: websocket\\r\\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\\r\\nSec-WebSocket-Version: 13\\r\\n | 400",
    })
    void bogusWebSocketHandshakeIsRefused(String what, String headers, String status) throws Exception {
        String request = "GET /live/cam.flv HTTP/1.1\r\nHost: x\r\n" + headers.replace("\\r\\n", "\r\n") + "\r\n";
        try (RawHttpSocket s = RawHttpSocket.connect(server.http())) {
            assertThat(s.send(request).readHeaders()).startsWith("HTTP/1.1 " + status);
            assertThat(s.closedByServer()).isTrue();
        }
        assertStillPlaying();
    }

    @Test
    void oversizedHeadersAre431() throws Exception {
        try (RawHttpSocket s = RawHttpSocket.connect(server.http())) {
            String res = s.send("GET /live/cam.flv HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(20_000) + "\r\n\r\n").readResponse();
            assertThat(res).startsWith("HTTP/1.1 431");
            assertThat(s.closedByServer()).isTrue();
        }
        assertStillPlaying();
    }

    @Test
    void aClientThatNeverReadsIsShrunkAndOthersPlayOn() throws Exception {
        try (LogCapture logs = new LogCapture(); RawHttpSocket stuck = RawHttpSocket.connectTiny(server.http())) {
            stuck.send("GET /live/cam.flv HTTP/1.1\r\nHost: x\r\n\r\n");
            await().atMost(Duration.ofSeconds(20)).until(() -> logs.lines(Level.WARN).stream()
                    .anyMatch(l -> l.contains("player too slow")));
            int before = watcher.recorder.packets.videoCount();
            await().atMost(Duration.ofSeconds(5)).until(() -> watcher.recorder.packets.videoCount() > before + 25);
        }
        assertThat(watcher.recorder.packets.videoCount()).isGreaterThan(60);
    }

    private void assertStillPlaying() {
        int before = watcher.recorder.packets.videoCount();
        await().atMost(Duration.ofSeconds(5)).until(() -> watcher.recorder.packets.videoCount() > before + 5);
        assertThat(watcher.status()).isEqualTo(200);
    }
}
