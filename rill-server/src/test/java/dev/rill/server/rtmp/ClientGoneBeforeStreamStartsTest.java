package dev.rill.server.rtmp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rill.codec.amf.AmfObject;
import dev.rill.server.live.LiveSource;
import dev.rill.server.live.StreamKey;
import dev.rill.server.session.ServerContext;
import dev.rill.server.testing.HookServer;
import dev.rill.server.testing.RawRtmpSocket;
import dev.rill.server.testing.RecordingPlayer;
import dev.rill.server.testing.RtmpClients;
import dev.rill.server.testing.SyntheticPublisher;
import dev.rill.server.testing.TestServer;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A client that resets its connection right after asking to play, or while its play waits for a
 * hook. The play's replies then go to a dead socket, and their flush may close the connection (and
 * run its clean-up) before the player is made: it must not be attached anyway, as a player nobody
 * would ever detach, holding the source and messages for good.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ClientGoneBeforeStreamStartsTest {
    @RegisterExtension
    static final RtmpClients CLIENTS = new RtmpClients();

    @Test
    void playerGoneBeforeItsOnPlayAnswerIsNotAttached() throws Exception {
        try (HookServer hooks = new HookServer();
             TestServer server = TestServer.start("", "http_hooks { enabled on; on_play " + hooks.url("/held") + "; }")) {
            SyntheticPublisher publisher = SyntheticPublisher.publish(CLIENTS.connector(), server.rtmp(), "live", "gone", 1000, 10, 10);
            await().atMost(Duration.ofSeconds(10)).until(() -> publisher.statuses.contains("NetStream.Publish.Start"));
            RecordingPlayer player = RecordingPlayer.play(CLIENTS.connector(), server.rtmp(), "live", "gone");
            await().atMost(Duration.ofSeconds(10)).until(() -> hooks.bodies("on_play").size() == 1);
            reset(player.connection().connectFuture().channel());
            hooks.releaseHeld();

            assertNoPlayerLeft(server);
            publisher.close();
        }
    }

    @Test
    void playerGoneRightAfterItsPlayIsNotAttached() throws Exception {
        try (TestServer server = TestServer.start()) {
            SyntheticPublisher publisher = SyntheticPublisher.publish(CLIENTS.connector(), server.rtmp(), "live", "gone", 1000, 10, 10);
            await().atMost(Duration.ofSeconds(10)).until(() -> publisher.statuses.contains("NetStream.Publish.Start"));
            RawRtmpSocket raw = RawRtmpSocket.connect(server.rtmp()).simpleHandshake();
            raw.write(RawRtmpSocket.chunked(3, 20, 0,
                    RawRtmpSocket.amf0("connect", 1.0, AmfObject.of("app", "live", "tcUrl", "rtmp://127.0.0.1/live")), 128));
            raw.write(RawRtmpSocket.chunked(3, 20, 0, RawRtmpSocket.amf0("createStream", 2.0, null), 128));
            assertThat(raw.awaitReceived("_result", 2, Duration.ofSeconds(10))).as("connect and createStream answered").isTrue();
            raw.write(RawRtmpSocket.chunked(8, 20, 1, RawRtmpSocket.amf0("play", 3.0, null, "gone"), 128));
            raw.reset();

            assertNoPlayerLeft(server);
            publisher.close();
        }
    }

    private static void assertNoPlayerLeft(TestServer server) {
        ServerContext context = server.server().context();
        await().atMost(Duration.ofSeconds(10)).until(() -> context.connections().get() == 1);
        LiveSource source = context.sources().find(new StreamKey("__defaultVhost__", "live", "gone"));
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> source.playerCount() == 0);
    }

    /** Closes with SO_LINGER 0, so the server's next write fails with a reset. */
    private static void reset(Channel channel) throws InterruptedException {
        channel.config().setOption(ChannelOption.SO_LINGER, 0);
        channel.close().sync();
    }
}
