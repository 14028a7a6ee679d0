package dev.rill.server.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SampleClockTest {
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());

    @AfterEach
    void stop() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void samplesOfOneLoopRunTogetherAndStopWhenRemoved() {
        EventLoop loop = group.next();
        SampleClock clock = SampleClock.of(loop);
        AtomicInteger a = new AtomicInteger();
        AtomicInteger b = new AtomicInteger();
        Runnable sampleA = a::incrementAndGet;
        Runnable sampleB = () -> {
            b.incrementAndGet();
            throw new IllegalStateException("a broken sample does not stop the others");
        };
        clock.add(sampleA);
        clock.add(sampleB);

        await().atMost(Duration.ofSeconds(5)).until(() -> a.get() >= 2 && b.get() >= 2);
        assertThat(Math.abs(a.get() - b.get())).isLessThanOrEqualTo(1);

        clock.remove(sampleA);
        clock.remove(sampleB);
        await().atMost(Duration.ofSeconds(5)).until(() -> loop.submit(clock::size).get() == 0);
        int stoppedAt = a.get();
        assertThat(SampleClock.of(loop)).isSameAs(clock);
        assertThat(stoppedAt).isEqualTo(a.get());
    }
}
