package dev.rill.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.server.RillServer;
import dev.rill.server.testing.TestServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code http_api} and {@code http_server} on one port, as SRS's one-port setup has them: the API
 * answers {@code /api/...} and {@code /metrics}, the HTTP server everything else.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ApiOnHttpServerPortTest {
    @TempDir
    Path dir;

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static HttpResponse<String> get(int port, String path) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theApiAndTheMetricsAnswerOnTheHttpServersPort() throws Exception {
        Files.writeString(dir.resolve("index.html"), "<p>static</p>\n");
        int port = freePort();
        String root = "http_api {\n enabled on;\n listen 127.0.0.1:" + port + ";\n}\n"
                + "http_server {\n enabled on;\n listen 127.0.0.1:" + port + ";\n dir " + dir + ";\n}\n";
        try (TestServer server = TestServer.start(root, "http_remux { enabled on; mount [vhost]/[app]/[stream].flv; }")) {
            InetSocketAddress api = server.httpAddress("HTTP API");
            assertThat(api.getPort()).isEqualTo(port);
            assertThat(server.http().getPort()).as("one listener for both").isEqualTo(port);

            HttpResponse<String> versions = get(port, "/api/v1/versions");
            assertThat(versions.statusCode()).isEqualTo(200);
            assertThat(versions.body()).contains("\"code\":0").contains("\"major\"");

            HttpResponse<String> metrics = get(port, "/metrics");
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body()).contains("rill_connections");

            HttpResponse<String> page = get(port, "/index.html");
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).isEqualTo("<p>static</p>\n");
            assertThat(get(port, "/nothing-here.html").statusCode()).isEqualTo(404);
            assertThat(server.server().httpAddress(RillServer.HTTP_SERVER)).isEqualTo(api);
        }
    }
}
