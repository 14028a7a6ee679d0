package dev.rill.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.server.testing.ApiClient;
import dev.rill.server.testing.TestServer;
import java.net.InetAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Auth, CORS, JSONP and bad input on the API: SRS's codes or a 4xx, never a 500 or a hang. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ApiBadInputTest {
    private static final String AUTH = "Basic " + Base64.getEncoder().encodeToString("admin:s3cret".getBytes(StandardCharsets.UTF_8));
    private static TestServer server;
    private static ApiClient api;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start("http_api { enabled on; listen 127.0.0.1:0; crossdomain on; "
                + "auth { enabled on; username admin; password s3cret; } }", "");
        api = new ApiClient(server.httpAddress("HTTP API"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @ParameterizedTest(name = "{0} {1} -> HTTP {2}, code [{3}]")
    @CsvSource(delimiter = '|', value = {
            "GET|/api/v1/versions|200|0",
            "GET|/api/v1/summaries|200|0",
            "GET|/api/v1/rusages|200|0",
            "GET|/api/v1/self_proc_stats|200|0",
            "GET|/api/v1/system_proc_stats|200|0",
            "GET|/api/v1/meminfos|200|0",
            "GET|/api/v1/authors|200|0",
            "GET|/api/v1/features|200|0",
            "GET|/api/v1/|200|0",
            "GET|/api|200|0",
            "GET|/api/v1/vhosts|200|0",
            "GET|/api/v1/vhosts/nope|200|2014",
            "GET|/api/v1/streams/nope|200|2048",
            "GET|/api/v1/streams/%2e%2e%2f|200|2048",
            "GET|/api/v1/clients/nope|200|2049",
            "GET|/api/v1/clients/a/b/c|200|2049",
            "DELETE|/api/v1/clients/nope|200|2049",
            "GET|/api/v1/clients?start=-5&count=abc|200|0",
            "GET|/api/v1/clients?start=99999999999999999999&count=99999999999|200|0",
            "GET|/api/v1/streams?start=x&count=-1|200|0",
            "GET|/api/v1/streams?start=%00&count=%ff|200|0",
            "GET|/api/v1/raw?rpc=reload|200|1061",
            "GET|/api/v1/raw?rpc=raw|200|0",
            "GET|/api/v1/raw|200|1061",
            "GET|/api/v1/nothing|404|",
            "GET|/api/v2/streams|404|",
            "GET|/api/v1/versions/extra|404|",
            "POST|/api/v1/streams|405|",
            "PUT|/api/v1/clients/x|405|",
            "GET|/api/v1/clients?callback=alert(1)|400|",
            "GET|/nothing/here|404|"})
    void answers(String method, String path, int status, String code) throws Exception {
        HttpResponse<String> res = api.send(method, path, AUTH, null);
        assertThat(res.statusCode()).as(res.body()).isEqualTo(status);
        if (code != null) {
            assertThat(res.body()).startsWith("{\"code\":" + code);
        }
        if (path.startsWith("/api")) {
            assertThat(res.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
        }
    }

    /** Each path from its own address, as three failures from one would near its throttle. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"/api/v1/versions,127.0.0.11", "/api/v1/clients/x,127.0.0.12", "/metrics,127.0.0.13", "/api,127.0.0.14"})
    void withoutCredentialsEveryPathIs401(String path, String from) throws Exception {
        ApiClient api = new ApiClient(server.httpAddress("HTTP API"), InetAddress.getByName(from));
        assertThat(api.send("GET", path, null, null).statusCode()).isEqualTo(401);
        assertThat(api.send("GET", path, "Basic " + Base64.getEncoder().encodeToString("admin:wrong".getBytes()), null)
                .statusCode()).isEqualTo(401);
        assertThat(api.send("GET", path, "Basic !!!notbase64", null).statusCode()).isEqualTo(401);
        assertThat(api.send("GET", path, "Bearer xyz", null).statusCode()).isEqualTo(401);
    }

    /** JSONP may not change state by default (ApiCrossSiteTest has it allowed). */
    @Test
    void jsonpWrapsTheAnswerButMayNotDelete() throws Exception {
        HttpResponse<String> res = api.send("GET", "/api/v1/versions?callback=cb", AUTH, null);
        assertThat(res.body()).startsWith("cb({\"code\":0").endsWith(")");
        assertThat(res.headers().firstValue("Content-Type")).hasValue("text/javascript");
        HttpResponse<String> delete = api.send("GET", "/api/v1/clients/nope?callback=cb&method=DELETE", AUTH, null);
        assertThat(delete.statusCode()).isEqualTo(403);
        assertThat(delete.body()).isEqualTo("cb({\"code\":2015})");
    }

    @Test
    void hugeBodiesAre413() throws Exception {
        String big = "x".repeat(200_000);
        assertThat(api.send("POST", "/api/v1/raw?rpc=reload", AUTH, big).statusCode()).isEqualTo(413);
        assertThat(api.send("GET", "/api/v1/versions", AUTH, null).statusCode()).isEqualTo(200);
    }

    @Test
    void preflightNeedsNoCredentials() throws Exception {
        HttpResponse<String> res = api.send("OPTIONS", "/api/v1/streams", null, null);
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.headers().firstValue("Access-Control-Allow-Methods")).isPresent();
    }

    @Test
    void metricsAreServed() throws Exception {
        HttpResponse<String> res = api.send("GET", "/metrics", AUTH, null);
        assertThat(res.statusCode()).isEqualTo(200);
        // The API's own connections count, as every accepted connection does.
        assertThat(res.body()).containsPattern("rill_connections [1-9]")
                .contains("rill_hook_calls_total{hook=\"on_play\",outcome=\"timeout\"}")
                .contains("jvm_memory_used_bytes");
    }
}
