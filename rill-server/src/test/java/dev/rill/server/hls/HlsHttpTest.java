package dev.rill.server.hls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rill.server.testing.Ffmpeg;
import dev.rill.server.testing.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * HLS over HTTP end to end: with {@code hls_path} equal to the {@code http_server} dir, Rill's own
 * playlist and segments are served with their MIME types and CORS (next to an HTTP-TS mount, whose
 * {@code .ts} paths they share), and ffmpeg playing the {@code .m3u8} URL decodes every published
 * frame. Also measures publish-to-playable: from starting ffmpeg's publish until a GET of the
 * playlist returns one whose first segment downloads.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class HlsHttpTest {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dir;

    @Test
    void rillsOwnHlsPlaysOverHttp() throws Exception {
        Path html = Files.createDirectories(dir.resolve("html"));
        try (TestServer server = TestServer.start(
                "http_server { enabled on; listen 127.0.0.1:0; dir " + html + "; crossdomain on; }",
                "http_remux { enabled on; mount [vhost]/[app]/[stream].ts; }\n"
                        + "hls { enabled on; hls_fragment 1; hls_window 30; hls_path " + html + "; }")) {
            String m3u8Url = server.httpUrl("/live/cam.m3u8");
            Path published = dir.resolve("published.flv");
            long start = System.nanoTime();
            Process publisher =
                    HlsFfmpegTest.publish(dir, "publish", server.url("live", "cam"), published, 6, true, true);

            AtomicLong playableMs = new AtomicLong();
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20)).until(() -> {
                HttpResponse<String> playlist = get(m3u8Url, HttpResponse.BodyHandlers.ofString());
                String first = playlist.statusCode() == 200 ? firstSegment(playlist.body()) : null;
                if (first == null) {
                    return false;
                }
                HttpResponse<byte[]> segment =
                        get(server.httpUrl("/live/" + first), HttpResponse.BodyHandlers.ofByteArray());
                playableMs.set(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
                return segment.statusCode() == 200 && segment.body().length > 0;
            });
            System.out.printf("HLS over HTTP: playable %d ms after ffmpeg started publishing (hls_fragment 1)%n",
                    playableMs.get());

            HttpResponse<String> playlist = get(m3u8Url, HttpResponse.BodyHandlers.ofString());
            assertThat(playlist.headers().firstValue("content-type")).hasValue("application/vnd.apple.mpegurl");
            assertThat(playlist.headers().firstValue("access-control-allow-origin")).hasValue("*");
            HttpResponse<byte[]> segment = get(server.httpUrl("/live/" + firstSegment(playlist.body())),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(segment.statusCode()).as("an HLS segment is a file, not the HTTP-TS mount").isEqualTo(200);
            assertThat(segment.headers().firstValue("content-type")).hasValue("video/MP2T");
            assertThat(segment.headers().firstValue("access-control-allow-origin")).hasValue("*");
            assertThat(segment.headers().firstValue("content-length"))
                    .hasValue(Integer.toString(segment.body().length));

            Ffmpeg.awaitExit(publisher, dir.resolve("publish.log"), 60);
            HlsFfmpegTest.awaitFinalPlaylist(html.resolve("live/cam.m3u8"), 5.5);
            Path played = dir.resolve("played.flv");
            Ffmpeg.run(dir.resolve("play.log"), 60, "-live_start_index", "0", "-m3u8_hold_counters", "2",
                    "-i", m3u8Url, "-c", "copy", "-f", "flv", played.toString());
            assertThat(HlsProbe.videoFrameMd5s(played)).as("every published frame, decoded identically")
                    .isEqualTo(HlsProbe.videoFrameMd5s(published));
        }
    }

    private static String firstSegment(String m3u8) {
        return m3u8.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).findFirst().orElse(null);
    }

    private static <T> HttpResponse<T> get(String url, HttpResponse.BodyHandler<T> body) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(url)).build(), body);
    }
}
