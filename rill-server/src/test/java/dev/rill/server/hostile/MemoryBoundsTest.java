package dev.rill.server.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import dev.rill.codec.ByteBudget;
import dev.rill.server.testing.Canary;
import dev.rill.server.testing.LogCapture;
import dev.rill.server.testing.RawRtmpSocket;
import dev.rill.server.testing.RtmpClients;
import dev.rill.server.testing.SyntheticPublisher;
import dev.rill.server.testing.TestServer;
import io.netty.util.internal.PlatformDependent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Black-box: clients that try to make the server hold memory without end. Each is shed with a log
 * line naming the bound it passed, the bounds hold, and a canary stream plays on at its rate.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class MemoryBoundsTest {
    @RegisterExtension
    static final RtmpClients CLIENTS = new RtmpClients();

    private static final String LIMITS = "limits { queue 4m; gop_cache 4m; media_total 24m; unpublished_total 1m; "
            + "send_timeout 3; }";

    @Test
    void frozenTimestampsAndAPlayerThatNeverReadsStayWithinTheQueueBounds() throws Exception {
        try (LogCapture logs = new LogCapture(); TestServer server = TestServer.start(LIMITS, "");
             Canary canary = Canary.start(CLIENTS.connector(), server.rtmp());
             SyntheticPublisher flood = SyntheticPublisher.publish(CLIENTS.connector(), server.rtmp(), "live", "flood",
                     100_000, 50, 20).frozen();
             RawRtmpSocket stalled = RawRtmpSocket.connectTiny(server.rtmp()).simpleHandshake()) {
            await().atMost(Duration.ofSeconds(10)).until(() -> flood.statuses.contains("NetStream.Publish.Start"));
            stalled.playWithoutReading("rtmp://127.0.0.1/live", "flood");
            ByteBudget media = server.server().context().limits().mediaBudget();
            long peak = 0;
            long directPeak = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(4);
            while (System.nanoTime() < deadline) {
                peak = Math.max(peak, media.used());
                directPeak = Math.max(directPeak, PlatformDependent.usedDirectMemory());
                Thread.sleep(20);
            }
            double fps = canary.framesPerSecond(Duration.ofSeconds(2));
            System.out.printf("frozen-timestamp flood: queued and cached media peak %d bytes (limit %d), direct memory "
                    + "of this JVM peak %d bytes, canary %.1f fps%n", peak, media.limit(), directPeak, fps);

            assertThat(peak).as("queued and cached media at its peak").isLessThanOrEqualTo(media.limit() + 200_000);
            assertThat(logs.lines(Level.WARN)).anyMatch(l -> l.contains("player too slow"));
            assertThat(fps).as("canary frames a second during the flood").isGreaterThanOrEqualTo(Canary.FPS * 0.8);
            assertThat(flood.isActive()).as("the flooding publisher is shed only by its own bounds").isTrue();
            assertThat(canary.isAlive()).isTrue();
        }
    }

    @Test
    void clientsThatHaveNotPublishedCannotHoldLargeMessages() throws Exception {
        try (LogCapture logs = new LogCapture(); TestServer server = TestServer.start(LIMITS, "");
             Canary canary = Canary.start(CLIENTS.connector(), server.rtmp())) {
            List<RawRtmpSocket> attackers = new ArrayList<>();
            try {
                for (int i = 0; i < 28; i++) {
                    RawRtmpSocket a = RawRtmpSocket.connect(server.rtmp()).simpleHandshake();
                    attackers.add(a);
                    a.write(partialMessage(8 * 1024 * 1024, 60_000));
                }
                double fps = canary.framesPerSecond(Duration.ofSeconds(2));
                for (RawRtmpSocket a : attackers) {
                    assertThat(a.awaitClosedByServer(Duration.ofSeconds(5))).isTrue();
                }
                assertThat(logs.lines(Level.ERROR)).filteredOn(l -> l.contains("exceeds limit 65536"))
                        .hasSizeGreaterThanOrEqualTo(28);
                assertThat(fps).isGreaterThanOrEqualTo(Canary.FPS * 0.8);
                assertThat(canary.isAlive()).isTrue();
            } finally {
                for (RawRtmpSocket a : attackers) {
                    a.close();
                }
            }
        }
    }

    @Test
    void manySmallPartialMessagesTogetherPassTheSharedBudgetAndOnlyTheLastAreShed() throws Exception {
        try (LogCapture logs = new LogCapture(); TestServer server = TestServer.start(LIMITS, "");
             Canary canary = Canary.start(CLIENTS.connector(), server.rtmp())) {
            List<RawRtmpSocket> attackers = new ArrayList<>();
            try {
                // 60 KB held by each: the 1 MiB budget takes 17 of them.
                for (int i = 0; i < 30; i++) {
                    RawRtmpSocket a = RawRtmpSocket.connect(server.rtmp()).simpleHandshake();
                    attackers.add(a);
                    a.write(partialMessage(64 * 1024, 60_000));
                }
                await().atMost(Duration.ofSeconds(10)).until(() -> logs.lines(Level.ERROR).stream()
                        .filter(l -> l.contains("limits.unpublished_total")).count() >= 13);
                ByteBudget unpublished = server.server().context().limits().unpublishedBudget();
                assertThat(unpublished.used()).isLessThanOrEqualTo(unpublished.limit());
                assertThat(canary.framesPerSecond(Duration.ofSeconds(2))).isGreaterThanOrEqualTo(Canary.FPS * 0.8);
            } finally {
                for (RawRtmpSocket a : attackers) {
                    a.close();
                }
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> server.server().context().limits()
                    .unpublishedBudget().used() == 0);
        }
    }

    /** A video message header declaring {@code length} bytes, then {@code sent} of them at chunk size 128. */
    private static byte[] partialMessage(int length, int sent) {
        byte[] full = RawRtmpSocket.chunked(6, 9, 1, new byte[length], 128);
        int chunks = (sent + 127) / 128;
        int bytes = 12 + sent + (chunks - 1);
        return java.util.Arrays.copyOf(full, Math.min(bytes, full.length));
    }
}
