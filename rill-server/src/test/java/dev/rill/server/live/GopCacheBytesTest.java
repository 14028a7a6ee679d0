package dev.rill.server.live;

import static dev.rill.server.live.Messages.interFrame;
import static dev.rill.server.live.Messages.keyframe;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.codec.ByteBudget;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A GOP cache past its byte bound or the shared budget drops its GOP and waits for the next keyframe. */
class GopCacheBytesTest {
    private final List<SharedMessage> owned = new ArrayList<>();
    private final ByteBudget media = new ByteBudget("media", 1000);
    private final GopCache cache = new GopCache(true, new GopLimits(60, media));

    @AfterEach
    void releaseOwned() {
        cache.clear();
        Messages.releaseAll(owned);
        assertThat(media.used()).isZero();
    }

    @Test
    void aGopPastItsBytesIsDroppedUntilTheNextKeyframe() {
        add(keyframe(0));
        for (int i = 1; i < 10; i++) {
            add(interFrame(0));
        }
        assertThat(cache.size()).isEqualTo(10);
        add(interFrame(0));
        assertThat(cache.size()).isZero();
        assertThat(cache.overflows()).isEqualTo(1);
        add(interFrame(0));
        assertThat(cache.size()).as("inter frames wait for a keyframe").isZero();
        add(keyframe(40));
        assertThat(cache.size()).isEqualTo(1);
        assertThat(media.used()).isEqualTo(cache.bytes());
    }

    @Test
    void theSharedBudgetBoundsTheCacheToo() {
        media.take(990);
        add(keyframe(0));
        add(interFrame(40));
        assertThat(cache.size()).isZero();
        media.give(990);
    }

    private SharedMessage add(SharedMessage m) {
        owned.add(m);
        cache.add(m);
        return m;
    }
}
