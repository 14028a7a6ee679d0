package dev.rill.server.live;

import static dev.rill.server.testing.PacketAssertions.assertReceivedTail;
import static dev.rill.server.testing.PacketAssertions.assertSameTimeline;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rill.server.rtmp.client.RtmpClientConnector;
import dev.rill.server.testing.Ffmpeg;
import dev.rill.server.testing.RtmpClients;
import dev.rill.server.testing.MediaPackets;
import dev.rill.server.testing.RecordingPlayer;
import dev.rill.server.testing.TestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Black-box: real ffmpeg publishes an H.264 + AAC stream it generates (testsrc and sine); ffmpeg
 * and Rill's own client play it; every player's packets are byte-identical to what was published,
 * from the first keyframe it got to the end, and keep the published spacing of their timestamps.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class FfmpegLiveTest {
    @RegisterExtension
    static final RtmpClients CLIENTS = new RtmpClients();

    @TempDir
    Path dir;



    @Test
    void ffmpegPublishesAndEveryPlayerGetsThePublishedPackets() throws Exception {
        try (TestServer server = TestServer.start()) {
            RtmpClientConnector connector = CLIENTS.connector();
            String url = server.url("live", "cam");
            RecordingPlayer early = RecordingPlayer.play(connector, server.rtmp(), "live", "cam");
            await().atMost(Duration.ofSeconds(10)).until(() -> early.statuses.contains("NetStream.Play.Start"));

            Path published = dir.resolve("published.flv");
            Process publisher = Ffmpeg.start(dir.resolve("publish.log"), "-re",
                    "-f", "lavfi", "-i", "testsrc=size=320x240:rate=25",
                    "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100",
                    "-map", "0:v", "-map", "1:a", "-t", "8",
                    "-c:v", "libx264", "-preset", "ultrafast", "-tune", "zerolatency", "-g", "25", "-pix_fmt", "yuv420p",
                    "-c:a", "aac", "-b:a", "64k",
                    "-f", "tee", "[f=flv]" + url + "|[f=flv]" + published);

            await().atMost(Duration.ofSeconds(20)).until(() -> early.packets.videoCount() >= 30);
            RecordingPlayer late = RecordingPlayer.play(connector, server.rtmp(), "live", "cam");
            // One more player before ffmpeg's, so that whichever loop ffmpeg's connection lands on
            // it has company there and gets the shared runs (fmt-1 headers), not its own batches.
            RecordingPlayer companion = RecordingPlayer.play(connector, server.rtmp(), "live", "cam");
            Path played = dir.resolve("played.flv");
            Process ffplayer = Ffmpeg.start(dir.resolve("play.log"), "-i", url, "-c", "copy", "-f", "flv", played.toString());

            Ffmpeg.awaitExit(publisher, dir.resolve("publish.log"), 60);
            // Each player drains on its own merged-write timer: wait until both have had everything.
            await().atMost(Duration.ofSeconds(15)).until(() -> late.statuses.contains("NetStream.Play.UnpublishNotify")
                    && early.statuses.contains("NetStream.Play.UnpublishNotify")
                    && companion.statuses.contains("NetStream.Play.UnpublishNotify"));
            Ffmpeg.awaitExit(ffplayer, dir.resolve("play.log"), 30);

            MediaPackets sent = MediaPackets.fromFlvFile(published);
            assertThat(sent.videoCount()).isGreaterThan(150);
            assertReceivedTail("early Rill player", sent, early.packets);
            assertReceivedTail("late Rill player", sent, late.packets);
            MediaPackets playedByFfmpeg = MediaPackets.fromFlvFile(played);
            assertReceivedTail("ffmpeg player", sent, playedByFfmpeg);
            // Live runs go out with fmt-1 headers (timestamp deltas): each client must rebuild
            // the same spacing from them.
            assertSameTimeline("ffmpeg player", sent, playedByFfmpeg);
            assertSameTimeline("early Rill player", sent, early.packets);
            assertSameTimeline("late Rill player", sent, late.packets);
            assertReceivedTail("companion Rill player", sent, companion.packets);
            assertSameTimeline("companion Rill player", sent, companion.packets);
            assertThat(early.packets.videoCount()).isEqualTo(sent.videoCount());
            early.close();
            late.close();
            companion.close();
        }
    }
}
