package dev.rill.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rill.server.testing.ApiClient;
import dev.rill.server.testing.RecordingPlayer;
import dev.rill.server.testing.RtmpClients;
import dev.rill.server.testing.SyntheticPublisher;
import dev.rill.server.testing.TestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The vhost, client and feature fields SRS's API has: a vhost's hls as configured, each client's
 * stream name, and the features Rill serves.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ApiFieldsTest {
    @RegisterExtension
    static final RtmpClients CLIENTS = new RtmpClients();
    private static final String NO_HLS = "nohls.rill";

    @TempDir
    Path dir;

    @Test
    void vhostsShowTheirHlsAndClientsTheirStreamName() throws Exception {
        try (TestServer server = TestServer.start("http_api { enabled on; listen 127.0.0.1:0; }\nvhost " + NO_HLS + " { }",
                "hls { enabled on; hls_fragment 2.5; hls_path " + dir + "; }")) {
            ApiClient api = new ApiClient(server.httpAddress("HTTP API"));
            String tcUrl = "rtmp://127.0.0.1:" + server.rtmp().getPort() + "/live?vhost=" + NO_HLS;
            SyntheticPublisher withHls = SyntheticPublisher.publish(CLIENTS.connector(), server.rtmp(), "live", "cam", 500, 10, 20);
            SyntheticPublisher withoutHls = SyntheticPublisher.publishTo(CLIENTS.connector(), server.rtmp(), tcUrl, "live",
                    "other", 500, 10, 20);
            RecordingPlayer player = RecordingPlayer.play(CLIENTS.connector(), server.rtmp(), "live", "cam");
            try {
                await().atMost(Duration.ofSeconds(10)).until(() -> api.json("/api/v1/clients").path("clients").size() == 3);
                Map<String, JsonNode> vhosts = new HashMap<>();
                api.json("/api/v1/vhosts").path("vhosts").forEach(v -> vhosts.put(v.path("name").asText(), v));
                assertThat(vhosts).containsOnlyKeys("__defaultVhost__", NO_HLS);
                JsonNode hls = vhosts.get("__defaultVhost__").path("hls");
                assertThat(hls.path("enabled").asBoolean()).isTrue();
                assertThat(hls.path("fragment").isNumber()).isTrue();
                assertThat(hls.path("fragment").asDouble()).isEqualTo(2.5);
                JsonNode off = vhosts.get(NO_HLS).path("hls");
                assertThat(off.path("enabled").asBoolean()).isFalse();
                assertThat(off.has("fragment")).as("SRS shows the fragment only when hls is on").isFalse();
                String id = vhosts.get("__defaultVhost__").path("id").asText();
                assertThat(api.json("/api/v1/vhosts/" + id).path("vhost").path("hls").path("fragment").asDouble())
                        .isEqualTo(2.5);

                Map<String, Integer> names = new HashMap<>();
                for (JsonNode c : api.json("/api/v1/clients").path("clients")) {
                    names.merge(c.path("name").asText(), 1, Integer::sum);
                    String url = c.path("url").asText();
                    assertThat(url).endsWith("/" + c.path("name").asText());
                }
                assertThat(names).isEqualTo(Map.of("cam", 2, "other", 1));
            } finally {
                player.close();
                withHls.close();
                withoutHls.close();
            }
        }
    }

    @Test
    void featuresAreSrsNamesTellingWhatRillServes() throws Exception {
        try (TestServer server = TestServer.start("http_api { enabled on; listen 127.0.0.1:0; }", "")) {
            JsonNode features = new ApiClient(server.httpAddress("HTTP API")).json("/api/v1/features")
                    .path("data").path("features");
            // SRS's ssl is its build's RTMP complex handshake (configure --with-ssl), which Rill does.
            Map<String, Boolean> expected = Map.ofEntries(
                    Map.entry("ssl", true), Map.entry("hls", true), Map.entry("hds", false),
                    Map.entry("callback", true), Map.entry("api", true), Map.entry("httpd", true),
                    Map.entry("dvr", false), Map.entry("transcode", false), Map.entry("ingest", false),
                    Map.entry("stat", true), Map.entry("caster", false), Map.entry("complex_send", true),
                    Map.entry("tcp_nodelay", true), Map.entry("so_sendbuf", false), Map.entry("mr", false));
            assertThat(new ObjectMapper().convertValue(features, Map.class)).isEqualTo(expected);
        }
    }
}
