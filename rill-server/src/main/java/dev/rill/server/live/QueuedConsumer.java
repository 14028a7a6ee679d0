package dev.rill.server.live;

import dev.rill.server.log.ContextLog;
import io.netty.channel.Channel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The part every network player shares (RTMP, HTTP-FLV, WebSocket-FLV, ...). Live messages come
 * from the player's {@link ConsumerGroup} at its clock's tick, on the player's own event loop, at
 * most {@code mergeDelayMs} after they were published (merged write; at once when 0): a caught-up
 * player writes them as one batch, flushed once. What the source hands over at attach (the GOP),
 * statuses, and live messages for a player that is behind go to a bounded {@link ConsumerQueue},
 * drained by the {@link DrainClock} the players of that loop share (the first batch at once, so a
 * new player starts without the delay). A player whose socket is not writable is skipped until
 * {@link #onWritable()}; meanwhile its queue is shrunk at {@code queue_length}, touching nobody else.
 */
public abstract class QueuedConsumer implements LiveConsumer, DrainClock.Drainable {

    protected final Channel channel;
    protected final ContextLog log;
    private final DropReport drops;
    /** Merged write: the clock of this player's loop for its merge delay. */
    private final DrainClock clock;
    /** A new player's first batch (the GOP) goes out at once. */
    private final DrainClock firstClock;
    private final ConsumerQueue queue;
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final List<SharedMessage> batch = new ArrayList<>();
    private long messagesSent;
    /** When the socket last took bytes while some waited, for the send timeout; -1 while writable. */
    private long stallStartMs = -1;
    private long pendingAtLastCheck;
    /** Set once the first batch is written: a new player's first batch (the GOP) goes out at once. */
    private volatile boolean started;

    protected QueuedConsumer(Channel channel, ContextLog log, long mergeDelayMs, QueueLimits queueLimits) {
        this.channel = channel;
        this.log = log;
        this.drops = new DropReport(log, "player");
        this.queue = new ConsumerQueue(queueLimits);
        this.clock = DrainClock.of(channel.eventLoop(), mergeDelayMs);
        this.firstClock = DrainClock.of(channel.eventLoop(), 0);
    }

    @Override
    public String cid() {
        return log.cid();
    }

    @Override
    public void enqueue(SharedMessage msg) {
        int dropped = queue.offer(msg);
        if (dropped > 0) {
            drops.add(dropped);
        }
        if (dropped >= 0) {
            scheduleDrain();
        }
    }

    /** The socket can take more: resume draining. */
    public void onWritable() {
        scheduleDrain();
    }

    /**
     * How long the socket has taken nothing while this player's bytes wait (it is not writable and
     * what is pending has not shrunk since {@code nowMs - result}); 0 while it writes. Called once a
     * second or so on the player's loop: a player that never reads is found by this, since its
     * queue's bounds only make it lose messages, and it would otherwise keep its slot for ever.
     */
    public final long stalledMillis(long nowMs) {
        if (channel.isWritable() || !channel.isActive()) {
            stallStartMs = -1;
            return 0;
        }
        long pending = channel.bytesBeforeWritable();
        if (stallStartMs < 0 || pending < pendingAtLastCheck) {
            stallStartMs = nowMs;
        }
        pendingAtLastCheck = pending;
        return nowMs - stallStartMs;
    }

    public long messagesSent() {
        return messagesSent;
    }

    public long dropped() {
        return queue.dropped();
    }

    /** Releases what is queued; later offers are released at once. */
    public void close() {
        queue.close();
    }

    /** Whether a drain may write now; false skips it until the next {@link #scheduleDrain()}. */
    protected boolean canWrite() {
        return channel.isWritable();
    }

    /**
     * Writes {@code messages} (without flushing) and takes over every reference: each is released
     * once the channel is done with the write that carries it, even on failure.
     * Runs on the channel's event loop.
     */
    protected abstract void writeBatch(List<SharedMessage> messages);

    /** Moves what is queued to {@code out} (the caller owns those references) and refuses more. */
    protected final void closeAndDrainTo(List<SharedMessage> out) {
        queue.drainTo(out);
        queue.close();
    }

    protected final void scheduleDrain() {
        if (!drainScheduled.compareAndSet(false, true)) {
            return;
        }
        if (!(started ? clock : firstClock).join(this)) {
            // This player's loop has ended: release what is queued, and later offers at once.
            queue.close();
        }
    }

    /** A drain threw: this player is closed, the others on its loop carry on. */
    @Override
    public final void drainFailed(RuntimeException e) {
        log.warn("closing the player: writing its queue failed: {}", e.toString());
        queue.close();
        channel.close();
    }

    /**
     * Writes whatever is queued now, on the event loop; returns without writing when it may not.
     * Called by this player's {@link DrainClock}.
     */
    @Override
    public final void drain() {
        drainScheduled.set(false);
        if (!channel.isActive()) {
            queue.close();
            return;
        }
        if (!canWrite()) {
            return;
        }
        queue.drainTo(batch);
        writeNow();
    }

    /** The clock this player's live messages are drained on once it has started. */
    final DrainClock clock() {
        return clock;
    }

    /**
     * Live messages of this player's source, lent by its {@link ConsumerGroup} on this player's
     * loop. A player that has started, has nothing queued and can write writes them at once
     * ({@link #writeRun}); otherwise they join its queue (and its shrinking at {@code queue_length})
     * behind what is there, each retained.
     */
    final void takeShared(LiveRun run) {
        List<SharedMessage> messages = run.messages();
        int n = messages.size();
        if (started && channel.isActive() && canWrite() && queue.isCaughtUp()) {
            if (writeRun(run)) {
                messagesSent += n;
                flushBatch();
                return;
            }
            retainAll(messages, batch);
            writeNow();
            return;
        }
        for (int i = 0; i < n; i++) {
            enqueue(messages.get(i).retain());
        }
    }

    /**
     * Writes a caught-up player's live run (without flushing) and returns true, or returns false
     * having done nothing, and the run is written as this player's own batch. The run's messages are
     * lent: a player retains those it keeps past the call.
     */
    protected boolean writeRun(LiveRun run) {
        return false;
    }

    /**
     * Adds a reference of this player's own to each of {@code lent} to {@code into}; if a retain
     * fails, releases what it added and clears {@code into}.
     */
    protected static void retainAll(List<SharedMessage> lent, List<SharedMessage> into) {
        boolean retained = false;
        try {
            for (int i = 0, n = lent.size(); i < n; i++) {
                into.add(lent.get(i).retain());
            }
            retained = true;
        } finally {
            if (!retained) {
                into.forEach(SharedMessage::release);
                into.clear();
            }
        }
    }

    /** Writes and flushes {@link #batch}, which this player owns, leaving it empty. */
    private void writeNow() {
        if (batch.isEmpty()) {
            return;
        }
        int n = batch.size();
        try {
            writeBatch(batch);
            messagesSent += n;
            started = true;
        } finally {
            batch.clear();
        }
        flushBatch();
    }

    /** Flushes what {@link #writeBatch} wrote; a player may flush from nearer the socket. */
    protected void flushBatch() {
        channel.flush();
    }

}
