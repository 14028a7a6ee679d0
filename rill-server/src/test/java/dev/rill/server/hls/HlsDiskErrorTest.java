package dev.rill.server.hls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import dev.rill.server.rtmp.client.RtmpClientConnector;
import dev.rill.server.testing.LogCapture;
import dev.rill.server.testing.RecordingPlayer;
import dev.rill.server.testing.SyntheticPublisher;
import dev.rill.server.testing.TestServer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An unwritable hls_path (a regular file where the directory should be): each hls_on_error policy
 * logs what it does, and the RTMP player keeps receiving the stream.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HlsDiskErrorTest {
    private static EventLoopGroup group;
    private static RtmpClientConnector connector;

    @TempDir
    Path dir;

    @BeforeAll
    static void startClients() {
        group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        connector = new RtmpClientConnector(group);
    }

    @AfterAll
    static void stopClients() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    static Stream<Arguments> policies() {
        return Stream.of(
                Arguments.of("ignore", "HLS stops for __defaultVhost__/live/cam", true),
                Arguments.of("continue", "hls_on_error continue: segment dropped", true),
                Arguments.of("disconnect", "kicking the publisher of", false));
    }

    @ParameterizedTest(name = "hls_on_error {0}")
    @MethodSource("policies")
    void unwritablePathIsLoggedAndPlayersKeepPlaying(String policy, String logged, boolean publisherStays)
            throws Exception {
        Path notADirectory = Files.writeString(dir.resolve("file"), "x");
        try (LogCapture logs = new LogCapture();
             TestServer server = TestServer.start("", "hls { enabled on; hls_fragment 1; hls_path " + notADirectory
                     + "; hls_on_error " + policy + "; }")) {
            RecordingPlayer player = RecordingPlayer.play(connector, server.rtmp(), "live", "cam");
            await().atMost(Duration.ofSeconds(5)).until(() -> player.statuses.contains("NetStream.Play.Start"));
            SyntheticPublisher publisher = SyntheticPublisher.publish(connector, server.rtmp(), "live", "cam", 500, 10, 20)
                    .limit(150);
            await().atMost(Duration.ofSeconds(10)).until(() -> logs.lines(Level.ERROR).stream()
                    .anyMatch(l -> l.contains(logged)));
            if (publisherStays) {
                await().atMost(Duration.ofSeconds(10)).until(() -> publisher.framesSent() == 150);
                await().atMost(Duration.ofSeconds(5)).until(() -> player.packets.videoCount() == 150);
                assertThat(publisher.isActive()).isTrue();
            } else {
                await().atMost(Duration.ofSeconds(5)).until(() -> !publisher.isActive());
                await().atMost(Duration.ofSeconds(5)).until(() -> player.statuses.contains("NetStream.Play.UnpublishNotify"));
                assertThat(player.packets.videoCount()).isPositive();
            }
            assertThat(player.isActive()).as("the RTMP player stays connected").isTrue();
            assertThat(logs.lines(Level.ERROR)).filteredOn(l -> l.contains(logged)).first().asString()
                    .contains(notADirectory.toString());
            publisher.close();
            player.close();
        }
    }
}
