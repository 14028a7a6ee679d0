package dev.rill.server.api;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Slows down guessing the API's password: after {@value #FREE_FAILURES} failed attempts an
 * address waits {@value #FIRST_WAIT_MS} ms before its next try, and each further failure doubles
 * the wait up to {@value #MAX_WAIT_MS} ms. Attempts while it waits are not checked at all (so a
 * right guess cannot be told from a wrong one then). Success, or {@value #FORGET_MS} ms without a
 * failure, forgets the address. Only timestamps: nothing sleeps, so it may run on an event loop.
 * IPv6 addresses count by their /64, which one host usually holds whole.
 */
final class AuthThrottle {
    static final int FREE_FAILURES = 5;
    static final long FIRST_WAIT_MS = 1_000;
    static final long MAX_WAIT_MS = 300_000;
    static final long FORGET_MS = 600_000;
    /** The most addresses remembered; past it the one unseen longest is dropped. */
    static final int MAX_TRACKED = 4096;

    /** What a failure did: the address's failures so far, and how long it now waits (0: none). */
    record Failure(int failures, long waitMs) {
    }

    private static final class State {
        int failures;
        long lastFailure;
        long blockedUntil;
    }

    private final LongSupplier millis;
    private final Map<Key, State> states = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, State> eldest) {
            return size() > MAX_TRACKED;
        }
    };

    /** {@code millis} is a monotonic clock in milliseconds. */
    AuthThrottle(LongSupplier millis) {
        this.millis = millis;
    }

    /** How long {@code address} must still wait before it may try again; 0 when it may now. */
    synchronized long waitMs(InetAddress address) {
        State s = current(Key.of(address));
        return s == null ? 0 : Math.max(0, s.blockedUntil - millis.getAsLong());
    }

    /** Counts a failed attempt of {@code address}, which may start its wait. */
    synchronized Failure failed(InetAddress address) {
        Key key = Key.of(address);
        State s = current(key);
        if (s == null) {
            s = new State();
            states.put(key, s);
        }
        long now = millis.getAsLong();
        s.failures++;
        s.lastFailure = now;
        long wait = 0;
        if (s.failures >= FREE_FAILURES) {
            int doublings = Math.min(s.failures - FREE_FAILURES, 20);
            wait = Math.min(MAX_WAIT_MS, FIRST_WAIT_MS << doublings);
            s.blockedUntil = now + wait;
        }
        return new Failure(s.failures, wait);
    }

    /** The right credentials: {@code address} starts afresh. */
    synchronized void succeeded(InetAddress address) {
        states.remove(Key.of(address));
    }

    /** How many addresses are remembered (for tests). */
    synchronized int tracked() {
        return states.size();
    }

    /** The state of {@code key}, or null when there is none or it is old enough to forget. */
    private State current(Key key) {
        State s = states.get(key);
        if (s != null && millis.getAsLong() - Math.max(s.lastFailure, s.blockedUntil) >= FORGET_MS) {
            states.remove(key);
            return null;
        }
        return s;
    }

    /** An IPv4 address, or an IPv6 address's first 64 bits. */
    private record Key(byte[] bytes) {
        static Key of(InetAddress address) {
            if (address == null) {
                return new Key(new byte[0]);
            }
            byte[] b = address.getAddress();
            return new Key(address instanceof Inet6Address ? Arrays.copyOf(b, 8) : b);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Arrays.equals(bytes, k.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }
    }
}
