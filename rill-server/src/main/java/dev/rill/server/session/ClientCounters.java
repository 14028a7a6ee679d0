package dev.rill.server.session;

/** A connection's running byte and drop totals, read by the statistics each second on its loop. */
public interface ClientCounters {
    /** Every byte the connection has received. */
    long received();

    /** Every byte the connection has sent as a player, past plays included. */
    long sent();

    /** Messages its player dropped as too slow. */
    long dropped();

    /**
     * How long, at {@code nowMs}, the connection's socket has taken nothing while data waits for
     * it; 0 while it writes or when nothing waits (and for a client that only sends).
     */
    default long stalledMillis(long nowMs) {
        return 0;
    }
}
