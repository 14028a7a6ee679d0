package dev.rill.codec;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A named number of bytes that many holders share (every connection's partial messages, every
 * queue's media): a holder takes what it adds and gives back what it frees, and a holder that
 * would take the budget past its limit is the one refused, so whoever grows sheds, not the others.
 * Thread-safe; holders on any thread.
 */
public final class ByteBudget {
    private final String name;
    private final long limit;
    private final AtomicLong used = new AtomicLong();

    public ByteBudget(String name, long limit) {
        if (limit < 0) {
            throw new IllegalArgumentException(name + " limit " + limit + " is negative");
        }
        this.name = name;
        this.limit = limit;
    }

    /** A budget nobody can exceed; for holders that have no shared limit. */
    public static ByteBudget unlimited(String name) {
        return new ByteBudget(name, Long.MAX_VALUE);
    }

    /** Takes {@code bytes} and returns true, or takes nothing and returns false when over the limit. */
    public boolean tryTake(long bytes) {
        while (true) {
            long now = used.get();
            long next = now + bytes;
            if (next > limit) {
                return false;
            }
            if (used.compareAndSet(now, next)) {
                return true;
            }
        }
    }

    /** Takes {@code bytes} even past the limit; returns whether the budget is now over it. */
    public boolean take(long bytes) {
        return used.addAndGet(bytes) > limit;
    }

    public void give(long bytes) {
        used.addAndGet(-bytes);
    }

    public boolean isOver() {
        return used.get() > limit;
    }

    public long used() {
        return used.get();
    }

    public long limit() {
        return limit;
    }

    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return name + " " + used.get() + " of " + limit + " bytes";
    }
}
