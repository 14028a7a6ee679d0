package dev.rill.server.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import dev.rill.server.testing.Canary;
import dev.rill.server.testing.LogCapture;
import dev.rill.server.testing.RawHttpSocket;
import dev.rill.server.testing.RawRtmpSocket;
import dev.rill.server.testing.RecordingPlayer;
import dev.rill.server.testing.RtmpClients;
import dev.rill.server.testing.SyntheticPublisher;
import dev.rill.server.testing.TestServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Black-box: players that stop reading are closed after the send timeout, with a log line, over
 * RTMP and HTTP-FLV; meanwhile a canary plays on. Also what a joining player and a connection
 * of garbage leave in the log.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class StalledPlayersTest {
    @RegisterExtension
    static final RtmpClients CLIENTS = new RtmpClients();

    private static final int STALLED = 10;

    @Test
    void playersThatNeverReadAreClosedAfterTheSendTimeout() throws Exception {
        try (LogCapture logs = new LogCapture();
             TestServer server = TestServer.start("limits { send_timeout 2; }\n"
                     + "http_server { enabled on; listen 127.0.0.1:0; dir ./target/no-html; }",
                     "http_remux { enabled on; mount [vhost]/[app]/[stream].flv; }");
             Canary canary = Canary.start(CLIENTS.connector(), server.rtmp());
             SyntheticPublisher fast = SyntheticPublisher.publish(CLIENTS.connector(), server.rtmp(), "live", "fast",
                     50_000, 25, 20)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> fast.statuses.contains("NetStream.Publish.Start"));
            List<AutoCloseable> stalled = new ArrayList<>();
            try {
                long start = System.nanoTime();
                for (int i = 0; i < STALLED; i++) {
                    stalled.add(RawRtmpSocket.connectTiny(server.rtmp()).simpleHandshake()
                            .playWithoutReading("rtmp://127.0.0.1/live", "fast"));
                    stalled.add(RawHttpSocket.connectTiny(server.http())
                            .send("GET /live/fast.flv HTTP/1.1\r\nHost: x\r\n\r\n"));
                }
                await().atMost(Duration.ofSeconds(10)).until(() -> server.server().context().stats().clients().size()
                        >= 2 + 1 + 2 * STALLED);
                double fps = canary.framesPerSecond(Duration.ofSeconds(2));
                await().atMost(Duration.ofSeconds(40)).until(() -> logs.lines(Level.WARN).stream()
                        .filter(l -> l.contains("send timeout: the player took no data")).count() >= 2 * STALLED);
                double lifetime = (System.nanoTime() - start) / 1e9;
                System.out.printf("stalled players closed %.1f s after they connected; canary %.1f fps%n", lifetime, fps);
                await().atMost(Duration.ofSeconds(10)).until(() -> server.server().context().stats().clients().size()
                        == 3);
                assertThat(fps).isGreaterThanOrEqualTo(Canary.FPS * 0.8);
                assertThat(canary.isAlive()).isTrue();
            } finally {
                for (AutoCloseable s : stalled) {
                    s.close();
                }
            }
        }
    }

    @Test
    void aPlayerJoiningALongRunningStreamStartsAtTheGopWithoutADropLine() throws Exception {
        try (LogCapture logs = new LogCapture(); TestServer server = TestServer.start("", "play { queue_length 1; }");
             SyntheticPublisher publisher = SyntheticPublisher.publish(CLIENTS.connector(), server.rtmp(), "live",
                     "long", 500, 10, 20)) {
            // Sequence headers at 0, and the stream runs past queue_length before the player comes.
            await().atMost(Duration.ofSeconds(10)).until(() -> publisher.framesSent() > 100);
            RecordingPlayer player = RecordingPlayer.play(CLIENTS.connector(), server.rtmp(), "live", "long");
            await().atMost(Duration.ofSeconds(10)).until(() -> player.packets.videoCount() > 30);
            assertThat(player.packets.videoKey.get(0)).as("first frame is the cached GOP's keyframe").isTrue();
            assertThat(logs.lines(Level.WARN)).noneMatch(l -> l.contains("too slow"));
            player.close();
        }
    }

    @Test
    void aConnectionOfGarbageReportsTheBytesItSent() throws Exception {
        try (LogCapture logs = new LogCapture(); TestServer server = TestServer.start();
             RawRtmpSocket garbage = RawRtmpSocket.connect(server.rtmp())) {
            byte[] junk = new byte[1000];
            java.util.Arrays.fill(junk, (byte) 'G');
            garbage.write(junk);
            assertThat(garbage.awaitClosedByServer(Duration.ofSeconds(5))).isTrue();
            await().atMost(Duration.ofSeconds(5)).until(() -> logs.lines(Level.ERROR).stream()
                    .anyMatch(l -> l.contains("1000 bytes in")));
        }
    }
}
