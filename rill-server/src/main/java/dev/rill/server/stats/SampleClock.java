package dev.rill.server.stats;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the statistics samples of every client on one event loop together, every
 * {@link StatsRegistry#SAMPLE_PERIOD_MS}: one timer per loop instead of one per client, so a loop
 * with hundreds of players wakes once a period for them, not hundreds of times. Samples are added
 * and removed on the loop (calls from elsewhere are passed to it).
 */
public final class SampleClock {
    private static final Logger LOG = LoggerFactory.getLogger(SampleClock.class);
    private static final ConcurrentMap<EventLoop, SampleClock> CLOCKS = new ConcurrentHashMap<>();

    private final EventLoop loop;
    private final Set<Runnable> samples = new LinkedHashSet<>();
    private final List<Runnable> running = new ArrayList<>();
    private ScheduledFuture<?> timer;

    private SampleClock(EventLoop loop) {
        this.loop = loop;
    }

    /** The clock of {@code loop}; forgotten when the loop terminates. */
    public static SampleClock of(EventLoop loop) {
        SampleClock clock = CLOCKS.get(loop);
        return clock != null ? clock : CLOCKS.computeIfAbsent(loop, l -> {
            l.terminationFuture().addListener(f -> CLOCKS.remove(l));
            return new SampleClock(l);
        });
    }

    /** Runs {@code sample} once a period from the next tick on, until {@link #remove}. */
    public void add(Runnable sample) {
        if (!loop.inEventLoop()) {
            loop.execute(() -> add(sample));
            return;
        }
        samples.add(sample);
        if (timer == null) {
            long period = StatsRegistry.SAMPLE_PERIOD_MS;
            timer = loop.scheduleAtFixedRate(this::tick, period, period, TimeUnit.MILLISECONDS);
        }
    }

    public void remove(Runnable sample) {
        if (!loop.inEventLoop()) {
            loop.execute(() -> remove(sample));
            return;
        }
        samples.remove(sample);
        if (samples.isEmpty() && timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    /** Samples on this clock now; for tests. */
    int size() {
        return samples.size();
    }

    private void tick() {
        // A sample may add or remove samples; run over a copy.
        running.addAll(samples);
        try {
            for (Runnable sample : running) {
                try {
                    sample.run();
                } catch (RuntimeException e) {
                    LOG.warn("a statistics sample failed: {}", e.toString());
                }
            }
        } finally {
            running.clear();
        }
    }
}
