package dev.rill.server.rtmp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import dev.rill.codec.amf.AmfObject;
import dev.rill.codec.rtmp.client.RtmpClientHandler;
import dev.rill.codec.rtmp.client.RtmpClientListener;
import dev.rill.server.rtmp.client.RtmpClientConnector;
import dev.rill.server.testing.LogCapture;
import dev.rill.server.testing.RtmpClients;
import dev.rill.server.testing.SyntheticPublisher;
import dev.rill.server.testing.TestServer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code publish.firstpkt_timeout} and {@code publish.normal_timeout} close silent publishers. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PublishTimeoutTest {
    @RegisterExtension
    static final RtmpClients CLIENTS = new RtmpClients();
    private static final String PUBLISH = "publish { firstpkt_timeout 1000; normal_timeout 1000; }";




    @Test
    void publisherThatNeverSendsMediaIsClosedAfterFirstPacketTimeout() throws Exception {
        try (TestServer server = TestServer.start("", PUBLISH); LogCapture logs = new LogCapture()) {
            List<String> statuses = new CopyOnWriteArrayList<>();
            RtmpClientConnector.Connection silent = CLIENTS.connector().connect(server.rtmp(), "live", "silent",
                    RtmpClientHandler.Mode.PUBLISH, new RtmpClientListener() {
                        @Override
                        public void onStatus(String code, AmfObject info) {
                            statuses.add(code);
                        }
                    });
            await().atMost(Duration.ofSeconds(5)).until(() -> statuses.contains("NetStream.Publish.Start"));
            long started = System.nanoTime();
            await().atMost(Duration.ofSeconds(5)).until(() -> !silent.connectFuture().channel().isActive());
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("closed no sooner than the timeout")
                    .isGreaterThanOrEqualTo(Duration.ofMillis(900));
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(logs.lines(Level.WARN))
                    .anySatisfy(line -> assertThat(line).contains("firstpkt_timeout 1000")));
            assertThat(logs.lines(Level.WARN)).noneSatisfy(line -> assertThat(line).contains("normal_timeout"));
        }
    }

    @Test
    void publisherThatFallsSilentIsClosedAfterNormalTimeout() throws Exception {
        try (TestServer server = TestServer.start("", PUBLISH); LogCapture logs = new LogCapture()) {
            SyntheticPublisher publisher = SyntheticPublisher.publish(CLIENTS.connector(), server.rtmp(), "live", "stops",
                    1000, 10, 20).limit(10);
            await().atMost(Duration.ofSeconds(5)).until(() -> publisher.framesSent() == 10);
            long stopped = System.nanoTime();
            await().atMost(Duration.ofSeconds(5)).until(() -> !publisher.isActive());
            assertThat(Duration.ofNanos(System.nanoTime() - stopped)).as("closed no sooner than the timeout")
                    .isGreaterThanOrEqualTo(Duration.ofMillis(900));
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(logs.lines(Level.WARN))
                    .anySatisfy(line -> assertThat(line).contains("normal_timeout 1000")));
            assertThat(logs.lines(Level.WARN)).noneSatisfy(line -> assertThat(line).contains("firstpkt_timeout"));
        }
    }

    @Test
    void publisherThatKeepsSendingOutlivesBothTimeouts() throws Exception {
        try (TestServer server = TestServer.start("", PUBLISH); LogCapture logs = new LogCapture()) {
            SyntheticPublisher publisher = SyntheticPublisher.publish(CLIENTS.connector(), server.rtmp(), "live", "steady",
                    1000, 10, 20).limit(150);
            await().atMost(Duration.ofSeconds(10)).until(() -> publisher.framesSent() == 150);
            assertThat(publisher.isActive()).as("a steady publisher is not timed out").isTrue();
            assertThat(logs.lines(Level.WARN)).noneSatisfy(line -> assertThat(line).contains("timeout"));
            publisher.close();
        }
    }
}
