package dev.rill.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rill.server.testing.Ffmpeg;
import dev.rill.server.testing.RecordingPlayer;
import dev.rill.server.testing.RtmpClients;
import dev.rill.server.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** An edge segments a pulled stream into HLS, and its segmenter does not keep the pull alive. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class EdgeHlsTest {
    @RegisterExtension
    static final RtmpClients CLIENTS = new RtmpClients();

    @TempDir
    Path dir;

    @Test
    void aPulledStreamIsSegmentedAndThePullStopsWhenThePlayersLeave() throws Exception {
        Path hlsDir = dir.resolve("hls");
        try (TestServer origin = TestServer.start();
             TestServer edge = TestServer.start("", "cluster { mode remote; origin " + EdgeClusterTest.ports(origin) + "; }"
                     + " hls { enabled on; hls_fragment 1; hls_window 10; hls_path " + hlsDir + "; }")) {
            RecordingPlayer player = RecordingPlayer.play(CLIENTS.connector(), edge.rtmp(), "live", "eh");
            await().atMost(Duration.ofSeconds(5)).until(() -> EdgeClusterTest.players(origin, "eh") == 1);
            Path log = dir.resolve("publish.log");
            Process ffmpeg = Ffmpeg.start(log, "-re",
                    "-f", "lavfi", "-i", "testsrc=size=160x120:rate=25",
                    "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100",
                    "-map", "0:v", "-map", "1:a", "-t", "20",
                    "-c:v", "libx264", "-preset", "ultrafast", "-tune", "zerolatency", "-g", "25", "-pix_fmt", "yuv420p",
                    "-c:a", "aac", "-b:a", "64k", "-f", "flv", origin.url("live", "eh"));
            try {
                Path playlist = hlsDir.resolve("live/eh.m3u8");
                await().atMost(Duration.ofSeconds(15)).until(() -> Files.exists(playlist)
                        && Files.readString(playlist).lines().filter(l -> l.endsWith(".ts")).count() >= 2);
                String first = Files.readString(playlist).lines().filter(l -> l.endsWith(".ts")).findFirst().orElseThrow();
                assertThat(Files.size(playlist.resolveSibling(first))).isPositive();
                assertThat(edge.server().context().sources().find(EdgeClusterTest.key("eh")).consumerCount())
                        .as("the player and the HLS segmenter").isEqualTo(2);

                long leftAt = System.nanoTime();
                player.close();
                await().atMost(Duration.ofSeconds(8))
                        .until(() -> edge.server().cluster().edgePulls(EdgeClusterTest.key("eh")) == 0);
                assertThat(System.nanoTime() - leftAt).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(EdgeIngester.GRACE_MS));
                assertThat(ffmpeg.isAlive()).as("the origin still has its publisher").isTrue();
                await().atMost(Duration.ofSeconds(5)).until(() -> EdgeClusterTest.players(origin, "eh") == 0);
                assertThat(edge.server().context().sources().find(EdgeClusterTest.key("eh"))).as("the edge source is gone").isNull();
            } finally {
                ffmpeg.destroy();
                ffmpeg.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
