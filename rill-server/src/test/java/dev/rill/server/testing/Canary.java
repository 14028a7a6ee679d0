package dev.rill.server.testing;

import static org.awaitility.Awaitility.await;

import dev.rill.server.rtmp.client.RtmpClientConnector;
import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * A stream that must play on through an attack: {@code live/canary} published at
 * {@link #FPS} frames a second and played over RTMP. Its frame rate is what the player received
 * in a measured window, so an attack that stalls a loop or sheds the wrong client shows as a
 * drop in it.
 */
public final class Canary implements AutoCloseable {
    public static final int FPS = 25;

    private final SyntheticPublisher publisher;
    private final RecordingPlayer player;

    private Canary(SyntheticPublisher publisher, RecordingPlayer player) {
        this.publisher = publisher;
        this.player = player;
    }

    /** Publishes and plays the canary, returning once the player receives frames. */
    public static Canary start(RtmpClientConnector connector, InetSocketAddress rtmp) {
        SyntheticPublisher publisher = SyntheticPublisher.publish(connector, rtmp, "live", "canary", 2000, FPS,
                1000 / FPS);
        await().atMost(Duration.ofSeconds(10)).until(() -> publisher.statuses.contains("NetStream.Publish.Start"));
        RecordingPlayer player = RecordingPlayer.play(connector, rtmp, "live", "canary");
        await().atMost(Duration.ofSeconds(10)).until(() -> player.packets.videoCount() > FPS / 2);
        return new Canary(publisher, player);
    }

    /**
     * The frames a second the canary's player received over the next {@code window}: a
     * measurement, so it waits the window out.
     */
    public double framesPerSecond(Duration window) throws InterruptedException {
        int before = player.packets.videoCount();
        long start = System.nanoTime();
        Thread.sleep(window.toMillis());
        int after = player.packets.videoCount();
        return (after - before) * 1e9 / (System.nanoTime() - start);
    }

    /** Whether both of the canary's connections are still up. */
    public boolean isAlive() {
        return publisher.isActive() && player.isActive();
    }

    @Override
    public void close() {
        player.close();
        publisher.close();
    }
}
