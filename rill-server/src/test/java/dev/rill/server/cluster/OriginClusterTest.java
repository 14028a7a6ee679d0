package dev.rill.server.cluster;

import static dev.rill.server.testing.PacketAssertions.assertReceivedTail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.rill.codec.amf.AmfObject;
import dev.rill.codec.rtmp.client.RtmpClientHandler;
import dev.rill.codec.rtmp.client.RtmpClientListener;
import dev.rill.server.testing.ApiClient;
import dev.rill.server.testing.LogCapture;
import dev.rill.server.testing.RecordingPlayer;
import dev.rill.server.testing.RtmpClients;
import dev.rill.server.testing.SyntheticPublisher;
import dev.rill.server.testing.TestServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Origins in an origin cluster find each other's streams through /api/v1/clusters and redirect players. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class OriginClusterTest {
    @RegisterExtension
    static final RtmpClients CLIENTS = new RtmpClients();

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    static TestServer origin(int apiPort, String coworkers) throws InterruptedException {
        return TestServer.start("http_api { enabled on; listen 127.0.0.1:" + apiPort + "; }",
                "cluster { origin_cluster on; coworkers " + coworkers + "; }");
    }

    @Test
    void aPlayerOnAnEdgeThatListsOnlyOriginBFindsAStreamPublishedOnOriginA() throws Exception {
        int apiA = freePort();
        int apiB = freePort();
        try (TestServer originA = origin(apiA, "127.0.0.1:" + apiB); TestServer originB = origin(apiB, "127.0.0.1:" + apiA);
             TestServer edge = EdgeClusterTest.edge(originB)) {
            SyntheticPublisher publisher = SyntheticPublisher.publish(CLIENTS.connector(), originA.rtmp(), "live", "oc", 2000, 10, 20);
            await().atMost(Duration.ofSeconds(5)).until(() -> publisher.statuses.contains("NetStream.Publish.Start"));

            RecordingPlayer player = RecordingPlayer.play(CLIENTS.connector(), edge.rtmp(), "live", "oc");
            await().atMost(Duration.ofSeconds(10)).until(() -> player.packets.videoCount() > 20);
            publisher.limit(publisher.framesSent() + 100);
            await().atMost(Duration.ofSeconds(10)).until(() -> publisher.framesSent() == publisher.sent.videoCount()
                    && player.packets.video.getLast().equals(publisher.sent.video.getLast()));
            assertReceivedTail("edge player", publisher.sent, player.packets);
            assertThat(player.statuses).noneMatch(s -> s.startsWith("error"));
            assertThat(EdgeClusterTest.players(originA, "oc")).as("the edge plays from A after B's redirect").isEqualTo(1);
            assertThat(EdgeClusterTest.players(originB, "oc")).isZero();
            assertThat(edge.server().cluster().edgeUpstreamConnections(EdgeClusterTest.key("oc"))).isEqualTo(1);
            player.close();
            publisher.close();
        }
    }

    @Test
    void clustersApiAnswersInSrsShape() throws Exception {
        int apiA = freePort();
        try (TestServer originA = origin(apiA, "127.0.0.1:" + freePort())) {
            SyntheticPublisher publisher = SyntheticPublisher.publish(CLIENTS.connector(), originA.rtmp(), "live", "shape", 2000, 10, 20);
            await().atMost(Duration.ofSeconds(5)).until(() -> publisher.statuses.contains("NetStream.Publish.Start"));
            ApiClient api = new ApiClient(new InetSocketAddress("127.0.0.1", apiA));
            JsonNode has = api.json("/api/v1/clusters?vhost=__defaultVhost__&ip=127.0.0.1&app=live&stream=shape"
                    + "&coworker=127.0.0.1:" + apiA);
            assertThat(has.path("code").asInt()).isZero();
            assertThat(has.at("/data/query/vhost").asText()).isEqualTo("__defaultVhost__");
            assertThat(has.at("/data/query/app").asText()).isEqualTo("live");
            assertThat(has.at("/data/query/stream").asText()).isEqualTo("shape");
            assertThat(has.at("/data/query/ip").asText()).isEqualTo("127.0.0.1");
            JsonNode origin = has.at("/data/origin");
            assertThat(origin.path("ip").asText()).isEqualTo("127.0.0.1");
            assertThat(origin.path("port").asInt()).isEqualTo(originA.rtmp().getPort());
            assertThat(origin.path("vhost").asText()).isEqualTo("__defaultVhost__");
            assertThat(origin.path("api").asText()).isEqualTo("127.0.0.1:" + apiA);
            assertThat(origin.path("routers").get(0).asText()).isEqualTo("127.0.0.1:" + apiA);

            JsonNode missing = api.json("/api/v1/clusters?vhost=__defaultVhost__&app=live&stream=nope&coworker=127.0.0.1:" + apiA);
            assertThat(missing.path("code").asInt()).isZero();
            assertThat(missing.at("/data/origin").isNull()).isTrue();
            publisher.close();
        }
    }

    @Test
    void anOriginRedirectsARtmpPlayerAsSrsDoes() throws Exception {
        int apiA = freePort();
        int apiB = freePort();
        try (TestServer originA = origin(apiA, "127.0.0.1:" + apiB); TestServer originB = origin(apiB, "127.0.0.1:" + apiA)) {
            SyntheticPublisher publisher = SyntheticPublisher.publish(CLIENTS.connector(), originA.rtmp(), "live", "rd", 2000, 10, 20);
            await().atMost(Duration.ofSeconds(5)).until(() -> publisher.statuses.contains("NetStream.Publish.Start"));
            CompletableFuture<AmfObject> status = new CompletableFuture<>();
            CLIENTS.connector().connect(originB.rtmp(), "live", "rd", RtmpClientHandler.Mode.PLAY, new RtmpClientListener() {
                @Override
                public void onStatus(String code, AmfObject info) {
                    if ("error".equals(info.getString("level"))) {
                        status.complete(info);
                    }
                }
            });
            AmfObject info = status.get(10, TimeUnit.SECONDS);
            assertThat(info.getString("code")).isEqualTo("NetConnection.Connect.Rejected");
            assertThat(info.getString("description")).isEqualTo("RTMP 302 Redirect");
            AmfObject ex = (AmfObject) info.get("ex");
            String base = "rtmp://127.0.0.1:" + originA.rtmp().getPort() + "/live";
            assertThat(ex.getNumber("code")).isEqualTo(302.0);
            assertThat(ex.getString("redirect")).isEqualTo(base);
            assertThat(ex.getString("redirect2")).isEqualTo(base + "/rd");
            assertThat(UpstreamLink.redirectTarget(info)).isEqualTo(new dev.rill.server.config.HostPort("127.0.0.1",
                    originA.rtmp().getPort()));
            publisher.close();
        }
    }

    @Test
    void coworkersThatAreDownOrAnswerGarbageGetThePlayerAStreamNotFoundAndNothingElse() throws Exception {
        HttpServer garbage = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        garbage.createContext("/api/v1/clusters/", ex -> answer(ex, 200, "<html>no</html>"));
        garbage.createContext("/", ex -> answer(ex, 200, ex.getRequestURI().getQuery().contains("stream=bad")
                ? "{\"code\":0,\"data\":{\"origin\":{\"ip\":\"\",\"port\":0}}}" : "<html>no</html>"));
        garbage.start();
        try (LogCapture logs = new LogCapture();
             TestServer origin = origin(freePort(), "127.0.0.1:" + freePort() + " 127.0.0.1:" + garbage.getAddress().getPort())) {
            SyntheticPublisher other = SyntheticPublisher.publish(CLIENTS.connector(), origin.rtmp(), "live", "here", 2000, 10, 20);
            // In an origin cluster a stream is played where it is published: the player comes second.
            await().atMost(Duration.ofSeconds(5)).until(() -> other.statuses.contains("NetStream.Publish.Start"));
            RecordingPlayer local = RecordingPlayer.play(CLIENTS.connector(), origin.rtmp(), "live", "here");
            await().atMost(Duration.ofSeconds(5)).until(() -> local.packets.videoCount() > 5);

            for (String stream : new String[] {"missing", "bad"}) {
                RecordingPlayer lost = RecordingPlayer.play(CLIENTS.connector(), origin.rtmp(), "live", stream);
                await().atMost(Duration.ofSeconds(10)).until(() -> !lost.isActive());
                assertThat(lost.refusals).containsExactly("NetStream.Play.StreamNotFound");
                assertThat(lost.packets.videoCount()).isZero();
            }
            assertThat(logs.lines(Level.WARN)).anyMatch(l -> l.contains("coworker 127.0.0.1:") && l.contains("failed"))
                    .anyMatch(l -> l.contains("not JSON"))
                    .anyMatch(l -> l.contains("without a usable ip and port"));
            int before = local.packets.videoCount();
            await().atMost(Duration.ofSeconds(5)).until(() -> local.packets.videoCount() > before + 10);
            assertThat(local.isActive()).isTrue();
            assertThat(other.isActive()).isTrue();
            local.close();
            other.close();
        } finally {
            garbage.stop(0);
        }
    }

    private static void answer(com.sun.net.httpserver.HttpExchange ex, int status, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }
}
