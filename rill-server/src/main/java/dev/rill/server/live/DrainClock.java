package dev.rill.server.live;

import io.netty.channel.EventLoop;
import io.netty.util.internal.PlatformDependent;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When the players of one event loop write, for one merge delay: a player with something queued
 * joins the clock, and one task drains every player that joined, {@code delayMs} after the first
 * of them (at once when the delay is 0). A timer per player would wake the loop once per player
 * per interval; with the clock the loop wakes once per interval and writes its players back to
 * back, so their viewers' sides wake fewer times too. A player waits at most {@code delayMs}.
 */
final class DrainClock {
    private static final Logger LOG = LoggerFactory.getLogger(DrainClock.class);
    private static final ConcurrentMap<EventLoop, ConcurrentMap<Long, DrainClock>> CLOCKS = new ConcurrentHashMap<>();

    private final EventLoop loop;
    private final long delayMs;
    private final Queue<Drainable> due = PlatformDependent.newMpscQueue();
    private final AtomicBoolean tickPending = new AtomicBoolean();
    private final Runnable tick = this::tick;
    private volatile long ticks;

    private DrainClock(EventLoop loop, long delayMs) {
        this.loop = loop;
        this.delayMs = delayMs;
    }

    /** The clock of {@code loop} for {@code delayMs}; forgotten when the loop terminates. */
    static DrainClock of(EventLoop loop, long delayMs) {
        ConcurrentMap<Long, DrainClock> byDelay = CLOCKS.get(loop);
        if (byDelay == null) {
            byDelay = CLOCKS.computeIfAbsent(loop, l -> {
                l.terminationFuture().addListener(f -> CLOCKS.remove(l));
                return new ConcurrentHashMap<>();
            });
        }
        DrainClock clock = byDelay.get(delayMs);
        return clock != null ? clock : byDelay.computeIfAbsent(delayMs, d -> new DrainClock(loop, d));
    }

    /** Number of loops with clocks; for tests that check clocks do not outlive their loops. */
    static int loopsWithClocks() {
        return CLOCKS.size();
    }

    /** Ticks run so far. */
    long ticks() {
        return ticks;
    }

    /**
     * Drains {@code consumer} at this clock's next tick; called once until that drain starts.
     * Returns false when the clock's loop has ended (a server shutting down, a publisher closing
     * on one loop after a player's loop ended): nothing will be drained, and the caller releases
     * what it holds for the drain instead of throwing out of an unpublish or a fan-out.
     */
    boolean join(Drainable consumer) {
        due.offer(consumer);
        if (tickPending.compareAndSet(false, true)) {
            try {
                if (delayMs <= 0) {
                    loop.execute(tick);
                } else {
                    loop.schedule(tick, delayMs, TimeUnit.MILLISECONDS);
                }
            } catch (RejectedExecutionException e) {
                LOG.debug("loop {} has ended; {} ms clock not ticking", loop, delayMs);
                return false;
            }
        }
        return !loop.isShutdown();
    }

    /** What joins a clock: a player, or the players of one source that share this clock. */
    interface Drainable {
        /** Writes what is queued; runs on the clock's loop. */
        void drain();

        /** {@link #drain()} threw. */
        void drainFailed(RuntimeException e);
    }

    private void tick() {
        tickPending.set(false);
        ticks++;
        // Only those due when the tick starts: a player that joins meanwhile has armed the next tick.
        for (int n = due.size(); n > 0; n--) {
            Drainable consumer = due.poll();
            if (consumer == null) {
                break;
            }
            try {
                consumer.drain();
            } catch (RuntimeException e) {
                consumer.drainFailed(e);
            }
        }
    }
}
