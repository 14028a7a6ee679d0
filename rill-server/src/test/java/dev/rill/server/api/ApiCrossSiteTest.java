package dev.rill.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.JsonNode;
import dev.rill.server.testing.ApiClient;
import dev.rill.server.testing.LogCapture;
import dev.rill.server.testing.RtmpClients;
import dev.rill.server.testing.SyntheticPublisher;
import dev.rill.server.testing.TestServer;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A page of another site, opened in a viewer's browser, cannot kick a publisher or reload the
 * server through the API; this server's own pages, the origins in allow_origin, and curl (no
 * Origin) still can. JSONP changes state only with allow_jsonp_mutation.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ApiCrossSiteTest {
    @RegisterExtension
    static final RtmpClients CLIENTS = new RtmpClients();
    private static final String EVIL = "http://evil.example";
    private static final String CONSOLE = "http://console.example:8080";
    private static final String DENIED = "{\"code\":2015}";

    private static TestServer jsonpServer;
    private static ApiClient jsonpApi;
    /** A server per test, so each test's refusals have the whole log budget. */
    private TestServer server;
    private ApiClient api;
    private final List<SyntheticPublisher> publishers = new ArrayList<>();

    @BeforeAll
    static void startJsonp() throws Exception {
        jsonpServer = TestServer.start("http_api { enabled on; listen 127.0.0.1:0; allow_jsonp_mutation on; }", "");
        jsonpApi = new ApiClient(jsonpServer.httpAddress("HTTP API"));
    }

    @AfterAll
    static void stopJsonp() {
        jsonpServer.close();
    }

    @BeforeEach
    void start() throws Exception {
        server = TestServer.start("http_api { enabled on; listen 127.0.0.1:0; crossdomain on; allow_origin " + CONSOLE
                + "; raw_api { enabled on; allow_reload on; } }", "");
        api = new ApiClient(server.httpAddress("HTTP API"));
    }

    @AfterEach
    void stop() {
        publishers.forEach(SyntheticPublisher::close);
        server.close();
    }

    @Test
    void aPageOfAnotherSiteCannotKick() throws Exception {
        String id = publish(server, api, "cam1");
        try (LogCapture log = new LogCapture()) {
            for (Map<String, String> page : List.of(
                    Map.of("Origin", EVIL),
                    Map.of("Referer", EVIL + "/page.html"),
                    Map.of("Origin", EVIL, "Referer", api.origin() + "/"),
                    // The same host on another port (say the http_server's) is another origin.
                    Map.of("Origin", "http://127.0.0.1:1"),
                    // A sandboxed frame's opaque origin.
                    Map.of("Origin", "null"),
                    // A page that withholds its Referer; the browser still says it is another site.
                    Map.of("Sec-Fetch-Site", "cross-site"))) {
                HttpResponse<String> res = api.sendWith("DELETE", "/api/v1/clients/" + id, page, null);
                assertThat(res.statusCode()).as(page.toString()).isEqualTo(403);
                assertThat(res.body()).isEqualTo(DENIED);
            }
            assertThat(log.lines(Level.WARN)).anySatisfy(line -> assertThat(line)
                    .contains("refused DELETE /api/v1/clients/" + id + " from 127.0.0.1")
                    .contains("origin evil.example:80"));
        }
        Thread.sleep(300);
        assertThat(listed(api, id)).isTrue();
    }

    @Test
    void thisServersOwnPagesAndAllowedOriginsKick() throws Exception {
        String id = publish(server, api, "cam2");
        assertThat(api.sendWith("DELETE", "/api/v1/clients/" + id, Map.of("Origin", EVIL), null).statusCode())
                .isEqualTo(403);
        assertThat(code(api.sendWith("DELETE", "/api/v1/clients/" + id, Map.of("Origin", api.origin()), null)))
                .isZero();
        await().atMost(Duration.ofSeconds(10)).until(() -> !listed(api, id));

        String other = publish(server, api, "cam3");
        assertThat(code(api.sendWith("DELETE", "/api/v1/clients/" + other, Map.of("Referer", CONSOLE + "/console/"), null)))
                .isZero();
        await().atMost(Duration.ofSeconds(10)).until(() -> !listed(api, other));
    }

    @Test
    void curlWithoutAnOriginKicksWhereAForeignPageCannot() throws Exception {
        String id = publish(server, api, "cam4");
        assertThat(api.sendWith("DELETE", "/api/v1/clients/" + id, Map.of("Referer", EVIL + "/"), null).statusCode())
                .isEqualTo(403);
        assertThat(code(api.send("DELETE", "/api/v1/clients/" + id, null, null))).isZero();
        await().atMost(Duration.ofSeconds(10)).until(() -> !listed(api, id));
    }

    @Test
    void jsonpCannotKickUnlessAllowed() throws Exception {
        String id = publish(server, api, "cam5");
        try (LogCapture log = new LogCapture()) {
            for (String query : List.of("?callback=cb&method=DELETE", "?callback=&method=DELETE")) {
                HttpResponse<String> res = api.get("/api/v1/clients/" + id + query);
                assertThat(res.statusCode()).as(query).isEqualTo(403);
                assertThat(res.body()).isIn("cb(" + DENIED + ")", DENIED);
            }
            assertThat(log.lines(Level.WARN)).anySatisfy(line -> assertThat(line)
                    .contains("callback=cb&method=DELETE").contains("JSONP").contains("allow_jsonp_mutation"));
        }
        Thread.sleep(300);
        assertThat(listed(api, id)).isTrue();

        String allowed = publish(jsonpServer, jsonpApi, "cam6");
        String path = "/api/v1/clients/" + allowed + "?callback=cb&method=DELETE";
        assertThat(jsonpApi.sendWith("GET", path, Map.of("Referer", EVIL + "/"), null).statusCode()).isEqualTo(403);
        HttpResponse<String> res = jsonpApi.get(path);
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.body()).startsWith("cb({\"code\":0");
        await().atMost(Duration.ofSeconds(10)).until(() -> !listed(jsonpApi, allowed));
    }

    @Test
    void aPreflightFromAnotherSiteMayOnlyRead() throws Exception {
        Map<String, String> evil = Map.of("Origin", EVIL, "Access-Control-Request-Method", "DELETE");
        HttpResponse<String> res = api.sendWith("OPTIONS", "/api/v1/clients/x", evil, null);
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.headers().firstValue("Access-Control-Allow-Methods")).get().asString()
                .contains("GET").doesNotContain("DELETE").doesNotContain("POST").doesNotContain("PUT");
        for (String trusted : List.of(CONSOLE, api.origin())) {
            assertThat(api.sendWith("OPTIONS", "/api/v1/clients/x", Map.of("Origin", trusted), null)
                    .headers().firstValue("Access-Control-Allow-Methods")).get().asString().contains("DELETE");
        }
        assertThat(api.send("OPTIONS", "/api/v1/clients/x", null, null).headers()
                .firstValue("Access-Control-Allow-Methods")).get().asString().contains("DELETE");

        HttpResponse<String> read = api.sendWith("GET", "/api/v1/versions", Map.of("Origin", EVIL), null);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
    }

    @Test
    void aPageOfAnotherSiteCannotReload() throws Exception {
        String reload = "/api/v1/raw?rpc=reload";
        assertThat(api.sendWith("GET", reload, Map.of("Origin", EVIL), null).statusCode()).isEqualTo(403);
        assertThat(api.sendWith("GET", reload, Map.of("Referer", EVIL + "/"), null).statusCode()).isEqualTo(403);
        assertThat(api.get(reload + "&callback=cb").statusCode()).isEqualTo(403);
        assertThat(code(api.sendWith("GET", "/api/v1/raw?rpc=raw", Map.of("Origin", EVIL), null))).isZero();
        assertThat(code(api.get(reload))).isZero();
    }

    private String publish(TestServer target, ApiClient client, String stream) {
        publishers.add(SyntheticPublisher.publish(CLIENTS.connector(), target.rtmp(), "live", stream, 500, 10, 20));
        String[] id = new String[1];
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            for (JsonNode c : client.json("/api/v1/clients?count=100").path("clients")) {
                if (c.path("name").asText().equals(stream)) {
                    id[0] = c.path("id").asText();
                    return true;
                }
            }
            return false;
        });
        return id[0];
    }

    private static boolean listed(ApiClient client, String id) throws Exception {
        return client.json("/api/v1/clients/" + id).path("code").asInt() == 0;
    }

    private static int code(HttpResponse<String> res) throws Exception {
        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(res.body()).path("code").asInt();
    }
}
