package dev.rill.server.live;

import static dev.rill.server.live.Messages.audioHeader;
import static dev.rill.server.live.Messages.interFrame;
import static dev.rill.server.live.Messages.keyframe;
import static dev.rill.server.live.Messages.videoHeader;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.codec.ByteBudget;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A queue's byte bounds: its own, the budget all queues share, and a span in time that ignores headers. */
class ConsumerQueueBytesTest {
    /** Bytes of each test video message, header or frame. */
    private static final long FRAME = 6;

    private final List<SharedMessage> drained = new ArrayList<>();

    @AfterEach
    void releaseDrained() {
        Messages.releaseAll(drained);
    }

    @Test
    void frozenTimestampsAreShedAtTheQueuesByteLimit() {
        long frame = FRAME;
        ByteBudget total = ByteBudget.unlimited("media");
        ConsumerQueue q = new ConsumerQueue(new QueueLimits(30, 10 * frame, total));
        q.offer(videoHeader(0));
        int dropped = 0;
        for (int i = 0; i < 100; i++) {
            dropped += Math.max(0, q.offer(i % 20 == 0 ? keyframe(0) : interFrame(0)));
        }
        assertThat(dropped).isPositive();
        assertThat(q.bytes()).isLessThanOrEqualTo(10 * frame + FRAME);
        assertThat(total.used()).isEqualTo(q.bytes());
        q.close();
        assertThat(total.used()).isZero();
    }

    @Test
    void theQueueThatPassesTheSharedBudgetShrinksAndTheOthersKeepTheirs() {
        long frame = FRAME;
        ByteBudget total = new ByteBudget("media", 15 * frame);
        ConsumerQueue steady = new ConsumerQueue(new QueueLimits(30, Long.MAX_VALUE, total));
        ConsumerQueue growing = new ConsumerQueue(new QueueLimits(30, Long.MAX_VALUE, total));
        steady.offer(keyframe(0));
        for (int i = 1; i < 10; i++) {
            steady.offer(interFrame(i));
        }
        int dropped = 0;
        for (int i = 0; i < 40; i++) {
            dropped += Math.max(0, growing.offer(i % 8 == 0 ? keyframe(i) : interFrame(i)));
        }
        assertThat(dropped).isPositive();
        assertThat(steady.size()).isEqualTo(10);
        assertThat(steady.dropped()).isZero();
        assertThat(total.used()).isLessThanOrEqualTo(15 * frame);
        steady.close();
        growing.close();
        assertThat(total.used()).isZero();
    }

    @Test
    void sequenceHeadersFromTheStreamsStartDoNotMakeANewPlayersQueueLong() {
        ConsumerQueue q = new ConsumerQueue(1.0);
        q.offer(videoHeader(0));
        q.offer(audioHeader(0));
        for (int i = 0; i < 10; i++) {
            assertThat(q.offer(i == 0 ? keyframe(60_000 + i * 40) : interFrame(60_000 + i * 40))).isZero();
        }
        assertThat(q.dropped()).isZero();
        assertThat(q.drainTo(drained)).isEqualTo(12);
    }
}
