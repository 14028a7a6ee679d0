package dev.rill.server.http.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rill.server.config.RillConfig;
import dev.rill.server.hls.HlsProbe;
import dev.rill.server.live.LiveSource;
import dev.rill.server.live.StreamKey;
import dev.rill.server.testing.Ffmpeg;
import dev.rill.server.testing.TestServer;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Black-box HTTP-TS: real ffmpeg publishes testsrc + sine over RTMP; ffmpeg plays the {@code .ts}
 * mount over HTTP and a WebSocket client takes the same stream as binary frames; both decode to
 * a run of the published frames, ffprobe sees H.264 and AAC, and both end at unpublish.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class HttpTsTest {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final int TS_PACKET = 188;

    @TempDir
    Path dir;

    @Test
    void httpAndWebSocketPlayersDecodeThePublishedFrames() throws Exception {
        Path html = Files.createDirectories(dir.resolve("html"));
        try (TestServer server = TestServer.start("http_server { enabled on; listen 127.0.0.1:0; dir " + html + "; }",
                "http_remux { enabled on; mount [vhost]/[app]/[stream].ts; }")) {
            String tsUrl = server.httpUrl("/live/cam.ts");
            assertThat(get(tsUrl).statusCode()).as("HTTP-TS of a stream not published").isEqualTo(404);

            Path published = dir.resolve("published.flv");
            Process publisher = HttpFlvTest.publish(server.url("live", "cam"), published, 8);
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> published(server));
            // Players join mid-stream, so they start from the GOP cache's keyframe.
            Thread.sleep(1500);

            Path played = dir.resolve("played.ts");
            Process ffplayer = Ffmpeg.start(dir.resolve("play.log"), "-i", tsUrl, "-c", "copy", "-f", "mpegts",
                    played.toString());
            WebSocketBytes ws = WebSocketBytes.play(tsUrl.replace("http:", "ws:"));
            CompletableFuture<HttpResponse<byte[]>> http = CLIENT.sendAsync(
                    HttpRequest.newBuilder(URI.create(tsUrl)).build(), HttpResponse.BodyHandlers.ofByteArray());

            Ffmpeg.awaitExit(publisher, dir.resolve("publish.log"), 60);
            Ffmpeg.awaitExit(ffplayer, dir.resolve("play.log"), 30);
            byte[] wsBytes = ws.closed.get(15, TimeUnit.SECONDS);
            HttpResponse<byte[]> head = http.get(15, TimeUnit.SECONDS);

            assertThat(head.statusCode()).isEqualTo(200);
            assertThat(head.headers().firstValue("content-type")).hasValue("video/MP2T");
            assertThat(head.headers().firstValue("access-control-allow-origin")).hasValue("*");
            byte[] body = head.body();
            assertThat(body.length % TS_PACKET).as("the stream ends on a TS packet boundary").isZero();
            assertThat(pid(body, 0)).as("PAT first").isZero();
            assertThat(pid(body, 1)).as("then the PMT").isEqualTo(0x1001);
            assertThat(wsBytes.length % TS_PACKET).isZero();
            Path wsFile = Files.write(dir.resolve("websocket.ts"), wsBytes);
            Path httpFile = Files.write(dir.resolve("http.ts"), body);

            List<String> sent = HlsProbe.videoFrameMd5s(published);
            assertThat(sent).hasSizeGreaterThan(150);
            for (Path ts : List.of(played, httpFile, wsFile)) {
                assertThat(HlsProbe.streams(ts)).extracting(HlsProbe.StreamInfo::codec)
                        .as("codecs of %s", ts.getFileName()).containsExactlyInAnyOrder("h264", "aac");
                List<String> got = HlsProbe.videoFrameMd5s(ts);
                assertThat(got.size()).as("frames of %s", ts.getFileName()).isGreaterThan(100);
                assertThat(Collections.indexOfSubList(sent, got))
                        .as("%s decodes to a run of the published frames, to the last", ts.getFileName())
                        .isEqualTo(sent.size() - got.size());
            }
        }
    }

    private static boolean published(TestServer server) {
        LiveSource source = server.server().context().sources()
                .find(new StreamKey(RillConfig.DEFAULT_VHOST, "live", "cam"));
        return source != null && source.publisher() != null;
    }

    private static int pid(byte[] ts, int packet) {
        int at = packet * TS_PACKET;
        assertThat(ts[at]).as("sync byte of packet %d", packet).isEqualTo((byte) 0x47);
        return ((ts[at + 1] & 0x1F) << 8) | (ts[at + 2] & 0xFF);
    }

    private static HttpResponse<byte[]> get(String url) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** A WebSocket player (the JDK's client) keeping every binary frame until the server closes. */
    private static final class WebSocketBytes implements WebSocket.Listener {
        final CompletableFuture<byte[]> closed = new CompletableFuture<>();
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        static WebSocketBytes play(String url) throws Exception {
            WebSocketBytes listener = new WebSocketBytes();
            CLIENT.newWebSocketBuilder().buildAsync(URI.create(url), listener).get(5, TimeUnit.SECONDS);
            return listener;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            byte[] chunk = new byte[data.remaining()];
            data.get(chunk);
            bytes.write(chunk, 0, chunk.length);
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(bytes.toByteArray());
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.completeExceptionally(error);
        }
    }
}
