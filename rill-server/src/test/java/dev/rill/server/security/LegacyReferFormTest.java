package dev.rill.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rill.server.config.RillConfig;
import dev.rill.server.live.LiveSource;
import dev.rill.server.live.StreamKey;
import dev.rill.codec.amf.AmfObject;
import dev.rill.server.testing.Ffmpeg;
import dev.rill.server.testing.RawRtmpSocket;
import dev.rill.server.testing.RtmpClients;
import dev.rill.server.testing.SyntheticPublisher;
import dev.rill.server.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * SRS 1/2's vhost-level {@code refer_publish DOMAIN;}, which SRS 3 still reads as
 * {@code refer { enabled on; publish DOMAIN; }}: a publisher whose pageUrl is not of that domain
 * (no pageUrl at all, as ffmpeg and most encoders send) is refused; one whose pageUrl is, is not.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class LegacyReferFormTest {
    @RegisterExtension
    static final RtmpClients CLIENTS = new RtmpClients();

    @TempDir
    Path dir;

    private static final String VHOST = "refer_publish studio.example;";

    private static boolean publishing(TestServer server, String stream) {
        LiveSource s = server.server().context().sources().find(
                new StreamKey(RillConfig.DEFAULT_VHOST, "live", stream));
        return s != null && s.publisher() != null;
    }

    @Test
    void aPublisherWithoutAMatchingPageUrlIsRefused() throws Exception {
        try (TestServer server = TestServer.start("", VHOST)) {
            assertThat(server.server().config().refer(RillConfig.DEFAULT_VHOST).publish())
                    .containsExactly("studio.example");
            SyntheticPublisher publisher = SyntheticPublisher.publish(CLIENTS.connector(), server.rtmp(), "live",
                    "nopage", 2000, 10, 20);
            await().atMost(Duration.ofSeconds(10)).until(() -> publisher.statuses.contains("NetStream.Publish.Denied"));
            assertThat(publisher.statuses).doesNotContain("NetStream.Publish.Start");
            assertThat(publishing(server, "nopage")).isFalse();
            publisher.close();
        }
    }

    @Test
    void ffmpegWithoutAPageUrlIsRefused() throws Exception {
        try (TestServer server = TestServer.start("", VHOST)) {
            Path log = dir.resolve("ffmpeg.log");
            Process ffmpeg = Ffmpeg.start(log, "-re", "-f", "lavfi", "-i", "testsrc=size=160x120:rate=10", "-t", "3",
                    "-c:v", "libx264", "-preset", "ultrafast", "-g", "10", "-pix_fmt", "yuv420p", "-f", "flv",
                    server.url("live", "plain"));
            assertThat(ffmpeg.waitFor(30, TimeUnit.SECONDS)).as("ffmpeg gives up").isTrue();
            assertThat(ffmpeg.exitValue()).as("ffmpeg fails: %s", Files.readString(log)).isNotZero();
            assertThat(Files.readString(log)).contains("refused");
            assertThat(publishing(server, "plain")).isFalse();
        }
    }

    /** A Flash-style publish whose connect carries {@code pageUrl} (ffmpeg sends one only to play). */
    private static boolean publishFrom(TestServer server, String pageUrl, String stream, String answer)
            throws Exception {
        try (RawRtmpSocket raw = RawRtmpSocket.connect(server.rtmp()).simpleHandshake()) {
            AmfObject connect = AmfObject.of("app", "live", "tcUrl", "rtmp://127.0.0.1/live");
            if (pageUrl != null) {
                connect.put("pageUrl", pageUrl);
            }
            raw.write(RawRtmpSocket.chunked(3, 20, 0, RawRtmpSocket.amf0("connect", 1.0, connect), 128));
            raw.write(RawRtmpSocket.chunked(3, 20, 0, RawRtmpSocket.amf0("createStream", 2.0, null), 128));
            raw.write(RawRtmpSocket.chunked(8, 20, 1, RawRtmpSocket.amf0("publish", 3.0, null, stream, "live"), 128));
            return raw.awaitReceived(answer, 1, Duration.ofSeconds(10));
        }
    }

    @Test
    void aPublisherWhosePageUrlIsOfTheDomainPublishes() throws Exception {
        try (TestServer server = TestServer.start("", VHOST)) {
            assertThat(publishFrom(server, "http://www.studio.example/broadcast.html", "paged",
                    "NetStream.Publish.Start")).isTrue();
            assertThat(publishFrom(server, "http://elsewhere.example/studio.example", "other",
                    "NetStream.Publish.Denied")).isTrue();
            assertThat(publishFrom(server, null, "none", "NetStream.Publish.Denied")).isTrue();
        }
    }
}
