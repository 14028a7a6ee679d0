package dev.rill.server.cluster;

import static dev.rill.server.testing.PacketAssertions.assertReceivedTail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import dev.rill.server.live.LiveSource;
import dev.rill.server.testing.LogCapture;
import dev.rill.server.testing.RtmpClients;
import dev.rill.server.testing.RecordingPlayer;
import dev.rill.server.testing.SyntheticPublisher;
import dev.rill.server.testing.TestServer;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Forward across servers on loopback, and upstreams that misbehave. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ForwardTest {
    @RegisterExtension
    static final RtmpClients CLIENTS = new RtmpClients();



    static TestServer forwardingTo(String destinations) throws InterruptedException {
        return forwardingTo(destinations, "");
    }

    static TestServer forwardingTo(String destinations, String vhostExtra) throws InterruptedException {
        return TestServer.start("", vhostExtra + " forward { enabled on; destination " + destinations + "; }");
    }

    static String address(TestServer s) {
        return "127.0.0.1:" + s.rtmp().getPort();
    }

    private static boolean hasLast(RecordingPlayer player, SyntheticPublisher publisher) {
        return player.packets.videoCount() > 0 && player.packets.video.getLast().equals(publisher.sent.video.getLast());
    }

    @Test
    void aStreamForwardedAcrossThreeServersArrivesIdentical() throws Exception {
        // The publisher goes quiet after its frames; a longer normal_timeout keeps a hop that lags
        // on a loaded machine from being cut off by the kick that would then follow.
        String quietPublisher = "publish { normal_timeout 30000; }";
        try (TestServer last = TestServer.start("", quietPublisher);
             TestServer middle = forwardingTo(address(last), quietPublisher);
             TestServer first = forwardingTo(address(middle), quietPublisher)) {
            RecordingPlayer atEnd = RecordingPlayer.play(CLIENTS.connector(), last.rtmp(), "live", "chain");
            RecordingPlayer atStart = RecordingPlayer.play(CLIENTS.connector(), first.rtmp(), "live", "chain");
            await().atMost(Duration.ofSeconds(5)).until(() -> atEnd.statuses.contains("NetStream.Play.Start"));
            SyntheticPublisher publisher = SyntheticPublisher.publish(CLIENTS.connector(), first.rtmp(), "live", "chain", 5000, 10, 10)
                    .limit(300);
            awaitOrDescribe(() -> publisher.framesSent() == 300 && hasLast(atEnd, publisher) && hasLast(atStart, publisher),
                    () -> "frames sent " + publisher.framesSent() + "; " + state("first", first, atStart) + "; "
                            + state("middle", middle, null) + "; " + state("last", last, atEnd));
            assertReceivedTail("player at the end of the chain", publisher.sent, atEnd.packets);
            // Each hop's forwarder starts at the GOP cache's keyframe once its connection is up,
            // so a hop may miss what was sent while it connected (100 frames a second here).
            assertThat(atEnd.packets.videoCount()).as("all but what was sent while the hops connected")
                    .isGreaterThanOrEqualTo(150);
            assertReceivedTail("player on the first server", publisher.sent, atStart.packets);

            publisher.close();
            await().atMost(Duration.ofSeconds(5)).until(() -> atEnd.statuses.contains("NetStream.Play.UnpublishNotify"));
            atEnd.close();
            atStart.close();
        }
    }

    @Test
    void silentAndGarbageDestinationsAreRetriedWithoutDisturbingAnythingElse() throws Exception {
        try (MisbehavingServer silent = MisbehavingServer.silent(); MisbehavingServer garbage = MisbehavingServer.garbage();
             TestServer good = TestServer.start(); LogCapture logs = new LogCapture();
             TestServer origin = forwardingTo(silent.address() + " " + garbage.address() + " " + address(good))) {
            RecordingPlayer local = RecordingPlayer.play(CLIENTS.connector(), origin.rtmp(), "live", "f");
            RecordingPlayer remote = RecordingPlayer.play(CLIENTS.connector(), good.rtmp(), "live", "f");
            await().atMost(Duration.ofSeconds(5)).until(() -> remote.statuses.contains("NetStream.Play.Start"));
            SyntheticPublisher publisher = SyntheticPublisher.publish(CLIENTS.connector(), origin.rtmp(), "live", "f", 2000, 10, 20)
                    .limit(400);
            await().atMost(Duration.ofSeconds(30)).until(() -> publisher.framesSent() == 400
                    && remote.packets.videoCount() > 0
                    && remote.packets.video.getLast().equals(publisher.sent.video.getLast())
                    && local.packets.video.getLast().equals(publisher.sent.video.getLast()));
            assertReceivedTail("player on the good destination", publisher.sent, remote.packets);
            assertReceivedTail("player on the origin", publisher.sent, local.packets);
            assertThat(remote.packets.videoCount()).isEqualTo(400);
            assertThat(publisher.isActive()).isTrue();

            assertThat(silent.accepted()).as("the silent destination was tried again").isGreaterThanOrEqualTo(2);
            assertThat(garbage.accepted()).as("the garbage destination was tried again").isGreaterThanOrEqualTo(2);
            assertThat(logs.lines(Level.WARN))
                    .anySatisfy(l -> assertThat(l).contains(silent.address() + " failed: no Publish.Start within 5000 ms"))
                    .anySatisfy(l -> assertThat(l).contains(garbage.address() + " failed:"));
            String silentCid = cidOf(logs, silent.address() + " (attempt 1)");
            String garbageCid = cidOf(logs, garbage.address() + " (attempt 1)");
            assertThat(silentCid).isNotEqualTo(garbageCid);
            assertThat(logs.lines(Level.INFO)).anySatisfy(l -> assertThat(l).startsWith("[" + silentCid + "]")
                    .contains(silent.address() + " (attempt 2)"));
            assertThat(logs.lines(Level.INFO)).anySatisfy(l -> assertThat(l).startsWith("[" + garbageCid + "]")
                    .contains(garbage.address() + " (attempt 2)"));
            publisher.close();
            local.close();
            remote.close();
        }
    }

    @Test
    void anEdgeSkipsAnOriginThatSendsGarbage() throws Exception {
        try (MisbehavingServer garbage = MisbehavingServer.garbage(); TestServer origin = TestServer.start();
             TestServer edge = EdgeClusterTest.edgeOf(garbage.address() + " " + address(origin))) {
            RecordingPlayer player = RecordingPlayer.play(CLIENTS.connector(), edge.rtmp(), "live", "g");
            SyntheticPublisher publisher = SyntheticPublisher.publish(CLIENTS.connector(), origin.rtmp(), "live", "g", 2000, 10, 20)
                    .limit(150);
            await().atMost(Duration.ofSeconds(20)).until(() -> publisher.framesSent() == 150
                    && player.packets.videoCount() > 0
                    && player.packets.video.getLast().equals(publisher.sent.video.getLast()));
            assertReceivedTail("edge player", publisher.sent, player.packets);
            assertThat(garbage.accepted()).isEqualTo(1);
            publisher.close();
            player.close();
        }
    }

    /** Awaits {@code done} for 20 s; on a timeout the failure says what {@code state} says. */
    private static void awaitOrDescribe(Callable<Boolean> done, Supplier<String> state) {
        try {
            await().atMost(Duration.ofSeconds(20)).until(done);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("not done within 20 s: " + state.get(), e);
        }
    }

    private static String state(String name, TestServer server, RecordingPlayer player) {
        LiveSource source = server.server().context().sources().find(EdgeClusterTest.key("chain"));
        String at = source == null ? name + " has no source"
                : name + (source.publisher() != null ? " published, " : " unpublished, ") + source.stats().videoFrames()
                        + " video frames in, " + source.consumerCount() + " consumers, "
                        + server.server().cluster().forwardUpstreamConnections(source.key()) + " forward connections";
        return player == null ? at : at + ", its player got " + player.packets.videoCount() + " video";
    }

    private static String cidOf(LogCapture logs, String text) {
        return logs.lines(Level.INFO).stream().filter(l -> l.contains(text)).findFirst()
                .map(l -> l.substring(1, l.indexOf(']'))).orElseThrow(() -> new AssertionError("no line with " + text));
    }
}
