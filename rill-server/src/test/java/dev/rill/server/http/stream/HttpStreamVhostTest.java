package dev.rill.server.http.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.server.testing.RawHttpSocket;
import dev.rill.server.testing.TestServer;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The vhost of an HTTP stream request, as SRS's HTTP server reads the request's host: the Host
 * header, or {@code ?vhost=}, or {@code ?domain=}. The only mount is bound to its vhost's name, so
 * a request that names another host fits no mount (404).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HttpStreamVhostTest {
    private TestServer server;

    @BeforeAll
    void start() throws Exception {
        server = TestServer.start("http_server { enabled on; listen 127.0.0.1:0; dir ./target/no-html; }\n"
                + "vhost bound.rill { http_remux { enabled on; mount [vhost]/[app]/[stream].flv; } }", "");
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @ParameterizedTest(name = "{0} with Host {1}: {2}")
    @CsvSource({
            "/live/cam.flv, bound.rill, 200",
            "/live/cam.flv, bound.rill:8080, 200",
            "/live/cam.flv?vhost=bound.rill, 127.0.0.1, 200",
            "/live/cam.flv?domain=bound.rill, 127.0.0.1, 200",
            "/live/cam.flv?token=t&vhost=bound.rill, 127.0.0.1:8080, 200",
            "/live/cam.flv, 127.0.0.1, 404",
            "/live/cam.flv?vhost=, 127.0.0.1, 404",
            "/live/cam.flv?vhost=other.rill, bound.rill, 404",
    })
    void theHostOrTheQueryNamesTheVhost(String path, String host, int status) throws Exception {
        try (RawHttpSocket s = RawHttpSocket.connect(server.http())) {
            String headers = s.send("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n\r\n").readHeaders();
            assertThat(headers).startsWith("HTTP/1.1 " + status);
            if (status == 200) {
                assertThat(headers).containsIgnoringCase("content-type: video/x-flv");
            }
        }
    }
}
