package dev.rill.server.rtmp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import dev.rill.codec.amf.AmfObject;
import dev.rill.server.rtmp.client.RtmpClientConnector;
import dev.rill.server.testing.LogCapture;
import dev.rill.server.testing.RtmpClients;
import dev.rill.server.testing.RawRtmpSocket;
import dev.rill.server.testing.RecordingPlayer;
import dev.rill.server.testing.SyntheticPublisher;
import dev.rill.server.testing.TestServer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Malformed input closes only the connection that sent it, with an error line saying what was
 * wrong, while a healthy stream on the same server keeps flowing.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BadInputTest {
    @RegisterExtension
    static final RtmpClients CLIENTS = new RtmpClients();



    static Stream<Arguments> badInputs() {
        return Stream.of(
                Arguments.of("garbage instead of a handshake", false,
                        "GET / HTTP/1.1\r\nHost: example.com\r\n\r\n".getBytes(StandardCharsets.US_ASCII), "is not 3"),
                Arguments.of("chunk size 0", true, setChunkSize(0), "chunk size 0"),
                Arguments.of("chunk size 2^31", true, setChunkSize(0x80000000), "chunk size 2147483648"),
                Arguments.of("message length past the limit", true, hugeMessageHeader(), "exceeds"),
                Arguments.of("AMF nested 5,000 deep", true, deeplyNestedConnect(5_000), "nesting"),
                Arguments.of("random bytes after a valid connect", true, randomAfterConnect(), "code="));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void closesOnlyTheBadConnection(String name, boolean handshake, byte[] bytes, String logFragment) throws Exception {
        try (TestServer server = TestServer.start(); LogCapture logs = new LogCapture()) {
            RtmpClientConnector connector = CLIENTS.connector();
            SyntheticPublisher publisher = SyntheticPublisher.publish(connector, server.rtmp(), "live", "healthy", 2000, 25, 20);
            RecordingPlayer player = RecordingPlayer.play(connector, server.rtmp(), "live", "healthy");
            await().atMost(Duration.ofSeconds(10)).until(() -> player.packets.videoCount() > 5);

            try (RawRtmpSocket bad = RawRtmpSocket.connect(server.rtmp())) {
                if (handshake) {
                    bad.simpleHandshake();
                }
                bad.write(bytes);
                assertThat(bad.awaitClosedByServer(Duration.ofSeconds(10))).as("server closed the bad connection").isTrue();
            }
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(logs.lines(Level.ERROR))
                    .anySatisfy(line -> assertThat(line).contains(logFragment)));

            int before = player.packets.videoCount();
            await().atMost(Duration.ofSeconds(10)).until(() -> player.packets.videoCount() >= before + 10);
            assertThat(publisher.isActive()).isTrue();
            assertThat(player.isActive()).isTrue();
            publisher.close();
            player.close();
        }
    }

    private static byte[] setChunkSize(long size) {
        byte[] payload = {(byte) (size >>> 24), (byte) (size >>> 16), (byte) (size >>> 8), (byte) size};
        return RawRtmpSocket.chunked(2, 1, 0, payload, 128);
    }

    /** A fmt-0 header declaring a 16 MiB - 1 video message; no payload needs to follow. */
    private static byte[] hugeMessageHeader() {
        return new byte[] {0x06, 0, 0, 0, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 9, 1, 0, 0, 0};
    }

    private static byte[] deeplyNestedConnect(int depth) {
        ByteArrayOutputStream amf = new ByteArrayOutputStream();
        byte[] head = RawRtmpSocket.amf0("connect", 1.0);
        amf.writeBytes(head);
        for (int i = 0; i < depth; i++) {
            amf.write(0x03);
            amf.writeBytes(new byte[] {0, 1, 'a'});
        }
        amf.write(0x05);
        for (int i = 0; i < depth; i++) {
            amf.writeBytes(new byte[] {0, 0, 0x09});
        }
        return RawRtmpSocket.chunked(3, 20, 0, amf.toByteArray(), 128);
    }

    private static byte[] randomAfterConnect() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] connect = RawRtmpSocket.amf0("connect", 1.0, AmfObject.of("app", "live", "tcUrl", "rtmp://127.0.0.1/live"));
        out.writeBytes(RawRtmpSocket.chunked(3, 20, 0, connect, 128));
        byte[] random = new byte[64 * 1024];
        new Random(20261125L).nextBytes(random);
        out.writeBytes(random);
        return out.toByteArray();
    }
}
