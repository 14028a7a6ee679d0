package dev.rill.server.live;

import static dev.rill.server.testing.PacketAssertions.assertReceivedTail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import dev.rill.codec.amf.AmfObject;
import dev.rill.codec.rtmp.RtmpMessage;
import dev.rill.codec.rtmp.client.RtmpClientHandler;
import dev.rill.codec.rtmp.client.RtmpClientListener;
import dev.rill.server.rtmp.client.RtmpClientConnector;
import dev.rill.server.testing.LogCapture;
import dev.rill.server.testing.RtmpClients;
import dev.rill.server.testing.RecordingPlayer;
import dev.rill.server.testing.SyntheticPublisher;
import dev.rill.server.testing.TestServer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Live behaviour with Rill's own client: waiting players, republish, busy streams, slow players. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LiveStreamTest {
    @RegisterExtension
    static final RtmpClients CLIENTS = new RtmpClients();



    @Test
    void playerThatComesFirstWaitsAndGetsEverything() throws Exception {
        try (TestServer server = TestServer.start()) {
            RecordingPlayer player = RecordingPlayer.play(CLIENTS.connector(), server.rtmp(), "live", "s1");
            await().atMost(Duration.ofSeconds(5)).until(() -> player.statuses.contains("NetStream.Play.Start"));
            SyntheticPublisher publisher = SyntheticPublisher.publish(CLIENTS.connector(), server.rtmp(), "live", "s1", 3000, 10, 10)
                    .limit(100);
            await().atMost(Duration.ofSeconds(10)).until(() -> player.packets.videoCount() == 100);
            assertThat(player.statuses).contains("NetStream.Play.PublishNotify");
            assertReceivedTail("player", publisher.sent, player.packets);
            publisher.close();
            player.close();
        }
    }

    @Test
    void playerStaysThroughUnpublishAndGetsTheNextPublisher() throws Exception {
        try (TestServer server = TestServer.start()) {
            SyntheticPublisher first = SyntheticPublisher.publish(CLIENTS.connector(), server.rtmp(), "live", "s2", 1000, 10, 10)
                    .limit(30);
            RecordingPlayer player = RecordingPlayer.play(CLIENTS.connector(), server.rtmp(), "live", "s2");
            await().atMost(Duration.ofSeconds(10)).until(() -> first.framesSent() == 30);
            first.close();
            await().atMost(Duration.ofSeconds(5)).until(() -> player.statuses.contains("NetStream.Play.UnpublishNotify"));
            int before = player.packets.videoCount();

            SyntheticPublisher second = SyntheticPublisher.publish(CLIENTS.connector(), server.rtmp(), "live", "s2", 1000, 10, 10)
                    .limit(40);
            await().atMost(Duration.ofSeconds(10)).until(() -> player.packets.videoCount() == before + 40);
            assertThat(player.isActive()).isTrue();
            assertThat(player.statuses.lastIndexOf("NetStream.Play.PublishNotify"))
                    .as("the player heard of the second publisher").isGreaterThan(
                            player.statuses.indexOf("NetStream.Play.UnpublishNotify"));
            second.close();
            player.close();
        }
    }

    @Test
    void secondPublisherIsRefusedWhileTheFirstStreamsOn() throws Exception {
        try (TestServer server = TestServer.start()) {
            SyntheticPublisher first = SyntheticPublisher.publish(CLIENTS.connector(), server.rtmp(), "live", "s3", 1000, 10, 10);
            RecordingPlayer player = RecordingPlayer.play(CLIENTS.connector(), server.rtmp(), "live", "s3");
            await().atMost(Duration.ofSeconds(5)).until(() -> first.statuses.contains("NetStream.Publish.Start"));
            SyntheticPublisher second = SyntheticPublisher.publish(CLIENTS.connector(), server.rtmp(), "live", "s3", 1000, 10, 10);
            await().atMost(Duration.ofSeconds(5)).until(() -> second.statuses.contains("NetStream.Publish.BadName"));
            await().atMost(Duration.ofSeconds(5)).until(() -> !second.isActive());
            int before = player.packets.videoCount();
            await().atMost(Duration.ofSeconds(5)).until(() -> player.packets.videoCount() > before + 20);
            assertThat(first.isActive()).isTrue();
            first.close();
            player.close();
        }
    }

    @Test
    void emptyStreamNameIsRefused() throws Exception {
        try (TestServer server = TestServer.start()) {
            SyntheticPublisher publisher = SyntheticPublisher.publish(CLIENTS.connector(), server.rtmp(), "live", "", 1000, 10, 10);
            await().atMost(Duration.ofSeconds(5)).until(() -> publisher.statuses.contains("NetStream.Publish.BadName"));
            await().atMost(Duration.ofSeconds(5)).until(() -> !publisher.isActive());
            RecordingPlayer player = RecordingPlayer.play(CLIENTS.connector(), server.rtmp(), "live", "");
            await().atMost(Duration.ofSeconds(5)).until(() -> player.statuses.contains("NetStream.Play.StreamNotFound"));
            await().atMost(Duration.ofSeconds(5)).until(() -> !player.isActive());
        }
    }

    @Test
    void playerThatStopsReadingDoesNotSlowTheOthers() throws Exception {
        try (TestServer server = TestServer.start("", "play { queue_length 2; }"); LogCapture logs = new LogCapture()) {
            // 100 KB video frames at 50 fps (about 40 Mbps): more than socket buffers hold in a few seconds.
            SyntheticPublisher publisher = SyntheticPublisher.publish(CLIENTS.connector(), server.rtmp(), "live", "s4", 100_000, 25, 20)
                    .limit(300);
            AtomicInteger stalledReceived = new AtomicInteger();
            RtmpClientConnector.Connection stalled = CLIENTS.connector().connect(server.rtmp(), "live", "s4",
                    RtmpClientHandler.Mode.PLAY, new RtmpClientListener() {
                        @Override
                        public void onStatus(String code, AmfObject info) {
                            if ("NetStream.Play.Start".equals(code)) {
                                stalledReceived.incrementAndGet();
                            }
                        }

                        @Override
                        public void onMessage(RtmpMessage message) {
                            message.retain().release();
                        }
                    });
            await().atMost(Duration.ofSeconds(5)).until(() -> stalledReceived.get() == 1);
            stalled.connectFuture().channel().config().setAutoRead(false);
            RecordingPlayer fast1 = RecordingPlayer.play(CLIENTS.connector(), server.rtmp(), "live", "s4");
            RecordingPlayer fast2 = RecordingPlayer.play(CLIENTS.connector(), server.rtmp(), "live", "s4");

            // Were the publisher held back by the stalled player, it would never get all frames out.
            await().atMost(Duration.ofSeconds(20)).until(() -> publisher.framesSent() == 300);
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    fast1.packets.videoCount() > 0 && fast2.packets.videoCount() > 0
                            && fast1.packets.video.getLast().equals(publisher.sent.video.getLast())
                            && fast2.packets.video.getLast().equals(publisher.sent.video.getLast()));
            assertReceivedTail("fast player 1", publisher.sent, fast1.packets);
            assertReceivedTail("fast player 2", publisher.sent, fast2.packets);
            assertThat(logs.lines(Level.WARN)).anySatisfy(line -> assertThat(line).contains("player too slow"));
            assertThat(stalled.connectFuture().channel().isActive()).isTrue();
            publisher.close();
            fast1.close();
            fast2.close();
            stalled.close();
        }
    }
}
