package dev.rill.server.rtmp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rill.codec.rtmp.command.NetStatus;
import dev.rill.server.rtmp.client.RtmpClientConnector;
import dev.rill.server.testing.RecordingPlayer;
import dev.rill.server.testing.SyntheticPublisher;
import dev.rill.server.testing.TestServer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Streams are filed per vhost, chosen by {@code ?vhost=} in the tcUrl: the same app/stream on two
 * vhosts are two streams, and a disabled vhost refuses connect.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class VhostTest {
    private static final String VHOSTS = "vhost example.com { enabled on; }\nvhost off.example.com { enabled off; }";

    private static EventLoopGroup group;
    private static RtmpClientConnector connector;

    @BeforeAll
    static void startClients() {
        group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        connector = new RtmpClientConnector(group);
    }

    @AfterAll
    static void stopClients() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void streamOnANamedVhostReachesOnlyPlayersOfThatVhost() throws Exception {
        try (TestServer server = TestServer.start(VHOSTS, "")) {
            String example = tcUrl(server, "example.com");
            RecordingPlayer onDefault = RecordingPlayer.play(connector, server.rtmp(), "live", "v1");
            RecordingPlayer onExample = RecordingPlayer.play(connector, server.rtmp(), example, "live", "v1");
            await().atMost(Duration.ofSeconds(5)).until(() -> onDefault.statuses.contains("NetStream.Play.Start")
                    && onExample.statuses.contains("NetStream.Play.Start"));

            SyntheticPublisher publisher = SyntheticPublisher.publishTo(connector, server.rtmp(), example, "live", "v1",
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
            RecordingPlayer player = RecordingPlayer.play(connector, server.rtmp(), tcUrl(server, "off.example.com"),
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
