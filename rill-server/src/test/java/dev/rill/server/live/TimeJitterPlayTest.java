package dev.rill.server.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rill.server.testing.RecordingPlayer;
import dev.rill.server.testing.RtmpClients;
import dev.rill.server.testing.SyntheticPublisher;
import dev.rill.server.testing.TestServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code play.time_jitter} as players see it, with a publisher whose timestamps start at 10 s:
 * zero and full start the player at 0, off passes the publisher's timestamps through.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TimeJitterPlayTest {
    @RegisterExtension
    static final RtmpClients CLIENTS = new RtmpClients();
    private static final long START = 10_000;
    private static final int FRAMES = 30;
    private static final int INTERVAL = 20;




    @ParameterizedTest(name = "time_jitter {0}: timestamps shifted by -{1}")
    @CsvSource({"zero, 10000", "full, 10000", "off, 0"})
    void waitingPlayerSeesTimestampsPerMode(String mode, long shift) throws Exception {
        try (TestServer server = TestServer.start("", "play { time_jitter " + mode + "; }")) {
            RecordingPlayer player = RecordingPlayer.play(CLIENTS.connector(), server.rtmp(), "live", "j-" + mode);
            await().atMost(Duration.ofSeconds(5)).until(() -> player.statuses.contains("NetStream.Play.Start"));
            SyntheticPublisher publisher = SyntheticPublisher.publish(CLIENTS.connector(), server.rtmp(), "live", "j-" + mode,
                    1000, 10, INTERVAL, START).limit(FRAMES);
            await().atMost(Duration.ofSeconds(10)).until(() -> player.packets.videoCount() == FRAMES);
            assertThat(player.mediaTimestamps).as("every media timestamp, in order")
                    .containsExactlyElementsOf(published(shift));
            publisher.close();
            player.close();
        }
    }

    @Test
    void lateJoinerWithZeroStartsAtZero() throws Exception {
        try (TestServer server = TestServer.start("", "play { time_jitter zero; }")) {
            SyntheticPublisher publisher = SyntheticPublisher.publish(CLIENTS.connector(), server.rtmp(), "live", "late",
                    1000, 10, INTERVAL, START);
            await().atMost(Duration.ofSeconds(5)).until(() -> publisher.framesSent() > 15);
            RecordingPlayer player = RecordingPlayer.play(CLIENTS.connector(), server.rtmp(), "live", "late");
            await().atMost(Duration.ofSeconds(10)).until(() -> player.packets.videoCount() > 20);
            assertThat(player.mediaTimestamps.getFirst()).as("first media timestamp").isZero();
            assertThat(player.mediaTimestamps).as("no timestamp below the first").allSatisfy(ts ->
                    assertThat(ts).isGreaterThanOrEqualTo(0L).isLessThan(START));
            publisher.close();
            player.close();
        }
    }

    /** What the publisher sent, as media timestamps in order: the two sequence headers, then A/V per frame. */
    private static List<Long> published(long shift) {
        List<Long> out = new ArrayList<>();
        out.add(START - shift);
        out.add(START - shift);
        for (int i = 0; i < FRAMES; i++) {
            out.add(START + (long) i * INTERVAL - shift);
            out.add(START + (long) i * INTERVAL - shift);
        }
        return out;
    }
}
