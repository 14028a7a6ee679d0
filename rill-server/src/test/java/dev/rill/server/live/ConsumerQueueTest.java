package dev.rill.server.live;

import static dev.rill.server.live.Messages.audio;
import static dev.rill.server.live.Messages.audioHeader;
import static dev.rill.server.live.Messages.interFrame;
import static dev.rill.server.live.Messages.keyframe;
import static dev.rill.server.live.Messages.videoHeader;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A consumer's queue: reference ownership, the queue_length shrink, and closing. */
class ConsumerQueueTest {
    private final List<SharedMessage> drained = new ArrayList<>();

    @AfterEach
    void releaseDrained() {
        Messages.releaseAll(drained);
    }

    @Test
    void offerTakesAndDrainHandsOverTheReference() {
        ConsumerQueue q = new ConsumerQueue(10);
        SharedMessage k = keyframe(0);
        SharedMessage a = audio(20);
        assertThat(q.offer(k)).isZero();
        assertThat(q.offer(a)).isZero();
        assertThat(q.size()).isEqualTo(2);
        assertThat(q.bytes()).isEqualTo(k.size() + a.size());
        assertThat(k.refCnt()).isEqualTo(1);

        assertThat(q.drainTo(drained)).isEqualTo(2);
        assertThat(drained).containsExactly(k, a);
        assertThat(q.size()).isZero();
        assertThat(q.bytes()).isZero();
        assertThat(k.refCnt()).as("the drainer owns it now").isEqualTo(1);
    }

    @Test
    void shrinkKeepsHeadersMetadataAndTheLastGop() {
        ConsumerQueue q = new ConsumerQueue(1.0);
        SharedMessage meta = Messages.data(0, "onMetaData", dev.rill.codec.amf.AmfObject.of("width", 640.0));
        SharedMessage vsh = videoHeader(0);
        SharedMessage ash = audioHeader(0);
        List<SharedMessage> offered = new ArrayList<>(List.of(meta, vsh, ash, keyframe(0), audio(10), interFrame(40),
                audio(300), interFrame(400)));
        SharedMessage k2 = keyframe(600);
        offered.addAll(List.of(k2, audio(610), interFrame(640)));
        List<SharedMessage> droppedOnes = offered.subList(3, 8);
        for (SharedMessage m : droppedOnes) {
            m.retain();
        }
        for (SharedMessage m : offered) {
            assertThat(q.offer(m)).as("within 1000 ms").isZero();
        }
        SharedMessage late = interFrame(1001);
        assertThat(q.offer(late)).as("dropped by this offer").isEqualTo(5);
        assertThat(q.dropped()).isEqualTo(5);
        assertThat(droppedOnes).allSatisfy(m -> assertThat(m.refCnt()).as("released by the queue").isEqualTo(1));
        Messages.releaseAll(new ArrayList<>(droppedOnes));

        q.drainTo(drained);
        assertThat(drained).containsExactly(meta, vsh, ash, k2, offered.get(9), offered.get(10), late);
        assertThat(Messages.timestamps(drained)).containsExactly(0L, 0L, 0L, 600L, 610L, 640L, 1001L);
    }

    @Test
    void spanRestartsAfterShrink() {
        ConsumerQueue q = new ConsumerQueue(1.0);
        q.offer(keyframe(0));
        q.offer(keyframe(500));
        assertThat(q.offer(interFrame(1100))).isEqualTo(1);
        assertThat(q.offer(interFrame(1400))).as("span now 900 ms from the kept keyframe").isZero();
        assertThat(q.offer(interFrame(1501)))
                .as("the kept keyframe heads the queue: all media goes, as SRS does").isEqualTo(4);
        assertThat(q.size()).isZero();
        assertThat(q.offer(interFrame(1540))).as("inter frames wait for the next keyframe").isEqualTo(1);
        SharedMessage next = keyframe(1600);
        assertThat(q.offer(next)).isZero();
        q.drainTo(drained);
        assertThat(drained).containsExactly(next);
    }

    @Test
    void withoutKeyframeShrinkDropsAllMedia() {
        ConsumerQueue q = new ConsumerQueue(1.0);
        SharedMessage ash = audioHeader(0);
        q.offer(ash);
        for (int i = 0; i <= 41; i++) {
            q.offer(audio(i * 25L));
        }
        assertThat(q.dropped()).as("1025 ms > 1000 ms: every audio frame, the last too").isEqualTo(42);
        q.drainTo(drained);
        assertThat(drained).containsExactly(ash);
    }

    @Test
    void closedQueueReleasesEverything() {
        ConsumerQueue q = new ConsumerQueue(10);
        SharedMessage queued = keyframe(0).retain();
        q.offer(queued);
        q.close();
        assertThat(queued.refCnt()).isEqualTo(1);
        assertThat(q.size()).isZero();
        assertThat(q.bytes()).isZero();
        queued.release();

        SharedMessage late = audio(10);
        assertThat(q.offer(late)).isEqualTo(-1);
        assertThat(late.refCnt()).isZero();
        assertThat(q.drainTo(drained)).isZero();
    }
}
