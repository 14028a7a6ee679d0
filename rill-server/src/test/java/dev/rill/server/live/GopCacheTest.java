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

/** What a new player receives first: the messages since the latest keyframe. */
class GopCacheTest {
    private final List<SharedMessage> owned = new ArrayList<>();
    private final GopCache cache = new GopCache(true);

    @AfterEach
    void releaseOwned() {
        cache.clear();
        Messages.releaseAll(owned);
    }

    @Test
    void keyframeStartsANewGop() {
        SharedMessage k0 = add(keyframe(0));
        SharedMessage p40 = add(interFrame(40));
        SharedMessage a20 = add(audio(20));
        assertThat(cache.messages()).containsExactly(k0, p40, a20);
        assertThat(k0.refCnt()).as("the cache holds one reference").isEqualTo(2);

        SharedMessage k80 = add(keyframe(80));
        assertThat(cache.messages()).containsExactly(k80);
        assertThat(List.of(k0.refCnt(), p40.refCnt(), a20.refCnt())).containsOnly(1);
        assertThat(k80.refCnt()).isEqualTo(2);
    }

    @Test
    void interFramesBeforeTheFirstKeyframeAreDropped() {
        add(interFrame(0));
        add(interFrame(40));
        assertThat(cache.size()).isZero();
        SharedMessage k = add(keyframe(80));
        SharedMessage p = add(interFrame(120));
        assertThat(cache.messages()).containsExactly(k, p);
    }

    @Test
    void interFrameAfterLeadingAudioIsDroppedToo() {
        SharedMessage a = add(audio(0));
        SharedMessage p = add(interFrame(10));
        assertThat(cache.messages()).containsExactly(a);
        assertThat(p.refCnt()).isEqualTo(1);
        SharedMessage k = add(keyframe(40));
        assertThat(cache.messages()).containsExactly(k);
    }

    @Test
    void pureAudioRestartsAfterTheLimit() {
        for (int i = 0; i < GopCache.PURE_AUDIO_LIMIT; i++) {
            add(audio(i * 23L));
        }
        assertThat(cache.size()).isEqualTo(GopCache.PURE_AUDIO_LIMIT);
        SharedMessage over = add(audio(10_000));
        assertThat(cache.messages()).containsExactly(over);
        assertThat(owned.get(0).refCnt()).isEqualTo(1);

        for (int i = 1; i < GopCache.PURE_AUDIO_LIMIT; i++) {
            add(audio(10_000 + i * 23L));
        }
        assertThat(cache.size()).as("a full window again, not one message").isEqualTo(GopCache.PURE_AUDIO_LIMIT);
        add(audio(20_000));
        assertThat(cache.size()).isEqualTo(1);
    }

    @Test
    void audioWithVideoHasNoPureAudioLimit() {
        add(keyframe(0));
        for (int i = 0; i < GopCache.PURE_AUDIO_LIMIT + 10; i++) {
            add(audio(i * 23L));
        }
        assertThat(cache.size()).isEqualTo(GopCache.PURE_AUDIO_LIMIT + 11);
    }

    @Test
    void sequenceHeadersAreNotCached() {
        SharedMessage vsh = add(videoHeader(0));
        SharedMessage ash = add(audioHeader(0));
        assertThat(cache.size()).isZero();
        assertThat(vsh.refCnt()).isEqualTo(1);
        assertThat(ash.refCnt()).isEqualTo(1);
        SharedMessage k = add(keyframe(0));
        add(videoHeader(40));
        assertThat(cache.messages()).containsExactly(k);
    }

    @Test
    void disabledCacheHoldsNothing() {
        GopCache off = new GopCache(false);
        SharedMessage k = own(keyframe(0));
        off.add(k);
        off.add(own(audio(0)));
        assertThat(off.size()).isZero();
        assertThat(k.refCnt()).isEqualTo(1);
    }

    @Test
    void disablingReleasesAndForgetsTheGop() {
        SharedMessage k = add(keyframe(0));
        add(interFrame(40));
        cache.setEnabled(false);
        assertThat(cache.size()).isZero();
        assertThat(k.refCnt()).isEqualTo(1);
        cache.setEnabled(true);
        add(interFrame(80));
        assertThat(cache.size()).as("inter frame of the old GOP").isZero();
    }

    @Test
    void clearReleasesEveryReference() {
        add(keyframe(0));
        add(audio(10));
        add(interFrame(40));
        cache.clear();
        assertThat(cache.size()).isZero();
        assertThat(owned).allSatisfy(m -> assertThat(m.refCnt()).isEqualTo(1));
        add(interFrame(80));
        assertThat(cache.size()).as("a new publisher starts at its first keyframe").isZero();
    }

    private SharedMessage add(SharedMessage m) {
        cache.add(own(m));
        return m;
    }

    private SharedMessage own(SharedMessage m) {
        owned.add(m);
        return m;
    }
}
