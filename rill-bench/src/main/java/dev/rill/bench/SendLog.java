package dev.rill.bench;

import java.util.HashMap;
import java.util.Map;

/**
 * What one publisher sent: for each video message (sequence headers excluded) in order, its
 * sequence number (the index) and send time; for a published file, also a payload key per message
 * so that players can look up what they received. Written by the publisher's event loop, read by
 * players on other loops and by the run at the end, hence synchronized: a few thousand calls per
 * second at most.
 */
final class SendLog {
    private final boolean keyed;
    private final Map<Long, Long> seqByKey;
    private final LongList sendNanos = new LongList(4096);

    /** @param keyed whether messages are looked up by payload key (file mode) rather than stamped */
    SendLog(boolean keyed) {
        this.keyed = keyed;
        this.seqByKey = keyed ? new HashMap<>() : Map.of();
    }

    /** Records a video message sent at {@code nanos} and returns its sequence number. */
    synchronized long append(long key, long nanos) {
        long seq = sendNanos.size();
        sendNanos.add(nanos);
        if (keyed) {
            seqByKey.put(key, seq);
        }
        return seq;
    }

    /** The latest sequence number sent with {@code key}, or -1 when none was. */
    synchronized long seqOf(long key) {
        Long seq = seqByKey.get(key);
        return seq == null ? -1 : seq;
    }

    synchronized long sendNanos(long seq) {
        return sendNanos.get(Math.toIntExact(seq));
    }

    synchronized long count() {
        return sendNanos.size();
    }

    /** The first sequence number sent at or after {@code nanos} (send times never decrease). */
    synchronized long firstSentAtOrAfter(long nanos) {
        int lo = 0;
        int hi = sendNanos.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sendNanos.get(mid) < nanos) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
