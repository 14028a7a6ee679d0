package dev.rill.server.live;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The players of one source that drain on one {@link DrainClock} (one event loop, one merge
 * delay). The publisher hands each message to the group once, with one reference, instead of to
 * every player: it touches no per-player state, so its cost does not grow with the players on
 * another core. At the clock's tick the group, on the players' own loop, lends the messages that
 * arrived since the last tick to each of its players in one step ({@link QueuedConsumer#takeShared}),
 * as one {@link LiveRun} through which players that write the same bytes share one encoding.
 * Joining, leaving, and the publisher starting or stopping travel through the same inbox as the
 * media, so each player sees them in the source's order: a player that joined after a message was
 * published (and so already has it from the GOP cache) does not get it twice.
 */
final class ConsumerGroup implements DrainClock.Drainable {
    private static final Logger LOG = LoggerFactory.getLogger(ConsumerGroup.class);
    private final DrainClock clock;
    private final StreamKey key;
    /** Events in the source's order: {@link SharedMessage}s (one reference each) and {@link Event}s. */
    private List<Object> inbox = new ArrayList<>();
    private List<Object> taken = new ArrayList<>();
    private boolean drainScheduled;
    private boolean closed;
    /** Players joined and not left, as the source sees them (members may lag behind on the loop). */
    private int attached;
    /** Only touched on the clock's loop. */
    private final List<QueuedConsumer> members = new ArrayList<>();
    private final List<SharedMessage> run = new ArrayList<>();

    private sealed interface Event permits Join, Leave, Published, Unpublished {
    }

    private record Join(QueuedConsumer consumer) implements Event {
    }

    private record Leave(QueuedConsumer consumer) implements Event {
    }

    private record Published() implements Event {
    }

    private record Unpublished() implements Event {
    }

    ConsumerGroup(DrainClock clock, StreamKey key) {
        this.clock = clock;
        this.key = key;
    }

    /** Takes the caller's reference to {@code msg}. */
    void offer(SharedMessage msg) {
        if (!add(msg)) {
            msg.release();
        }
    }

    /** {@code c} gets every message offered after this call. */
    void join(QueuedConsumer c) {
        add(new Join(c));
        synchronized (this) {
            attached++;
        }
    }

    /** {@code c} gets nothing offered after this call; returns how many players are left. */
    int leave(QueuedConsumer c) {
        add(new Leave(c));
        synchronized (this) {
            return --attached;
        }
    }

    void published() {
        add(new Published());
    }

    void unpublished() {
        add(new Unpublished());
    }

    /** Releases what has not been handed over yet; later offers are released at once. */
    synchronized void close() {
        closed = true;
        for (Object e : inbox) {
            if (e instanceof SharedMessage m) {
                m.release();
            }
        }
        inbox.clear();
    }

    private boolean add(Object event) {
        boolean schedule;
        synchronized (this) {
            if (closed) {
                return false;
            }
            inbox.add(event);
            schedule = !drainScheduled;
            drainScheduled = true;
        }
        if (schedule && !clock.join(this)) {
            // The players' loop has ended, so nothing will hand this over: release it now.
            close();
        }
        return true;
    }

    private synchronized List<Object> takeInbox() {
        drainScheduled = false;
        List<Object> events = inbox;
        inbox = taken;
        taken = events;
        return events;
    }

    @Override
    public void drain() {
        List<Object> events = takeInbox();
        try {
            for (int i = 0, n = events.size(); i < n; i++) {
                Object e = events.get(i);
                events.set(i, null);
                if (e instanceof SharedMessage m) {
                    run.add(m);
                } else {
                    handOver();
                    apply((Event) e);
                }
            }
            handOver();
        } finally {
            for (Object e : events) {
                if (e instanceof SharedMessage m) {
                    m.release();
                }
            }
            events.clear();
            for (SharedMessage m : run) {
                m.release();
            }
            run.clear();
        }
    }

    /** Only a fault of the group itself gets here: each player's failure closes that player alone. */
    @Override
    public void drainFailed(RuntimeException e) {
        LOG.error("handing live messages of {} to its players failed", key, e);
    }

    /**
     * Lends the messages gathered in {@link #run} to every member as one {@link LiveRun} (a member
     * retains what it keeps), then releases the group's references.
     */
    private void handOver() {
        if (run.isEmpty()) {
            return;
        }
        int n = members.size();
        LiveRun lent = new LiveRun(List.copyOf(run), n);
        try {
            for (int i = 0; i < n; i++) {
                QueuedConsumer c = members.get(i);
                try {
                    c.takeShared(lent);
                } catch (RuntimeException e) {
                    c.drainFailed(e);
                }
            }
        } finally {
            lent.release();
            for (SharedMessage m : run) {
                m.release();
            }
            run.clear();
        }
    }

    private void apply(Event e) {
        switch (e) {
            case Join j -> members.add(j.consumer());
            case Leave l -> members.remove(l.consumer());
            case Published p -> members.forEach(c -> c.onPublish(key));
            case Unpublished u -> members.forEach(c -> c.onUnpublish(key));
        }
    }
}
