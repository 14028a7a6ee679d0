package dev.rill.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rill.server.config.HostPort;
import dev.rill.server.config.RillConfig;
import dev.rill.server.live.LiveSource;
import dev.rill.server.live.StreamKey;
import dev.rill.server.testing.RecordingPlayer;
import dev.rill.server.testing.RtmpClients;
import dev.rill.server.testing.SyntheticPublisher;
import dev.rill.server.testing.TestServer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * SRS 1/2's vhost-level {@code mode remote; origin HOST:PORT;} (no {@code cluster} block), which
 * SRS 3 still reads as {@code cluster { mode remote; origin ...; }}: the vhost is an edge.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LegacyEdgeFormTest {
    @RegisterExtension
    static final RtmpClients CLIENTS = new RtmpClients();

    private static final StreamKey KEY = new StreamKey(RillConfig.DEFAULT_VHOST, "live", "legacy");

    private static int players(TestServer server) {
        LiveSource s = server.server().context().sources().find(KEY);
        return s == null ? 0 : s.consumerCount();
    }

    @Test
    void vhostLevelModeAndOriginMakeAnEdgeThatPullsFromTheOrigin() throws Exception {
        try (TestServer origin = TestServer.start();
             TestServer edge = TestServer.start("", "mode remote;\norigin 127.0.0.1:" + origin.rtmp().getPort() + ";")) {
            assertThat(edge.server().config().cluster(RillConfig.DEFAULT_VHOST).edge()).isTrue();
            assertThat(edge.server().config().cluster(RillConfig.DEFAULT_VHOST).origins())
                    .containsExactly(new HostPort("127.0.0.1", origin.rtmp().getPort()));

            RecordingPlayer player = RecordingPlayer.play(CLIENTS.connector(), edge.rtmp(), "live", "legacy");
            await().atMost(Duration.ofSeconds(10)).until(() -> players(origin) == 1);
            SyntheticPublisher publisher = SyntheticPublisher.publish(CLIENTS.connector(), origin.rtmp(), "live",
                    "legacy", 2000, 10, 20);
            await().atMost(Duration.ofSeconds(10)).until(() -> player.packets.videoCount() > 20);

            assertThat(publisher.sent.video).contains(player.packets.video.getLast());
            assertThat(edge.server().cluster().edgePulls(KEY)).as("the edge pulls the stream").isEqualTo(1);
            assertThat(players(origin)).as("the origin's only player is the edge").isEqualTo(1);
            assertThat(player.isActive()).isTrue();
            player.close();
            publisher.close();
        }
    }
}
