package dev.rill.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rill.server.testing.ApiClient;
import dev.rill.server.testing.Ffmpeg;
import dev.rill.server.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Black-box: real ffmpeg publishes 320x240 H.264 (High) + AAC LC 44.1 kHz stereo at about 600
 * kbit/s and two ffmpeg players play it; the API's stream and client objects show the codec, size,
 * counts and rates; DELETE kicks one player, and only that one; /metrics counts it all.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ApiFfmpegTest {
    private static final String CONFIG = "http_api { enabled on; listen 127.0.0.1:0; }";

    @TempDir
    Path dir;

    @Test
    void streamsAndClientsShowWhatFfmpegSends() throws Exception {
        try (TestServer server = TestServer.start(CONFIG, "")) {
            ApiClient api = new ApiClient(server.httpAddress("HTTP API"));
            String url = server.url("live", "cam");
            Process publisher = Ffmpeg.start(dir.resolve("publish.log"), "-re",
                    "-f", "lavfi", "-i", "testsrc=size=320x240:rate=25",
                    "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100",
                    "-map", "0:v", "-map", "1:a", "-t", "30",
                    "-c:v", "libx264", "-preset", "veryfast", "-profile:v", "high", "-g", "25", "-pix_fmt", "yuv420p",
                    "-b:v", "500k", "-maxrate", "500k", "-bufsize", "500k",
                    "-c:a", "aac", "-ac", "2", "-b:a", "64k", "-f", "flv", url);
            Process player1 = null;
            Process player2 = null;
            try {
                await().atMost(Duration.ofSeconds(20)).until(() -> api.json("/api/v1/streams").path("streams").size() == 1
                        && !api.json("/api/v1/streams").path("streams").get(0).path("video").isNull());
                player1 = Ffmpeg.start(dir.resolve("play1.log"), "-i", url, "-c", "copy", "-f", "null", "-");
                player2 = Ffmpeg.start(dir.resolve("play2.log"), "-i", url, "-c", "copy", "-f", "null", "-");
                await().atMost(Duration.ofSeconds(20)).until(() -> api.json("/api/v1/clients").path("clients").size() == 3);
                Thread.sleep(6000);

                JsonNode streams = api.json("/api/v1/streams");
                JsonNode clients = api.json("/api/v1/clients");
                Files.writeString(Path.of("target", "api-sample.json"),
                        new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(
                                new ObjectMapper().createObjectNode().<com.fasterxml.jackson.databind.node.ObjectNode>set("streams", streams)
                                        .set("clients", clients)));
                assertThat(streams.path("code").asInt()).isZero();
                JsonNode s = streams.path("streams").get(0);
                assertThat(s.path("name").asText()).isEqualTo("cam");
                assertThat(s.path("app").asText()).isEqualTo("live");
                assertThat(s.path("url").asText()).isEqualTo("/live/cam");
                assertThat(s.path("clients").asInt()).isEqualTo(3);
                assertThat(s.path("frames").asLong()).isGreaterThan(100);
                assertThat(s.path("publish").path("active").asBoolean()).isTrue();
                assertThat(s.path("video").path("codec").asText()).isEqualTo("H264");
                assertThat(s.path("video").path("profile").asText()).isEqualTo("High");
                assertThat(s.path("video").path("width").asInt()).isEqualTo(320);
                assertThat(s.path("video").path("height").asInt()).isEqualTo(240);
                assertThat(s.path("audio").path("codec").asText()).isEqualTo("AAC");
                assertThat(s.path("audio").path("sample_rate").asInt()).isEqualTo(44100);
                assertThat(s.path("audio").path("channel").asInt()).isEqualTo(2);
                assertThat(s.path("audio").path("profile").asText()).isEqualTo("LC");
                int recvKbps = s.path("kbps").path("recv_30s").asInt();
                assertThat(recvKbps).isBetween(250, 1500);
                assertThat(s.path("kbps").path("send_30s").asInt()).isGreaterThan(recvKbps);
                assertThat(s.path("recv_bytes").asLong()).isGreaterThan(100_000);

                JsonNode publisherClient = null;
                JsonNode aPlayer = null;
                for (JsonNode c : clients.path("clients")) {
                    assertThat(c.path("stream").asText()).isEqualTo(s.path("id").asText());
                    assertThat(c.path("ip").asText()).isEqualTo("127.0.0.1");
                    assertThat(c.path("tcUrl").asText()).endsWith("/live");
                    assertThat(c.path("alive").asDouble()).isPositive();
                    if (c.path("publish").asBoolean()) {
                        publisherClient = c;
                    } else {
                        aPlayer = c;
                        assertThat(c.path("type").asText()).isEqualTo("rtmp-play");
                    }
                }
                assertThat(publisherClient).isNotNull();
                assertThat(publisherClient.path("type").asText()).isEqualTo("fmle-publish");
                assertThat(publisherClient.path("id").asText()).isEqualTo(s.path("publish").path("cid").asText());
                assertThat(publisherClient.path("kbps").path("recv_30s").asInt()).isBetween(250, 1500);
                assertThat(aPlayer.path("kbps").path("send_30s").asInt()).isBetween(250, 1500);
                assertThat(api.json("/api/v1/clients/" + aPlayer.path("id").asText()).path("client").path("id").asText())
                        .isEqualTo(aPlayer.path("id").asText());
                assertThat(api.json("/api/v1/streams/" + s.path("id").asText()).path("stream").path("name").asText())
                        .isEqualTo("cam");
                JsonNode vhosts = api.json("/api/v1/vhosts");
                assertThat(vhosts.path("vhosts").get(0).path("name").asText()).isEqualTo("__defaultVhost__");
                assertThat(vhosts.path("vhosts").get(0).path("clients").asInt()).isEqualTo(3);
                assertThat(api.json("/api/v1/summaries").path("data").path("system").path("srs_recv_bytes").asLong())
                        .isGreaterThan(100_000);

                String metrics = api.get("/metrics").body();
                // Three RTMP connections and this client's own to the API: every accepted connection counts.
                assertThat(metrics).contains("rill_connections 4.0").contains("rill_streams 1.0")
                        .contains("rill_clients{kind=\"play\"} 2.0").contains("rill_bytes_received_bytes_total");

                String kicked = aPlayer.path("id").asText();
                assertThat(api.delete("/api/v1/clients/" + kicked).path("code").asInt()).isZero();
                await().atMost(Duration.ofSeconds(10)).until(() -> api.json("/api/v1/clients").path("clients").size() == 2);
                assertThat(api.json("/api/v1/clients/" + kicked).path("code").asInt()).isEqualTo(2049);
                Process p1 = player1;
                Process p2 = player2;
                await().atMost(Duration.ofSeconds(10)).until(() -> !p1.isAlive() || !p2.isAlive());
                assertThat(p1.isAlive() && p2.isAlive()).isFalse();
                assertThat(publisher.isAlive()).isTrue();
            } finally {
                publisher.destroyForcibly();
                if (player1 != null) {
                    player1.destroyForcibly();
                }
                if (player2 != null) {
                    player2.destroyForcibly();
                }
            }
        }
    }
}
