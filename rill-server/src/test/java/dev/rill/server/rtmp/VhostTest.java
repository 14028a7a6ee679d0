package dev.rill.server.rtmp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rill.codec.rtmp.command.NetStatus;
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
 * Streams are filed per vhost, chosen by {@code ?vhost=} in the tcUrl: the same app/stream on two
 * vhosts are two streams, and a disabled vhost refuses connect.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class VhostTest {
    @RegisterExtension
    static final RtmpClients CLIENTS = new RtmpClients();
    private static final String VHOSTS = "vhost example.com { enabled on; }\nvhost off.example.com { enabled off; }";




    @Test
    void streamOnANamedVhostReachesOnlyPlayersOfThatVhost() throws Exception {
        try (TestServer server = TestServer.start(VHOSTS, "")) {
            String example = tcUrl(server, "example.com");
            RecordingPlayer onDefault = RecordingPlayer.play(CLIENTS.connector(), server.rtmp(), "live", "v1");
            RecordingPlayer onExample = RecordingPlayer.play(CLIENTS.connector(), server.rtmp(), example, "live", "v1");
            await().atMost(Duration.ofSeconds(5)).until(() -> onDefault.statuses.contains("NetStream.Play.Start")
                    && onExample.statuses.contains("NetStream.Play.Start"));

            SyntheticPublisher publisher = SyntheticPublisher.publishTo(CLIENTS.connector(), server.rtmp(), example, "live", "v1",
                    1000, 10, 20).limit(40);
            await().atMost(Duration.ofSeconds(10)).until(() -> onExample.packets.videoCount() == 40);
            assertThat(onExample.statuses).contains("NetStream.Play.PublishNotify");
            assertThat(onDefault.packets.videoCount()).as("video on __defaultVhost__").isZero();
            assertThat(onDefault.packets.audioCount()).as("audio on __defaultVhost__").isZero();
            assertThat(onDefault.statuses).doesNotContain("NetStream.Play.PublishNotify");
            assertThat(server.server().context().sources().all())
                    .anySatisfy(s -> assertThat(s.key().vhost()).isEqualTo("example.com"));
            publisher.close();
            onDefault.close();
            onExample.close();
        }
    }

    @Test
    void connectToADisabledVhostIsRejected() throws Exception {
        try (TestServer server = TestServer.start(VHOSTS, "")) {
            RecordingPlayer player = RecordingPlayer.play(CLIENTS.connector(), server.rtmp(), tcUrl(server, "off.example.com"),
                    "live", "v2");
            await().atMost(Duration.ofSeconds(5)).until(() -> !player.refusals.isEmpty());
            assertThat(player.refusals).containsExactly(NetStatus.CONNECT_REJECTED);
            await().atMost(Duration.ofSeconds(5)).until(() -> !player.isActive());
            assertThat(player.statuses).doesNotContain("NetStream.Play.Start");
        }
    }

    private static String tcUrl(TestServer server, String vhost) {
        return "rtmp://127.0.0.1:" + server.rtmp().getPort() + "/live?vhost=" + vhost;
    }
}
