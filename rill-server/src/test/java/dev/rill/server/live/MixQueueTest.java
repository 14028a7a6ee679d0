package dev.rill.server.live;

import static dev.rill.server.live.Messages.audio;
import static dev.rill.server.live.Messages.interFrame;
import static dev.rill.server.live.Messages.keyframe;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** mix_correct: audio and video leave in timestamp order (SRS's SrsMixQueue). */
class MixQueueTest {
    private final MixQueue mix = new MixQueue();
    private final List<SharedMessage> out = new ArrayList<>();

    @AfterEach
    void release() {
        mix.clear();
        Messages.releaseAll(out);
    }

    @Test
    void reordersInterleavedAudioAndVideo() {
        push(keyframe(0));
        push(interFrame(40));
        assertThat(out).isEmpty();
        push(audio(20));
        push(audio(60));
        push(audio(50));
        push(interFrame(80));
        push(audio(100));
        assertThat(Messages.timestamps(out)).containsExactly(0L, 20L, 40L, 50L, 60L, 80L);
    }

    @Test
    void equalTimestampsKeepArrivalOrder() {
        SharedMessage v = push(keyframe(0));
        SharedMessage a = push(audio(0));
        assertThat(out).containsExactly(v);
        SharedMessage v2 = push(interFrame(0));
        assertThat(out).containsExactly(v, a);
        assertThat(v2.refCnt()).isEqualTo(1);
    }

    @Test
    void pureVideoFlowsAfterTen() {
        for (int i = 0; i < MixQueue.PURE_AV - 1; i++) {
            push(interFrame(i * 40L));
        }
        assertThat(out).isEmpty();
        push(interFrame(360));
        assertThat(Messages.timestamps(out)).containsExactly(0L);
        push(interFrame(400));
        assertThat(Messages.timestamps(out)).containsExactly(0L, 40L);
    }

    @Test
    void pureAudioFlowsAfterTen() {
        for (int i = 0; i < MixQueue.PURE_AV; i++) {
            push(audio(i * 23L));
        }
        assertThat(Messages.timestamps(out)).containsExactly(0L);
    }

    @Test
    void clearReleasesQueuedMessages() {
        SharedMessage v = keyframe(0).retain();
        push(v);
        mix.clear();
        assertThat(v.refCnt()).isEqualTo(1);
        v.release();
        SharedMessage a = push(audio(10));
        assertThat(out).isEmpty();
        assertThat(a.refCnt()).as("counts restarted: one audio alone waits").isEqualTo(1);
    }

    private SharedMessage push(SharedMessage m) {
        out.addAll(mix.push(m));
        return m;
    }
}
