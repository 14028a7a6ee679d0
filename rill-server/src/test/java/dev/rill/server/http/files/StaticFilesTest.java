package dev.rill.server.http.files;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.server.testing.RawHttpSocket;
import dev.rill.server.testing.TestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The http_server's static files over loopback: types, ranges, HEAD, keep-alive, CORS, and no escape from dir. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class StaticFilesTest {
    private static final String SECRET = "the secret outside the root";

    @TempDir
    Path tmp;
    private TestServer server;

    @BeforeEach
    void start() throws Exception {
        Path root = tmp.resolve("html");
        Files.createDirectories(root.resolve("hls/live"));
        Files.writeString(root.resolve("index.html"), "<h1>home</h1>");
        Files.writeString(root.resolve("hls/live/cam.m3u8"), "#EXTM3U\n");
        Files.write(root.resolve("hls/live/cam-1.ts"), new byte[376]);
        Files.writeString(root.resolve("digits.txt"), "0123456789");
        Files.writeString(root.resolve("app.js"), "1");
        Files.writeString(root.resolve("style.css"), "1");
        Files.writeString(root.resolve("data.json"), "{}");
        Files.write(root.resolve("logo.png"), new byte[] {1});
        Files.write(root.resolve("favicon.ico"), new byte[] {1});
        Files.write(root.resolve("movie.mp4"), new byte[] {1});
        Files.write(root.resolve("rec.flv"), new byte[] {1});
        Files.writeString(tmp.resolve("secret.txt"), SECRET);
        Files.createSymbolicLink(root.resolve("link.txt"), tmp.resolve("secret.txt"));
        Files.createSymbolicLink(root.resolve("outside"), tmp);
        server = TestServer.start("http_server { enabled on; listen 127.0.0.1:0; dir " + root + "; crossdomain on; }", "");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
            "/hls/live/cam.m3u8, application/vnd.apple.mpegurl",
            "/hls/live/cam-1.ts, video/MP2T",
            "/rec.flv, video/x-flv",
            "/index.html, text/html; charset=utf-8",
            "/app.js, text/javascript; charset=utf-8",
            "/style.css, text/css; charset=utf-8",
            "/data.json, application/json",
            "/logo.png, image/png",
            "/favicon.ico, image/x-icon",
            "/movie.mp4, video/mp4",
    })
    void servesFilesWithTheirTypes(String path, String type) throws Exception {
        try (RawHttpSocket s = RawHttpSocket.connect(server.http())) {
            String res = s.send("GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n").readResponse();
            assertThat(res).startsWith("HTTP/1.1 200").containsIgnoringCase("content-type: " + type + "\r\n")
                    .containsIgnoringCase("access-control-allow-origin: *");
        }
    }

    @Test
    void directoryServesIndexAndKeepsAlive() throws Exception {
        try (RawHttpSocket s = RawHttpSocket.connect(server.http())) {
            assertThat(s.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n").readResponse()).startsWith("HTTP/1.1 200").endsWith("<h1>home</h1>");
            assertThat(s.send("GET /digits.txt HTTP/1.1\r\nHost: x\r\n\r\n").readResponse()).endsWith("\r\n\r\n0123456789");
            assertThat(s.send("HEAD /digits.txt HTTP/1.1\r\nHost: x\r\n\r\n").readHeaders())
                    .startsWith("HTTP/1.1 200").containsIgnoringCase("content-length: 10");
            assertThat(s.send("GET /digits.txt HTTP/1.1\r\nHost: x\r\n\r\n").readResponse()).endsWith("0123456789");
        }
    }

    @ParameterizedTest(name = "Range {0}")
    @CsvSource({
            "bytes=2-4, 206, bytes 2-4/10, 234",
            "bytes=7-, 206, bytes 7-9/10, 789",
            "bytes=-3, 206, bytes 7-9/10, 789",
            "bytes=5-100, 206, bytes 5-9/10, 56789",
            "bytes=10-, 416, bytes */10, ''",
            "bytes=-0, 416, bytes */10, ''",
            "bytes=0-1;2-3, 200, , 0123456789",
    })
    void ranges(String range, int status, String contentRange, String body) throws Exception {
        try (RawHttpSocket s = RawHttpSocket.connect(server.http())) {
            String res = s.send("GET /digits.txt HTTP/1.1\r\nHost: x\r\nRange: " + range + "\r\n\r\n").readResponse();
            assertThat(res).startsWith("HTTP/1.1 " + status);
            if (contentRange != null) {
                assertThat(res).containsIgnoringCase("content-range: " + contentRange + "\r\n");
            }
            assertThat(res.substring(res.indexOf("\r\n\r\n") + 4)).isEqualTo(body);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "/../secret.txt",
            "/hls/../../secret.txt",
            "/%2e%2e/secret.txt",
            "/%2E%2E/secret.txt",
            "/hls/%2e%2e%2f%2e%2e%2fsecret.txt",
            "/..%2fsecret.txt",
            "/..%5csecret.txt",
            "/link.txt",
            "/outside/secret.txt",
            "/digits.txt%00.html",
    })
    void neverLeavesTheRoot(String path) throws Exception {
        try (RawHttpSocket s = RawHttpSocket.connect(server.http())) {
            String res = s.send("GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n").readResponse();
            assertThat(res).matches("(?s)HTTP/1.1 (400|403|404) .*").doesNotContain(SECRET);
        }
    }

    @Test
    void missingFileIs404() throws Exception {
        try (RawHttpSocket s = RawHttpSocket.connect(server.http())) {
            assertThat(s.send("GET /nothing.html HTTP/1.1\r\nHost: x\r\n\r\n").readResponse()).startsWith("HTTP/1.1 404");
        }
    }

    @Test
    void oversizedHeadersAre431() throws Exception {
        try (RawHttpSocket s = RawHttpSocket.connect(server.http())) {
            String res = s.send("GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(20_000) + "\r\n\r\n").readResponse();
            assertThat(res).startsWith("HTTP/1.1 431");
            assertThat(s.closedByServer()).isTrue();
        }
        assertThat(Files.readString(tmp.resolve("secret.txt"), StandardCharsets.UTF_8)).isEqualTo(SECRET);
    }
}
