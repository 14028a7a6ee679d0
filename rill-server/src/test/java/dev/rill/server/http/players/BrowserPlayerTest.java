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
 * of mpegts.js and hls.js, and plays a stream ffmpeg publishes over HTTP-FLV, WebSocket-FLV and
 * Rill's own HLS (1-second fragments written into the HTTP dir), and another stream, on a vhost
 * with an HTTP-TS mount, over WebSocket-TS; video frames are decoded and play time advances. The
 * link SRS's console gives for a stream's preview ({@code srs_player.html?...}) plays it too: over
 * HTTP-FLV, and over HTTP-TS for the vhost that streams MPEG-TS.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class BrowserPlayerTest {
    private static final String TS_VHOST = "ts.rill";
    private Path tmp;
    private TestServer server;
    private Process publisher;
    private Process tsPublisher;
    private ChromeDriver browser;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        tmp = dir;
        Path html = Files.createDirectories(tmp.resolve("html"));
        server = TestServer.start("http_server { enabled on; listen 127.0.0.1:0; dir " + html + "; }\n"
                        + "vhost " + TS_VHOST + " { http_remux { enabled on; mount /[app]/[stream].ts; } }",
                "http_remux { enabled on; mount [vhost]/[app]/[stream].flv; }\n"
                        + "hls { enabled on; hls_fragment 1; hls_path " + html + "; }");
        publisher = publish("publish.log", server.url("live", "cam"));
        tsPublisher = publish("publish-ts.log", server.url("live?vhost=" + TS_VHOST, "tscam"));
        browser = HeadlessChromium.start(tmp);
    }

    private Process publish(String log, String rtmpUrl) throws Exception {
        return Ffmpeg.start(tmp.resolve(log), "-re",
                "-f", "lavfi", "-i", "testsrc=size=320x240:rate=25",
                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100", "-t", "90",
                "-c:v", "libx264", "-preset", "ultrafast", "-tune", "zerolatency", "-g", "25", "-pix_fmt", "yuv420p",
                "-c:a", "aac", "-f", "flv", rtmpUrl);
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        for (Process p : new Process[]{publisher, tsPublisher}) {
            if (p != null) {
                p.destroyForcibly();
            }
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
    void playsRillsOwnHls() {
        assertPlays(server.httpUrl("/live/cam.m3u8"));
    }

    @Test
    void playsWebSocketTs() {
        assertPlays(server.httpUrl("/live/tscam.ts").replace("http:", "ws:"));
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

    @Test
    void opensTheLinkSrsConsoleGivesForAPreview() {
        int port = server.http().getPort();
        browser.get(server.httpUrl("/players/srs_player.html?vhost=__defaultVhost__&app=live&stream=cam.flv&server=127.0.0.1"
                + "&port=" + port + "&autostart=true&schema=http"));
        assertPlaying("http://127.0.0.1:" + port + "/live/cam.flv");
    }

    @Test
    void theConsolesPreviewLinkForAVhostServedOverHttpTsPlaysIt() {
        int port = server.http().getPort();
        browser.get(server.httpUrl("/players/srs_player.html?vhost=" + TS_VHOST + "&app=live&stream=tscam.flv"
                + "&server=127.0.0.1&port=" + port + "&autostart=true&schema=http"));
        assertPlaying("http://127.0.0.1:" + port + "/live/tscam.ts?vhost=" + TS_VHOST);
    }

    @Test
    void srsPlayerLinkWithoutAutostartWaitsForPlay() {
        int port = server.http().getPort();
        browser.get(server.httpUrl("/players/srs_player.html?app=live&stream=cam.flv&server=127.0.0.1&port=" + port));
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> ("http://127.0.0.1:" + port + "/live/cam.flv").equals(js("return document.getElementById('url').value")));
        assertThat(js("return window.rillPlayer.url")).isNull();
    }

    private void assertPlays(String streamUrl) {
        browser.get(server.httpUrl("/players/?url=" + URLEncoder.encode(streamUrl, StandardCharsets.UTF_8)));
        assertPlaying(streamUrl);
    }

    private void assertPlaying(String streamUrl) {
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
