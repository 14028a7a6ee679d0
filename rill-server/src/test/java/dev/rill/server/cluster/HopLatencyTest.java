package dev.rill.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rill.codec.rtmp.MessageType;
import dev.rill.codec.rtmp.RtmpMessage;
import dev.rill.codec.rtmp.client.RtmpClientHandler;
import dev.rill.codec.rtmp.client.RtmpClientListener;
import dev.rill.codec.media.FlvVideo;
import dev.rill.server.rtmp.client.RtmpClientConnector;
import dev.rill.server.testing.SyntheticPublisher;
import dev.rill.server.testing.TestServer;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What one edge hop adds: the same video messages timed on a player of the origin and on a player
 * of an edge pulling from it; the difference per message is the hop (prints p50/p95/max).
 */
class HopLatencyTest {
    private static EventLoopGroup group;
    private static RtmpClientConnector connector;

    @BeforeAll
    static void startClients() {
        group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        connector = new RtmpClientConnector(group);
    }

    @AfterAll
    static void stopClients() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** Arrival time of each video message, by content. */
    static final class Timing implements RtmpClientListener {
        final Map<Integer, Long> arrivals = new ConcurrentHashMap<>();

        @Override
        public void onMessage(RtmpMessage m) {
            if (m.typeId() == MessageType.VIDEO && !FlvVideo.isSequenceHeader(m.payload())) {
                arrivals.putIfAbsent(ByteBufUtil.hashCode(m.payload()), System.nanoTime());
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"'realtime (min_latency on)', 'min_latency on;', 50", "'defaults (mw_latency 350)', '', 500"})
    void oneEdgeHopAddsLittleLatency(String name, String vhostBody, long maxMedianMs) throws Exception {
        try (TestServer origin = TestServer.start("", vhostBody);
             TestServer edge = TestServer.start("", vhostBody + " cluster { mode remote; origin 127.0.0.1:"
                     + origin.rtmp().getPort() + "; }")) {
            Timing onOrigin = new Timing();
            Timing onEdge = new Timing();
            var a = connector.connect(origin.rtmp(), "live", "lat", RtmpClientHandler.Mode.PLAY, onOrigin);
            var b = connector.connect(edge.rtmp(), "live", "lat", RtmpClientHandler.Mode.PLAY, onEdge);
            await().atMost(Duration.ofSeconds(5)).until(() ->
                    origin.server().context().sources().all().stream().anyMatch(s -> s.consumerCount() == 2));
            SyntheticPublisher publisher = SyntheticPublisher.publish(connector, origin.rtmp(), "live", "lat", 4000, 30, 33)
                    .limit(150);
            await().atMost(Duration.ofSeconds(20)).until(() -> publisher.framesSent() == 150
                    && onEdge.arrivals.size() >= 150 && onOrigin.arrivals.size() >= 150);
            List<Long> hopMicros = new ArrayList<>();
            onOrigin.arrivals.forEach((hash, t) -> {
                Long te = onEdge.arrivals.get(hash);
                if (te != null) {
                    hopMicros.add((te - t) / 1000);
                }
            });
            Collections.sort(hopMicros);
            long p50 = hopMicros.get(hopMicros.size() / 2);
            long p95 = hopMicros.get(hopMicros.size() * 95 / 100);
            System.out.printf("edge hop latency, %s: %d messages, p50 %.1f ms, p95 %.1f ms, max %.1f ms%n", name,
                    hopMicros.size(), p50 / 1000.0, p95 / 1000.0, hopMicros.getLast() / 1000.0);
            assertThat(hopMicros).hasSizeGreaterThanOrEqualTo(150);
            assertThat(p50).as("median hop, us").isLessThan(maxMedianMs * 1000);
            publisher.close();
            a.close();
            b.close();
        }
    }
}
