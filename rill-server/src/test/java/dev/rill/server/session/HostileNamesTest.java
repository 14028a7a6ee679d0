package dev.rill.server.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import dev.rill.server.log.LoggedText;
import dev.rill.server.testing.LogCapture;
import dev.rill.server.testing.RecordingPlayer;
import dev.rill.server.testing.RtmpClients;
import dev.rill.server.testing.SyntheticPublisher;
import dev.rill.server.testing.TestServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Black-box: a client names its stream to climb out of {@code hls_path} or into another stream's
 * files. Every such publish and play is refused at the gate with BadName and a log line; nothing
 * is written outside {@code hls_path}; a canary stream keeps its playlist to itself and plays on.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HostileNamesTest {
    @RegisterExtension
    static final RtmpClients CLIENTS = new RtmpClients();

    @TempDir
    Path dir;

    @Test
    void namesThatLeaveTheirDirectoryAreRefusedAndTheCanaryKeepsItsFiles() throws Exception {
        Path html = Files.createDirectories(dir.resolve("www").resolve("html"));
        try (LogCapture logs = new LogCapture();
             TestServer server = TestServer.start("", "hls { enabled on; hls_fragment 1; hls_window 30; hls_path "
                     + html + "; }");
             SyntheticPublisher canary = SyntheticPublisher.publish(CLIENTS.connector(), server.rtmp(), "live",
                     "canary", 500, 10, 20)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> canary.statuses.contains("NetStream.Publish.Start"));
            String tcUrl = "rtmp://127.0.0.1:" + server.rtmp().getPort();
            List<SyntheticPublisher> attackers = List.of(
                    publish(server, tcUrl + "/live", "live", "../../x"),
                    publish(server, tcUrl + "/live", "live", "../live/canary"),
                    publish(server, tcUrl + "/../../x", "../../x", "s"),
                    publish(server, tcUrl + "/live", "live", "a\u0001b"),
                    publish(server, tcUrl + "/live", "live", "x".repeat(StreamNames.MAX_LENGTH + 1)));
            for (SyntheticPublisher attacker : attackers) {
                await().atMost(Duration.ofSeconds(10)).until(() -> attacker.statuses.contains("NetStream.Publish.BadName"));
                await().atMost(Duration.ofSeconds(5)).until(() -> !attacker.isActive());
            }
            RecordingPlayer player = RecordingPlayer.play(CLIENTS.connector(), server.rtmp(), "live", "../live/canary");
            await().atMost(Duration.ofSeconds(10)).until(() -> player.statuses.contains("NetStream.Play.StreamNotFound"));
            assertThat(logs.lines(Level.WARN)).filteredOn(l -> l.contains("refused: stream name with a '..' segment")
                    || l.contains("refused: stream name with a slash")).hasSizeGreaterThanOrEqualTo(2);
            assertThat(logs.lines(Level.WARN)).filteredOn(l -> l.contains("refused: app name with a '..' segment"))
                    .isNotEmpty();

            Path playlist = html.resolve("live").resolve("canary.m3u8");
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(playlist)
                    && Files.readString(playlist).contains(".ts"));
            assertThat(Files.readString(playlist, StandardCharsets.UTF_8)).doesNotContain("..").contains("canary-");
            assertThat(filesUnder(dir)).allMatch(f -> f.startsWith(html))
                    .allMatch(f -> f.getFileName().toString().startsWith("canary"));
            assertThat(canary.isActive()).as("the canary publishes on").isTrue();
        }
    }

    @Test
    void aHugeTcUrlIsLoggedCutShort() throws Exception {
        try (LogCapture logs = new LogCapture(); TestServer server = TestServer.start()) {
            String tcUrl = "rtmp://127.0.0.1:" + server.rtmp().getPort() + "/live?" + "x".repeat(48 * 1024);
            SyntheticPublisher big = publish(server, tcUrl, "live", "big");
            await().atMost(Duration.ofSeconds(10)).until(() -> big.statuses.contains("NetStream.Publish.Start"));
            big.close();
            await().atMost(Duration.ofSeconds(10)).until(() -> logs.lines(Level.INFO).stream()
                    .anyMatch(l -> l.contains("publish")));
            assertThat(logs.lines(Level.TRACE)).allMatch(l -> l.length() < LoggedText.MAX_MESSAGE);
        }
    }

    @Test
    void httpPlayersNamingBadStreamsGet400() throws Exception {
        try (LogCapture logs = new LogCapture();
             TestServer server = TestServer.start("http_server { enabled on; listen 127.0.0.1:0; dir ./target/no-html; }",
                     "http_remux { enabled on; mount [vhost]/[app]/[stream].flv; }")) {
            for (String path : List.of("/live/%2e%2e.flv", "/live/a%01b.flv", "/live/" + "s".repeat(300) + ".flv")) {
                Process curl = new ProcessBuilder("curl", "-s", "--path-as-is", "-o", "/dev/null", "-w", "%{http_code}",
                        "--max-time", "5", server.httpUrl(path)).start();
                String status = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
                assertThat(status).as(path).isEqualTo("400");
            }
            assertThat(logs.lines(Level.WARN)).filteredOn(l -> l.contains("play refused: stream name")).hasSize(3);
            assertThat(server.server().context().stats().clients()).isEmpty();
        }
    }

    private static SyntheticPublisher publish(TestServer server, String tcUrl, String app, String stream) {
        return SyntheticPublisher.publishTo(CLIENTS.connector(), server.rtmp(), tcUrl, app, stream, 500, 10, 20);
    }

    private static List<Path> filesUnder(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }
}
