package dev.rill.server.live;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Re-orders audio and video into timestamp order before they reach the GOP cache and consumers
 * ({@code mix_correct on}, SRS's SrsMixQueue): a message leaves once the queue holds at least one
 * audio and one video message, or {@link #PURE_AV} of one kind and none of the other.
 */
final class MixQueue {
    static final int PURE_AV = 10;

    private record Entry(long seq, SharedMessage msg) {
    }

    private final PriorityQueue<Entry> queue = new PriorityQueue<>((a, b) -> {
        int byTime = Long.compare(a.msg.timestamp(), b.msg.timestamp());
        return byTime != 0 ? byTime : Long.compare(a.seq, b.seq);
    });
    private long seq;
    private int videos;
    private int audios;

    /** Takes the reference; returns the messages now in order, for the caller to own. */
    List<SharedMessage> push(SharedMessage msg) {
        queue.add(new Entry(seq++, msg));
        if (msg.isVideo()) {
            videos++;
        } else {
            audios++;
        }
        List<SharedMessage> out = new ArrayList<>(1);
        while (ready()) {
            SharedMessage m = queue.poll().msg;
            if (m.isVideo()) {
                videos--;
            } else {
                audios--;
            }
            out.add(m);
        }
        return out;
    }

    void clear() {
        for (Entry e : queue) {
            e.msg.release();
        }
        queue.clear();
        videos = 0;
        audios = 0;
    }

    private boolean ready() {
        return (videos >= 1 && audios >= 1) || (videos >= PURE_AV && audios == 0) || (audios >= PURE_AV && videos == 0);
    }
}
