package dev.rill.server.http.stream;

import static dev.rill.server.testing.PacketAssertions.assertReceivedTail;
import static dev.rill.server.testing.PacketAssertions.assertSameTimeline;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rill.server.testing.Ffmpeg;
import dev.rill.server.testing.HttpFlvPlayer;
import dev.rill.server.testing.MediaPackets;
import dev.rill.server.testing.TestServer;
import dev.rill.server.testing.WebSocketFlvClient;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Black-box: real ffmpeg publishes testsrc + sine over RTMP; HTTP-FLV players (the JDK client,
 * ffmpeg) and a WebSocket-FLV player (a Netty client) get exactly the published packets; players
 * that came before the publisher waited for it; every response ends cleanly at unpublish.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class HttpFlvTest {
    static final String HTTP = "http_server { enabled on; listen 127.0.0.1:0; dir ./target/no-html; }";
    static final String REMUX = "http_remux { enabled on; mount [vhost]/[app]/[stream].flv; }";

    private static EventLoopGroup group;

    @TempDir
    Path dir;

    @BeforeAll
    static void startClients() {
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    }

    @AfterAll
    static void stopClients() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void httpAndWebSocketPlayersGetThePublishedPackets() throws Exception {
        try (TestServer server = TestServer.start(HTTP, REMUX)) {
            String flvUrl = server.httpUrl("/live/cam.flv");
            HttpFlvPlayer early = HttpFlvPlayer.play(flvUrl);
            // Three players from the start have one timeline: where the server runs two loops (two
            // CPUs), two of them are on one loop and share runs.
            HttpFlvPlayer early2 = HttpFlvPlayer.play(flvUrl);
            WebSocketFlvClient ws = WebSocketFlvClient.play(group, flvUrl.replace("http:", "ws:"));
            await().atMost(Duration.ofSeconds(5)).until(() -> early.status() == 200 && early2.status() == 200);
            assertThat(early.contentType()).isEqualTo("video/x-flv");

            Path published = dir.resolve("published.flv");
            Process publisher = publish(server.url("live", "cam"), published, 8);
            await().atMost(Duration.ofSeconds(20)).until(() -> early.recorder.packets.videoCount() >= 30);

            HttpFlvPlayer late = HttpFlvPlayer.play(flvUrl);
            Path played = dir.resolve("played.flv");
            Process ffplayer = Ffmpeg.start(dir.resolve("play.log"), "-i", flvUrl, "-c", "copy", "-f", "flv", played.toString());

            Ffmpeg.awaitExit(publisher, dir.resolve("publish.log"), 60);
            await().atMost(Duration.ofSeconds(15))
                    .until(() -> early.finished() && early2.finished() && late.finished() && !ws.isActive());
            Ffmpeg.awaitExit(ffplayer, dir.resolve("play.log"), 30);

            MediaPackets sent = MediaPackets.fromFlvFile(published);
            assertThat(sent.videoCount()).isGreaterThan(150);
            assertReceivedTail("early HTTP-FLV player", sent, early.recorder.packets);
            assertReceivedTail("late HTTP-FLV player", sent, late.recorder.packets);
            assertReceivedTail("WebSocket-FLV player", sent, ws.recorder.packets);
            MediaPackets playedByFfmpeg = MediaPackets.fromFlvFile(played);
            assertReceivedTail("ffmpeg HTTP-FLV player", sent, playedByFfmpeg);
            assertSameTimeline("early HTTP-FLV player", sent, early.recorder.packets);
            assertSameTimeline("second early HTTP-FLV player", sent, early2.recorder.packets);
            assertThat(early2.recorder.packets.video).isEqualTo(early.recorder.packets.video);
            assertSameTimeline("late HTTP-FLV player", sent, late.recorder.packets);
            assertSameTimeline("WebSocket-FLV player", sent, ws.recorder.packets);
            assertSameTimeline("ffmpeg HTTP-FLV player", sent, playedByFfmpeg);
            assertThat(early.recorder.packets.videoCount()).isEqualTo(sent.videoCount());
            assertThat(ws.recorder.packets.videoCount()).isEqualTo(sent.videoCount());
            assertThat(early.recorder.endedCleanly()).as("HTTP-FLV ends on a tag boundary with the last chunk").isTrue();
            assertThat(early.failure()).isNull();
            assertThat(ws.closeStatus()).as("WebSocket close frame at unpublish").isEqualTo(1000);
            assertThat(late.recorder.firstVideoMillis()).as("late player got a first frame").isGreaterThanOrEqualTo(0L);
            System.out.println("HTTP-FLV first video frame after " + late.recorder.firstVideoMillis() + " ms");
            ws.close();
        }
    }

    static Process publish(String rtmpUrl, Path copy, int seconds) throws Exception {
        return Ffmpeg.start(copy.resolveSibling("publish.log"), "-re",
                "-f", "lavfi", "-i", "testsrc=size=320x240:rate=25",
                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100",
                "-map", "0:v", "-map", "1:a", "-t", Integer.toString(seconds),
                "-c:v", "libx264", "-preset", "ultrafast", "-tune", "zerolatency", "-g", "25", "-pix_fmt", "yuv420p",
                "-c:a", "aac", "-b:a", "64k",
                "-f", "tee", "[f=flv]" + rtmpUrl + "|[f=flv]" + copy);
    }
}
