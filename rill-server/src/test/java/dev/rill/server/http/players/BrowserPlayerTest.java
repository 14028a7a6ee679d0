package dev.rill.server.http.players;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rill.server.testing.Ffmpeg;
import dev.rill.server.testing.HeadlessChromium;
import dev.rill.server.testing.TestServer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * A real browser (headless Chromium) opens Rill's player page, served by Rill with its own copies
 * of mpegts.js and hls.js, and plays a stream ffmpeg publishes over HTTP-FLV and WebSocket-FLV,
 * and an HLS playlist ffmpeg wrote into the static dir; video frames are decoded and play time
 * advances.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class BrowserPlayerTest {
    private Path tmp;
    private TestServer server;
    private Process publisher;
    private ChromeDriver browser;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        tmp = dir;
        Path html = tmp.resolve("html");
        Files.createDirectories(html.resolve("vod"));
        Ffmpeg.run(tmp.resolve("hls.log"), 60, "-f", "lavfi", "-i", "testsrc=size=320x240:rate=25",
                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100", "-t", "8",
                "-c:v", "libx264", "-preset", "ultrafast", "-g", "25", "-pix_fmt", "yuv420p", "-c:a", "aac",
                "-f", "hls", "-hls_time", "2", "-hls_list_size", "0", "-hls_playlist_type", "vod",
                html.resolve("vod/index.m3u8").toString());
        server = TestServer.start("http_server { enabled on; listen 127.0.0.1:0; dir " + html + "; }",
                "http_remux { enabled on; mount [vhost]/[app]/[stream].flv; }");
        publisher = Ffmpeg.start(tmp.resolve("publish.log"), "-re",
                "-f", "lavfi", "-i", "testsrc=size=320x240:rate=25",
                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100", "-t", "90",
                "-c:v", "libx264", "-preset", "ultrafast", "-tune", "zerolatency", "-g", "25", "-pix_fmt", "yuv420p",
                "-c:a", "aac", "-f", "flv", server.url("live", "cam"));
        browser = HeadlessChromium.start(tmp);
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (publisher != null) {
            publisher.destroyForcibly();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void playsHttpFlv() {
        assertPlays(server.httpUrl("/live/cam.flv"));
    }

    @Test
    void playsWebSocketFlv() {
        assertPlays(server.httpUrl("/live/cam.flv").replace("http:", "ws:"));
    }

    @Test
    void playsHls() {
        assertPlays(server.httpUrl("/vod/index.m3u8"));
    }

    @Test
    void listsLiveStreams() {
        browser.get(server.httpUrl("/players/"));
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(300)).until(() -> {
            browser.findElement(org.openqa.selenium.By.id("refresh")).click();
            Object text = js("return document.getElementById('streams').textContent");
            return String.valueOf(text).contains("live/cam");
        });
    }

    private void assertPlays(String streamUrl) {
        browser.get(server.httpUrl("/players/?url=" + URLEncoder.encode(streamUrl, StandardCharsets.UTF_8)));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> frames() > 10 && currentTime() > 0.5);
        double time = currentTime();
        long frames = frames();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(250))
                .until(() -> frames() > frames + 25 && currentTime() > time + 1);
        assertThat(js("return window.rillPlayer.error")).as("player error for " + streamUrl).isNull();
        assertThat(js("return window.rillPlayer.url")).isEqualTo(streamUrl);
    }

    private long frames() {
        Object v = js("return document.getElementById('video').getVideoPlaybackQuality().totalVideoFrames");
        return ((Number) v).longValue();
    }

    private double currentTime() {
        Object v = js("return document.getElementById('video').currentTime");
        return ((Number) v).doubleValue();
    }

    private Object js(String script) {
        return ((JavascriptExecutor) browser).executeScript(script);
    }
}
