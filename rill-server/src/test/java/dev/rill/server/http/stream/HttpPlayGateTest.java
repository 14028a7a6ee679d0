package dev.rill.server.http.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.JsonNode;
import dev.rill.server.testing.ApiClient;
import dev.rill.server.testing.Ffmpeg;
import dev.rill.server.testing.HookServerProcess;
import dev.rill.server.testing.LogCapture;
import dev.rill.server.testing.RtmpClients;
import dev.rill.server.testing.SyntheticPublisher;
import dev.rill.server.testing.TestServer;
import dev.rill.server.testing.WebSocketFlvClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Black-box: every HTTP stream flavour passes the client gate as an RTMP player does. A hook
 * server process sells access by token through {@code on_play}; real ffmpeg publishes; curl (or
 * a WebSocket client) plays. Without the token the player gets 403 and no media; with it, it plays,
 * is listed in the API as {@code flv-play}, counted in its stream, kicked by the API, and its
 * {@code on_stop} is posted. {@code security} and {@code refer} refuse players of every flavour.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class HttpPlayGateTest {
    @RegisterExtension
    static final RtmpClients CLIENTS = new RtmpClients();
    private static final String PAGE = "http://pages.example/watch";
    private static final String API = "http_api { enabled on; listen 127.0.0.1:0; }";

    @TempDir
    Path dir;

    /** The mounts of SRS's http_remux, and the codecs ffprobe finds in what each one serves. */
    enum Flavour {
        FLV(".flv", "aac", "h264"), WEBSOCKET_FLV(".flv", "aac", null), TS(".ts", "aac", "h264"),
        AAC(".aac", "aac", "aac"), MP3(".mp3", "libmp3lame", "mp3");

        final String extension;
        final String audioCodec;
        final String servedCodec;

        Flavour(String extension, String audioCodec, String servedCodec) {
            this.extension = extension;
            this.audioCodec = audioCodec;
            this.servedCodec = servedCodec;
        }

        boolean websocket() {
            return this == WEBSOCKET_FLV;
        }

        String remux() {
            return "http_remux { enabled on; mount [vhost]/[app]/[stream]" + extension + "; }";
        }
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void onPlayTokenDecidesThenThePlayerIsListedCountedKickedAndStopped(Flavour flavour) throws Exception {
        try (HookServerProcess hooks = HookServerProcess.start();
             TestServer server = TestServer.start(HttpFlvTest.HTTP + "\n" + API, flavour.remux()
                     + " http_hooks { enabled on; on_play " + hooks.url("/token") + "; on_stop " + hooks.url("/allow")
                     + "; }")) {
            ApiClient api = new ApiClient(server.httpAddress("HTTP API"));
            Process publisher = publish(server, flavour);
            try {
                JsonNode stream = awaitPublished(api);
                String url = server.httpUrl("/live/cam" + flavour.extension);

                assertThat(refusedStatus(flavour, url + "?token=bad")).as("status without the token").isEqualTo(403);
                JsonNode denied = hooks.bodies("on_play").get(0);
                assertThat(denied.path("param").asText()).isEqualTo("?token=bad");
                assertThat(denied.path("pageUrl").asText()).isEqualTo(PAGE);
                assertThat(denied.path("stream").asText()).isEqualTo("cam");
                assertThat(denied.path("app").asText()).isEqualTo("live");
                assertThat(denied.path("stream_id").asText()).isEqualTo(stream.path("id").asText());
                assertThat(hooks.bodies("on_stop")).as("a refused player never played").isEmpty();

                Player player = play(flavour, url + "?token=ok");
                await().atMost(Duration.ofSeconds(10)).until(() -> playerOf(api) != null);
                JsonNode listed = playerOf(api);
                assertThat(listed.path("stream").asText()).isEqualTo(stream.path("id").asText());
                assertThat(listed.path("name").asText()).isEqualTo("cam");
                await().atMost(Duration.ofSeconds(10)).until(() -> streamClients(api, stream) == 2);
                assertThat(hooks.bodies("on_play")).hasSize(2);
                assertThat(hooks.bodies("on_play").get(1).path("client_id").asText()).isEqualTo(listed.path("id").asText());
                await().atMost(Duration.ofSeconds(10)).until(player::receivedMedia);

                assertThat(api.delete("/api/v1/clients/" + listed.path("id").asText()).path("code").asInt()).isZero();
                await().atMost(Duration.ofSeconds(10)).until(() -> !player.playing());
                await().atMost(Duration.ofSeconds(10)).until(() -> hooks.bodies("on_stop").size() == 1);
                JsonNode stopped = hooks.bodies("on_stop").get(0);
                assertThat(stopped.path("client_id").asText()).isEqualTo(listed.path("id").asText());
                assertThat(stopped.path("param").asText()).isEqualTo("?token=ok");
                assertThat(stopped.path("stream").asText()).isEqualTo("cam");
                assertThat(stopped.has("pageUrl")).as("SRS 6's on_stop has no pageUrl").isFalse();
                await().atMost(Duration.ofSeconds(10)).until(() -> streamClients(api, stream) == 1);
                assertThat(publisher.isAlive()).as("the publisher plays on").isTrue();
                if (flavour.servedCodec != null) {
                    assertThat(ffprobeCodecs(player.file)).contains(flavour.servedCodec);
                }
            } finally {
                publisher.destroyForcibly();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void securityAndReferRefuseEveryFlavour(Flavour flavour) throws Exception {
        try (HookServerProcess hooks = HookServerProcess.start();
             TestServer denyAll = TestServer.start(HttpFlvTest.HTTP + "\n" + API, flavour.remux()
                     + " security { enabled on; deny play all; } http_hooks { enabled on; on_play "
                     + hooks.url("/allow") + "; }");
             TestServer referred = TestServer.start(HttpFlvTest.HTTP, flavour.remux()
                     + " refer { enabled on; play pages.example; }");
             // HTTP-TS is served only while its stream is published (its paths are HLS's too).
             SyntheticPublisher one = SyntheticPublisher.publish(CLIENTS.connector(), denyAll.rtmp(), "live", "cam",
                     1000, 10, 20);
             SyntheticPublisher other = SyntheticPublisher.publish(CLIENTS.connector(), referred.rtmp(), "live", "cam",
                     1000, 10, 20)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> one.statuses.contains("NetStream.Publish.Start")
                    && other.statuses.contains("NetStream.Publish.Start"));
            assertThat(refusedStatus(flavour, denyAll.httpUrl("/live/cam" + flavour.extension))).isEqualTo(403);
            assertThat(hooks.bodies("on_play")).as("security decides before on_play").isEmpty();
            assertThat(playerOf(new ApiClient(denyAll.httpAddress("HTTP API")))).as("a refused player").isNull();

            String url = referred.httpUrl("/live/cam" + flavour.extension);
            assertThat(status(flavour, url, null)).as("no Referer").isEqualTo(403);
            assertThat(status(flavour, url, "http://elsewhere.example/")).as("another site's page").isEqualTo(403);
            assertThat(status(flavour, url, PAGE)).as("the referred page").isEqualTo(flavour.websocket() ? 101 : 200);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Flavour.class, names = {"FLV", "WEBSOCKET_FLV"})
    void maxConnectionsCountsHttpPlayersFromAccept(Flavour flavour) throws Exception {
        try (LogCapture log = new LogCapture();
             TestServer server = TestServer.start("max_connections 6;\n" + HttpFlvTest.HTTP, flavour.remux());
             SyntheticPublisher one = SyntheticPublisher.publish(CLIENTS.connector(), server.rtmp(), "live", "a",
                     1000, 10, 20);
             SyntheticPublisher two = SyntheticPublisher.publish(CLIENTS.connector(), server.rtmp(), "live", "b",
                     1000, 10, 20)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> one.statuses.contains("NetStream.Publish.Start")
                    && two.statuses.contains("NetStream.Publish.Start"));
            List<Player> players = new ArrayList<>();
            try {
                for (int i = 0; i < 4; i++) {
                    players.add(play(flavour, server.httpUrl("/live/a" + flavour.extension), "played-" + i));
                }
                await().atMost(Duration.ofSeconds(10)).until(() -> server.server().context().connections().get() == 6);
                await().atMost(Duration.ofSeconds(10)).until(() -> players.stream().allMatch(HttpPlayGateTest::hasMedia));
                for (int i = 0; i < 4; i++) {
                    assertThat(status(flavour, server.httpUrl("/live/b" + flavour.extension), null))
                            .as("player %d beyond max_connections", i + 5).isZero();
                }
                assertThat(log.lines(Level.WARN)).filteredOn(l -> l.contains("max_connections 6 reached")).hasSize(4);
                assertThat(players).allMatch(Player::playing);
                assertThat(server.server().context().stats().clients()).hasSize(6);
            } finally {
                for (Player p : players) {
                    p.close();
                }
            }
        }
    }

    private static boolean hasMedia(Player player) {
        try {
            return player.receivedMedia();
        } catch (IOException e) {
            return false;
        }
    }

    private Process publish(TestServer server, Flavour flavour) throws IOException {
        List<String> args = new ArrayList<>(List.of("-re", "-f", "lavfi", "-i", "testsrc=size=320x240:rate=25",
                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100", "-t", "60",
                "-c:v", "libx264", "-preset", "ultrafast", "-g", "25", "-c:a", flavour.audioCodec, "-b:a", "64k",
                "-f", "flv", server.url("live", "cam")));
        return Ffmpeg.start(dir.resolve("publish.log"), args.toArray(String[]::new));
    }

    private static JsonNode awaitPublished(ApiClient api) {
        await().atMost(Duration.ofSeconds(20)).until(() -> api.json("/api/v1/streams").path("streams").size() == 1
                && api.json("/api/v1/streams").path("streams").get(0).path("publish").path("active").asBoolean());
        return uncheckedJson(api, "/api/v1/streams").path("streams").get(0);
    }

    private static JsonNode playerOf(ApiClient api) {
        for (JsonNode c : uncheckedJson(api, "/api/v1/clients").path("clients")) {
            if (c.path("type").asText().equals("flv-play")) {
                return c;
            }
        }
        return null;
    }

    private static int streamClients(ApiClient api, JsonNode stream) {
        return uncheckedJson(api, "/api/v1/streams/" + stream.path("id").asText()).path("stream").path("clients").asInt();
    }

    private static JsonNode uncheckedJson(ApiClient api, String path) {
        try {
            return api.json(path);
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(path, e);
        }
    }

    /** The status a player coming from {@link #PAGE} gets; it must not have been let in. */
    private int refusedStatus(Flavour flavour, String url) throws Exception {
        return status(flavour, url, PAGE);
    }

    /** The status of the answer to a player's request: 101 for an upgrade, the HTTP status else. */
    private int status(Flavour flavour, String url, String referer) throws Exception {
        if (flavour.websocket()) {
            String ws = url.replace("http:", "ws:");
            try (WebSocketFlvClient client = referer == null ? WebSocketFlvClient.play(CLIENTS.group(), ws)
                    : WebSocketFlvClient.play(CLIENTS.group(), ws, referer)) {
                await().atMost(Duration.ofSeconds(10)).until(() -> client.refusedStatus() > 0 || client.upgraded()
                        || !client.isActive());
                return client.upgraded() ? 101 : Math.max(client.refusedStatus(), 0);
            }
        }
        List<String> cmd = new ArrayList<>(List.of("curl", "-s", "-o", "/dev/null", "-w", "%{http_code}",
                "--max-time", "2"));
        if (referer != null) {
            cmd.addAll(List.of("-e", referer));
        }
        cmd.add(url);
        Process curl = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        curl.waitFor(10, TimeUnit.SECONDS);
        return Integer.parseInt(out);
    }

    private Player play(Flavour flavour, String url) throws Exception {
        return play(flavour, url, "played");
    }

    private Player play(Flavour flavour, String url, String name) throws Exception {
        Path file = dir.resolve(name + flavour.extension);
        if (flavour.websocket()) {
            return new Player(null, WebSocketFlvClient.play(CLIENTS.group(), url.replace("http:", "ws:"), PAGE), file);
        }
        Process curl = new ProcessBuilder("curl", "-s", "-N", "-e", PAGE, "-o", file.toString(), url)
                .redirectErrorStream(true).redirectOutput(dir.resolve(name + "-curl.log").toFile()).start();
        return new Player(curl, null, file);
    }

    /** A playing client: curl writing to a file, or a WebSocket-FLV client. */
    private record Player(Process curl, WebSocketFlvClient ws, Path file) implements AutoCloseable {
        @Override
        public void close() {
            if (curl != null) {
                curl.destroyForcibly();
            } else {
                ws.close();
            }
        }

        boolean playing() {
            return curl != null ? curl.isAlive() : ws.isActive();
        }

        boolean receivedMedia() throws IOException {
            return curl != null ? Files.exists(file) && Files.size(file) > 10_000 : ws.recorder.bytes() > 10_000;
        }
    }

    private List<String> ffprobeCodecs(Path file) throws Exception {
        Process p = new ProcessBuilder(Ffmpeg.ffprobe(), "-v", "error", "-show_entries", "stream=codec_name",
                "-of", "csv=p=0", file.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(30, TimeUnit.SECONDS);
        return out.lines().map(String::trim).toList();
    }
}
