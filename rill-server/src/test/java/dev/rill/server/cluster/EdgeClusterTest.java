package dev.rill.server.cluster;

import static dev.rill.server.testing.PacketAssertions.assertReceivedTail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rill.server.config.RillConfig;
import dev.rill.server.live.LiveSource;
import dev.rill.server.live.StreamKey;
import dev.rill.server.testing.Ffmpeg;
import dev.rill.server.testing.RtmpClients;
import dev.rill.server.testing.MediaPackets;
import dev.rill.server.testing.RecordingPlayer;
import dev.rill.server.testing.SyntheticPublisher;
import dev.rill.server.testing.TestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Two origins and edges on loopback: one shared pull per stream per edge, grace stop, failover, edge publish. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class EdgeClusterTest {
    @RegisterExtension
    static final RtmpClients CLIENTS = new RtmpClients();

    @TempDir
    Path dir;



    static TestServer edge(TestServer... origins) throws InterruptedException {
        return edgeOf(ports(origins));
    }

    static TestServer edgeOf(String origins) throws InterruptedException {
        return TestServer.start("", "cluster { mode remote; origin " + origins + "; }");
    }

    static String ports(TestServer... servers) {
        List<String> out = new ArrayList<>();
        for (TestServer s : servers) {
            out.add("127.0.0.1:" + s.rtmp().getPort());
        }
        return String.join(" ", out);
    }

    static StreamKey key(String stream) {
        return new StreamKey(RillConfig.DEFAULT_VHOST, "live", stream);
    }

    static int players(TestServer server, String stream) {
        LiveSource s = server.server().context().sources().find(key(stream));
        return s == null ? 0 : s.consumerCount();
    }

    @Test
    void ffmpegOnOriginReachesEveryEdgePlayerThroughOnePullPerEdge() throws Exception {
        try (TestServer originA = TestServer.start(); TestServer originB = TestServer.start();
             TestServer edge1 = edge(originA, originB); TestServer edge2 = edge(originA, originB)) {
            List<RecordingPlayer> onEdge1 = new ArrayList<>();
            List<RecordingPlayer> onEdge2 = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                onEdge1.add(RecordingPlayer.play(CLIENTS.connector(), edge1.rtmp(), "live", "cam"));
            }
            for (int i = 0; i < 2; i++) {
                onEdge2.add(RecordingPlayer.play(CLIENTS.connector(), edge2.rtmp(), "live", "cam"));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> players(originA, "cam") == 2);

            Path published = dir.resolve("published.flv");
            Process ffmpeg = Ffmpeg.start(dir.resolve("publish.log"), "-re",
                    "-f", "lavfi", "-i", "testsrc=size=320x240:rate=25",
                    "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100",
                    "-map", "0:v", "-map", "1:a", "-t", "4",
                    "-c:v", "libx264", "-preset", "ultrafast", "-tune", "zerolatency", "-g", "25", "-pix_fmt", "yuv420p",
                    "-c:a", "aac", "-b:a", "64k",
                    "-f", "tee", "[f=flv]" + originA.url("live", "cam") + "|[f=flv]" + published);
            Ffmpeg.awaitExit(ffmpeg, dir.resolve("publish.log"), 60);
            MediaPackets sent = MediaPackets.fromFlvFile(published);
            List<RecordingPlayer> all = new ArrayList<>(onEdge1);
            all.addAll(onEdge2);
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    all.stream().allMatch(p -> p.packets.videoCount() == sent.videoCount()));
            for (int i = 0; i < all.size(); i++) {
                assertReceivedTail("edge player " + i, sent, all.get(i).packets);
                assertThat(all.get(i).packets.video).isEqualTo(all.get(0).packets.video);
                assertThat(all.get(i).packets.audio).isEqualTo(all.get(0).packets.audio);
            }
            assertThat(players(originA, "cam")).as("one upstream play per edge on the origin").isEqualTo(2);
            assertThat(players(originB, "cam")).isZero();
            assertThat(originA.server().context().connections().get()).as("the two edges only").isEqualTo(2);
            for (TestServer edge : List.of(edge1, edge2)) {
                assertThat(edge.server().cluster().edgePulls(key("cam"))).isEqualTo(1);
                assertThat(edge.server().cluster().edgeUpstreamConnections(key("cam"))).isEqualTo(1);
            }

            long leftAt = System.nanoTime();
            onEdge1.forEach(RecordingPlayer::close);
            await().atMost(Duration.ofSeconds(2)).until(() -> players(edge1, "cam") == 0);
            Thread.sleep(1500);
            assertThat(edge1.server().cluster().edgePulls(key("cam"))).as("still within the grace").isEqualTo(1);
            await().atMost(Duration.ofSeconds(6)).until(() -> edge1.server().cluster().edgePulls(key("cam")) == 0);
            assertThat(System.nanoTime() - leftAt).as("stopped no sooner than the grace")
                    .isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(EdgeIngester.GRACE_MS));
            await().atMost(Duration.ofSeconds(5)).until(() -> players(originA, "cam") == 1);
            assertThat(edge2.server().cluster().edgePulls(key("cam"))).isEqualTo(1);
            assertThat(onEdge2).allMatch(RecordingPlayer::isActive);
            onEdge2.forEach(RecordingPlayer::close);
        }
    }

    @Test
    void edgePlayersSeeAGapNotADisconnectWhenTheOriginDies() throws Exception {
        try (TestServer originB = TestServer.start()) {
            TestServer originA = TestServer.start();
            try (TestServer edge = edge(originA, originB)) {
                RecordingPlayer player = RecordingPlayer.play(CLIENTS.connector(), edge.rtmp(), "live", "fo");
                RecordingPlayer second = RecordingPlayer.play(CLIENTS.connector(), edge.rtmp(), "live", "fo");
                SyntheticPublisher first = SyntheticPublisher.publish(CLIENTS.connector(), originA.rtmp(), "live", "fo", 2000, 10, 20);
                await().atMost(Duration.ofSeconds(10)).until(() -> player.packets.videoCount() > 20);
                originA.close();
                first.close();

                // Another frame size, so its packets differ from the first publisher's.
                SyntheticPublisher next = SyntheticPublisher.publish(CLIENTS.connector(), originB.rtmp(), "live", "fo", 2500, 10, 20)
                        .limit(150);
                try {
                    await().atMost(Duration.ofSeconds(20)).until(() -> next.framesSent() == 150
                            && player.packets.videoCount() > 0
                            && player.packets.video.getLast().equals(next.sent.video.getLast())
                            && second.packets.video.getLast().equals(next.sent.video.getLast()));
                } catch (ConditionTimeoutException e) {
                    throw new AssertionError("not resumed within 20 s: frames sent " + next.framesSent() + ", edge pulls "
                            + edge.server().cluster().edgePulls(key("fo")) + " with "
                            + edge.server().cluster().edgeUpstreamConnections(key("fo")) + " upstream connections, players got "
                            + player.packets.videoCount() + " and " + second.packets.videoCount() + " video, players on the new origin "
                            + players(originB, "fo"), e);
                }
                assertThat(player.isActive()).isTrue();
                assertThat(second.isActive()).isTrue();
                assertThat(player.statuses).noneMatch(s -> s.startsWith("error"));
                assertResumedWith(next.sent, player.packets);
                assertResumedWith(next.sent, second.packets);
                assertThat(players(originB, "fo")).as("one pull for both players").isEqualTo(1);
                assertThat(edge.server().cluster().edgePulls(key("fo"))).isEqualTo(1);
                assertThat(edge.server().cluster().edgeUpstreamConnections(key("fo"))).isEqualTo(2);
                player.close();
                second.close();
                next.close();
            }
        }
    }

    /** An origin whose test publisher stays published for 30 s after its last frame. */
    static TestServer patientOrigin() throws InterruptedException {
        return TestServer.start("", "publish { normal_timeout 30000; }");
    }

    @Test
    void anEdgeLeavesAnOriginThatStopsSendingMidStream() throws Exception {
        try (TestServer originA = TestServer.start(); TestServer originB = patientOrigin();
             FreezingProxy toA = FreezingProxy.to(originA.rtmp());
             TestServer edge = edgeOf(toA.address() + " " + ports(originB))) {
            SyntheticPublisher onA = SyntheticPublisher.publish(CLIENTS.connector(), originA.rtmp(), "live", "hang", 2000, 10, 20);
            // Another frame size, so its packets differ from the first publisher's.
            SyntheticPublisher onB = SyntheticPublisher.publish(CLIENTS.connector(), originB.rtmp(), "live", "hang", 2500, 10, 20)
                    .limit(500);
            RecordingPlayer player = RecordingPlayer.play(CLIENTS.connector(), edge.rtmp(), "live", "hang");
            await().atMost(Duration.ofSeconds(10)).until(() -> player.packets.videoCount() > 20);
            assertThat(onA.sent.video).as("the first origin's stream came through the proxy")
                    .contains(player.packets.video.getLast());
            toA.freeze();
            try {
                await().atMost(Duration.ofSeconds(25)).until(() -> onB.framesSent() == 500
                        && player.packets.video.getLast().equals(onB.sent.video.getLast()));
            } catch (ConditionTimeoutException e) {
                throw new AssertionError("not moved to the second origin within 25 s: frames sent there " + onB.framesSent()
                        + ", edge upstream connections " + edge.server().cluster().edgeUpstreamConnections(key("hang"))
                        + ", players on the second origin " + players(originB, "hang") + ", player got "
                        + player.packets.videoCount() + " video", e);
            }
            assertThat(player.isActive()).isTrue();
            assertThat(player.statuses).noneMatch(s -> s.startsWith("error"));
            assertResumedWith(onB.sent, player.packets);
            assertThat(edge.server().cluster().edgeUpstreamConnections(key("hang"))).isEqualTo(2);
            player.close();
            onA.close();
            onB.close();
        }
    }

    @Test
    void anEdgeWaitsOnAnOriginWithoutTheStreamWhileItAnswersAndLeavesItWhenItHangs() throws Exception {
        try (TestServer originA = TestServer.start(); TestServer originB = patientOrigin();
             FreezingProxy toA = FreezingProxy.to(originA.rtmp());
             TestServer edge = edgeOf(toA.address() + " " + ports(originB))) {
            SyntheticPublisher onB = SyntheticPublisher.publish(CLIENTS.connector(), originB.rtmp(), "live", "idle", 2000, 10, 20)
                    .limit(500);
            RecordingPlayer player = RecordingPlayer.play(CLIENTS.connector(), edge.rtmp(), "live", "idle");
            await().atMost(Duration.ofSeconds(5)).until(() -> players(originA, "idle") == 1);
            // Longer than the silence that drops an upstream: the first origin answers the edge's pings.
            Thread.sleep(UpstreamLink.SILENCE_TIMEOUT_MS + 3000);
            assertThat(edge.server().cluster().edgeUpstreamConnections(key("idle"))).as("still on the first origin")
                    .isEqualTo(1);
            assertThat(player.packets.videoCount()).isZero();
            toA.freeze();
            try {
                await().atMost(Duration.ofSeconds(15)).until(() -> player.packets.videoCount() > 0
                        && player.packets.video.getLast().equals(onB.sent.video.getLast()));
            } catch (ConditionTimeoutException e) {
                throw new AssertionError("not moved to the second origin within 15 s: frames sent there " + onB.framesSent()
                        + ", edge upstream connections " + edge.server().cluster().edgeUpstreamConnections(key("idle"))
                        + ", players on the second origin " + players(originB, "idle"), e);
            }
            assertResumedWith(onB.sent, player.packets);
            assertThat(edge.server().cluster().edgeUpstreamConnections(key("idle"))).isEqualTo(2);
            player.close();
            onB.close();
        }
    }

    @Test
    void aStreamPublishedOnAnEdgeIsPushedToTheFirstOriginThatWorks() throws Exception {
        int deadPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            deadPort = s.getLocalPort();
        }
        try (TestServer origin = TestServer.start(); TestServer edge = edgeOf("127.0.0.1:" + deadPort + " " + ports(origin))) {
            RecordingPlayer onOrigin = RecordingPlayer.play(CLIENTS.connector(), origin.rtmp(), "live", "up");
            SyntheticPublisher publisher = SyntheticPublisher.publish(CLIENTS.connector(), edge.rtmp(), "live", "up", 2000, 10, 10)
                    .limit(300);
            await().atMost(Duration.ofSeconds(5)).until(() -> publisher.statuses.contains("NetStream.Publish.Start"));
            // A player on the edge of a stream published there reads it locally: no pull.
            RecordingPlayer onEdge = RecordingPlayer.play(CLIENTS.connector(), edge.rtmp(), "live", "up");
            await().atMost(Duration.ofSeconds(20)).until(() -> publisher.framesSent() == 300
                    && onOrigin.packets.videoCount() > 0
                    && onOrigin.packets.video.getLast().equals(publisher.sent.video.getLast())
                    && onEdge.packets.video.getLast().equals(publisher.sent.video.getLast()));
            assertReceivedTail("origin player", publisher.sent, onOrigin.packets);
            assertReceivedTail("edge player", publisher.sent, onEdge.packets);
            assertThat(edge.server().cluster().edgePulls(key("up"))).as("a published edge stream is not pulled").isZero();
            publisher.close();
            onOrigin.close();
            onEdge.close();
        }
    }

    /** After the failover the player got the new publisher's packets, in order, from a keyframe to the end. */
    static void assertResumedWith(MediaPackets published, MediaPackets received) {
        List<String> got = received.video;
        int i = 0;
        while (i < got.size() && !published.video.contains(got.get(i))) {
            i++;
        }
        assertThat(i).as("the new publisher's packets arrived").isLessThan(got.size());
        int from = published.video.indexOf(got.get(i));
        assertThat(published.videoKey.get(from)).as("resumed at a keyframe").isTrue();
        assertThat(got.subList(i, got.size())).containsExactlyElementsOf(published.video.subList(from, published.video.size()));
    }
}
