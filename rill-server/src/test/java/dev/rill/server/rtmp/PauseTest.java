package dev.rill.server.rtmp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rill.server.testing.RecordingPlayer;
import dev.rill.server.testing.RtmpClients;
import dev.rill.server.testing.SyntheticPublisher;
import dev.rill.server.testing.TestServer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The play-side {@code pause} command: a paused player gets no media, a resumed one gets it again. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PauseTest {
    @RegisterExtension
    static final RtmpClients CLIENTS = new RtmpClients();



    @Test
    void pausedPlayerReceivesNothingUntilItResumes() throws Exception {
        try (TestServer server = TestServer.start()) {
            SyntheticPublisher publisher = SyntheticPublisher.publish(CLIENTS.connector(), server.rtmp(), "live", "p1", 1000, 10, 20);
            RecordingPlayer player = RecordingPlayer.play(CLIENTS.connector(), server.rtmp(), "live", "p1");
            await().atMost(Duration.ofSeconds(10)).until(() -> player.packets.videoCount() > 10);

            player.connection().handler().pause(true, 1000);
            await().atMost(Duration.ofSeconds(5)).until(() -> player.statuses.contains("NetStream.Pause.Notify"));
            // Media queued before the pause was written ahead of the notify; nothing may follow it.
            int atPause = player.packets.videoCount();
            int sentAtPause = publisher.framesSent();
            await().atMost(Duration.ofSeconds(5)).until(() -> publisher.framesSent() >= sentAtPause + 25);
            assertThat(player.packets.videoCount()).as("video received while paused").isEqualTo(atPause);
            assertThat(player.isActive()).isTrue();

            player.connection().handler().pause(false, 1000);
            await().atMost(Duration.ofSeconds(5)).until(() -> player.statuses.contains("NetStream.Unpause.Notify"));
            await().atMost(Duration.ofSeconds(5)).until(() -> player.packets.videoCount() > atPause + 10);
            assertThat(player.statuses.indexOf("NetStream.Unpause.Notify"))
                    .isGreaterThan(player.statuses.indexOf("NetStream.Pause.Notify"));
            assertThat(publisher.isActive()).isTrue();
            publisher.close();
            player.close();
        }
    }
}
