package dev.rill.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rill.server.testing.HookServer;
import dev.rill.server.testing.RecordingPlayer;
import dev.rill.server.testing.RtmpClients;
import dev.rill.server.testing.SyntheticPublisher;
import dev.rill.server.testing.TestServer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** token_traverse: an edge accepts a client only when its origin's on_connect does. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TokenTraverseTest {
    @RegisterExtension
    static final RtmpClients CLIENTS = new RtmpClients();

    static TestServer originWithHook(HookServer hooks, String path) throws InterruptedException {
        return TestServer.start("", "http_hooks { enabled on; on_connect " + hooks.url(path) + "; }");
    }

    static TestServer traversingEdge(String origins) throws InterruptedException {
        return TestServer.start("", "cluster { mode remote; origin " + origins + "; token_traverse on; }");
    }

    static String tcUrl(TestServer server, String query) {
        return "rtmp://127.0.0.1:" + server.rtmp().getPort() + "/live" + query;
    }

    @Test
    void theOriginsOnConnectAllowsAndSeesTheClientsTcUrl() throws Exception {
        try (HookServer hooks = new HookServer(); TestServer origin = originWithHook(hooks, "/allow");
             TestServer edge = traversingEdge(EdgeClusterTest.ports(origin))) {
            SyntheticPublisher publisher = SyntheticPublisher.publish(CLIENTS.connector(), origin.rtmp(), "live", "tt", 2000, 10, 20);
            await().atMost(Duration.ofSeconds(5)).until(() -> publisher.statuses.contains("NetStream.Publish.Start"));
            RecordingPlayer player = RecordingPlayer.play(CLIENTS.connector(), edge.rtmp(),
                    tcUrl(edge, "?token=abc"), "live", "tt");
            await().atMost(Duration.ofSeconds(10)).until(() -> player.packets.videoCount() > 10);
            assertThat(player.refusals).isEmpty();
            JsonNode traversed = hooks.bodies("on_connect").stream()
                    .filter(b -> b.path("tcUrl").asText().equals(tcUrl(edge, "?token=abc"))).findFirst().orElseThrow();
            assertThat(traversed.path("app").asText()).isEqualTo("live");
            player.close();
            publisher.close();
        }
    }

    @Test
    void aRefusingOriginGetsTheClientRejectedAndClosed() throws Exception {
        try (HookServer hooks = new HookServer(); TestServer origin = originWithHook(hooks, "/deny");
             TestServer edge = traversingEdge(EdgeClusterTest.ports(origin))) {
            RecordingPlayer player = RecordingPlayer.play(CLIENTS.connector(), edge.rtmp(), "live", "tt");
            await().atMost(Duration.ofSeconds(10)).until(() -> !player.isActive());
            assertThat(player.refusals).containsExactly("NetConnection.Connect.Rejected");
            assertThat(edge.server().cluster().edgePulls(EdgeClusterTest.key("tt"))).isZero();
            await().atMost(Duration.ofSeconds(5)).until(() -> origin.server().context().connections().get() == 0);
        }
    }

    @Test
    void anUnreachableOriginIsSkippedAndNoneLeftRejects() throws Exception {
        int dead;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            dead = s.getLocalPort();
        }
        try (HookServer hooks = new HookServer(); TestServer origin = originWithHook(hooks, "/allow");
             TestServer viaSecond = traversingEdge("127.0.0.1:" + dead + " " + EdgeClusterTest.ports(origin));
             TestServer onlyDead = traversingEdge("127.0.0.1:" + dead)) {
            RecordingPlayer ok = RecordingPlayer.play(CLIENTS.connector(), viaSecond.rtmp(), "live", "tt");
            await().atMost(Duration.ofSeconds(10)).until(() -> ok.statuses.contains("NetStream.Play.Start"));
            assertThat(hooks.bodies("on_connect")).isNotEmpty();

            RecordingPlayer refused = RecordingPlayer.play(CLIENTS.connector(), onlyDead.rtmp(), "live", "tt");
            await().atMost(Duration.ofSeconds(10)).until(() -> !refused.isActive());
            assertThat(refused.refusals).containsExactly("NetConnection.Connect.Rejected");
            assertThat(ok.isActive()).isTrue();
            ok.close();
        }
    }
}
