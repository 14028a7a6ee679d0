package dev.rill.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.IntSupplier;

/**
 * The frames a publisher sent and a player received between two points in a test, e.g. while a
 * fault is under way: a player whose event loop or queue was held back receives fewer than were
 * sent. Both counts are read at the same moment, with no waiting, so a stall that is caught up
 * later still shows. Wall time is kept for the report only, never asserted.
 */
public final class FrameWindow {
    private final String name;
    private final IntSupplier sent;
    private final IntSupplier received;
    private final int sentAtOpen;
    private final int receivedAtOpen;
    private final long openedNanos = System.nanoTime();

    private FrameWindow(String name, IntSupplier sent, IntSupplier received) {
        this.name = name;
        this.sent = sent;
        this.received = received;
        this.sentAtOpen = sent.getAsInt();
        this.receivedAtOpen = received.getAsInt();
    }

    public static FrameWindow open(String name, IntSupplier sent, IntSupplier received) {
        return new FrameWindow(name, sent, received);
    }

    /** Frames sent since the window opened. */
    public int sent() {
        return sent.getAsInt() - sentAtOpen;
    }

    /**
     * Asserts that at least {@code share} of the frames sent since the window opened have arrived
     * (and that some were sent); prints the figures. Returns the received share.
     */
    public double assertKept(double share) {
        int s = sent();
        int r = received.getAsInt() - receivedAtOpen;
        long ms = (System.nanoTime() - openedNanos) / 1_000_000;
        double kept = s == 0 ? 0 : (double) r / s;
        System.out.printf("%s: received %d of %d frames sent in %d ms (%.0f%%, %.1f fps)%n", name, r, s, ms,
                kept * 100, ms == 0 ? 0 : r * 1000.0 / ms);
        assertThat(s).as(name + ": frames sent in the window").isPositive();
        assertThat(kept).as(name + ": share of the frames sent in the window that arrived").isGreaterThanOrEqualTo(share);
        return kept;
    }
}
