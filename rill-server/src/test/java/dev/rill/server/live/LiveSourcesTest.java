package dev.rill.server.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBufAllocator;
import org.junit.jupiter.api.Test;

/** Sources live while someone uses them and are dropped after the last release. */
class LiveSourcesTest {
    private static final StreamKey KEY = new StreamKey("v", "live", "s");

    private final LiveSources sources = new LiveSources(ByteBufAllocator.DEFAULT, "Rill/test");

    @Test
    void acquireSharesAndLastReleaseDrops() {
        LiveSource first = sources.acquire(KEY, true, false);
        LiveSource second = sources.acquire(KEY, true, false);
        assertThat(second).isSameAs(first);
        assertThat(sources.size()).isEqualTo(1);
        assertThat(sources.find(KEY)).isSameAs(first);
        assertThat(sources.all()).containsExactly(first);

        sources.release(first);
        assertThat(sources.find(KEY)).as("one user left").isSameAs(first);
        sources.release(second);
        assertThat(sources.find(KEY)).isNull();
        assertThat(sources.size()).isZero();

        LiveSource fresh = sources.acquire(KEY, true, false);
        assertThat(fresh).isNotSameAs(first);
        sources.release(fresh);
    }

    @Test
    void otherKeysAreOtherSources() {
        LiveSource a = sources.acquire(KEY, true, false);
        LiveSource b = sources.acquire(new StreamKey("v", "live", "t"), true, false);
        assertThat(b).isNotSameAs(a);
        assertThat(sources.size()).isEqualTo(2);
        sources.release(a);
        assertThat(sources.size()).isEqualTo(1);
        sources.release(b);
    }

    @Test
    void releasingAStaleSourceLeavesTheNewOne() {
        LiveSource old = sources.acquire(KEY, true, false);
        sources.release(old);
        LiveSource current = sources.acquire(KEY, true, false);
        sources.release(old);
        assertThat(sources.find(KEY)).isSameAs(current);
        sources.release(current);
    }

    @Test
    void dropFreesCachedMedia() {
        LiveSource s = sources.acquire(KEY, true, false);
        Publisher p = new UnkickedPublisher("p");
        s.publish(p);
        SharedMessage vsh = Messages.videoHeader(0).retain();
        SharedMessage k = Messages.keyframe(0).retain();
        s.onMessage(vsh);
        s.onMessage(k);
        sources.release(s);
        assertThat(vsh.refCnt()).isEqualTo(1);
        assertThat(k.refCnt()).isEqualTo(1);
        vsh.release();
        k.release();
    }
}
