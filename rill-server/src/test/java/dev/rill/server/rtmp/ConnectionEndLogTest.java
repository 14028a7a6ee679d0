package dev.rill.server.rtmp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import dev.rill.server.rtmp.client.RtmpClientConnector;
import dev.rill.server.testing.LogCapture;
import dev.rill.server.testing.RtmpClients;
import dev.rill.server.testing.RawRtmpSocket;
import dev.rill.server.testing.RecordingPlayer;
import dev.rill.server.testing.SyntheticPublisher;
import dev.rill.server.testing.TestServer;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every connection ends with exactly one log line, carrying that connection's cid, whose wording
 * and level say why it ended: the client left (trace), the server closed it (warn), or it failed (error).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ConnectionEndLogTest {
    @RegisterExtension
    static final RtmpClients CLIENTS = new RtmpClients();
    private static final Pattern ACCEPTED = Pattern.compile("^\\[(\\w+)] RTMP client ip=127\\.0\\.0\\.1:(\\d+),");
    private static final List<String> END_KINDS =
            List.of("client disconnected (", "server closed the connection (", "connection failed (");




    @Test
    void eachConnectionEndsWithOneLineUnderItsOwnCid() throws Exception {
        try (TestServer server = TestServer.start(); LogCapture logs = new LogCapture()) {
            SyntheticPublisher publisher = SyntheticPublisher.publish(CLIENTS.connector(), server.rtmp(), "live", "e1", 1000, 10, 20);
            RecordingPlayer player = RecordingPlayer.play(CLIENTS.connector(), server.rtmp(), "live", "e1");
            await().atMost(Duration.ofSeconds(10)).until(() -> player.packets.videoCount() > 5);
            SyntheticPublisher busy = SyntheticPublisher.publish(CLIENTS.connector(), server.rtmp(), "live", "e1", 1000, 10, 20);
            await().atMost(Duration.ofSeconds(5)).until(() -> !busy.isActive());
            int badPort;
            try (RawRtmpSocket bad = RawRtmpSocket.connect(server.rtmp()).simpleHandshake()) {
                badPort = bad.localPort();
                bad.write(RawRtmpSocket.chunked(2, 1, 0, new byte[] {0, 0, 0, 0}, 128));
                assertThat(bad.awaitClosedByServer(Duration.ofSeconds(5))).isTrue();
            }
            int playerPort = localPort(player.connection());
            int publisherPort = localPort(publisher.connection());
            int busyPort = localPort(busy.connection());
            player.close();
            publisher.close();

            Map<Integer, String> cidByPort = await().atMost(Duration.ofSeconds(5))
                    .until(() -> cidsByPort(logs), m -> m.keySet().containsAll(List.of(playerPort, publisherPort, busyPort, badPort)));
            await().atMost(Duration.ofSeconds(5)).until(() -> endLines(logs).size() == cidByPort.size());

            assertEndedOnce(logs, cidByPort.get(playerPort), "client disconnected (", Level.INFO);
            assertEndedOnce(logs, cidByPort.get(publisherPort), "client disconnected (", Level.INFO);
            assertEndedOnce(logs, cidByPort.get(busyPort), "server closed the connection (", Level.WARN);
            assertEndedOnce(logs, cidByPort.get(badPort), "connection failed (", Level.ERROR);
            assertThat(endLines(logs)).as("one end line per accepted connection, no more").hasSize(cidByPort.size());
        }
    }

    private static void assertEndedOnce(LogCapture logs, String cid, String kind, Level level) {
        List<String> ends = endLines(logs).stream().filter(l -> l.startsWith("[" + cid + "] ")).toList();
        assertThat(ends).as("end lines of %s", cid).singleElement()
                .satisfies(line -> assertThat(line).startsWith("[" + cid + "] " + kind));
        assertThat(logs.lines(level)).as("the end line of %s is at %s or above", cid, level).contains(ends.getFirst());
        if (level != Level.ERROR) {
            Level above = level == Level.INFO ? Level.WARN : Level.ERROR;
            assertThat(logs.lines(above)).as("the end line of %s is not above %s", cid, level).doesNotContain(ends.getFirst());
        }
    }

    private static List<String> endLines(LogCapture logs) {
        return logs.lines(Level.INFO).stream()
                .filter(l -> END_KINDS.stream().anyMatch(k -> l.substring(l.indexOf("] ") + 2).startsWith(k)))
                .toList();
    }

    private static Map<Integer, String> cidsByPort(LogCapture logs) {
        return logs.lines(Level.INFO).stream().map(ACCEPTED::matcher).filter(Matcher::find)
                .collect(Collectors.toMap(m -> Integer.parseInt(m.group(2)), m -> m.group(1), (a, b) -> b));
    }

    private static int localPort(RtmpClientConnector.Connection c) {
        return ((InetSocketAddress) c.connectFuture().channel().localAddress()).getPort();
    }
}
