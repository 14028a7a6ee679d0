package dev.rill.server.live;

import static dev.rill.server.live.Messages.audio;
import static dev.rill.server.live.Messages.interFrame;
import static dev.rill.server.live.Messages.keyframe;
import static dev.rill.server.live.Messages.videoHeader;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rill.server.log.ContextLog;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Players of one source and loop fed through their group, on two loops. */
class ConsumerGroupTest {
    private static final long DELAY_MS = 100;
    private static final StreamKey KEY = new StreamKey("__defaultVhost__", "live", "group");
    private static final Duration WAIT = Duration.ofSeconds(5);

    private LoopbackChannels loopback;
    private final List<Channel> channels = new ArrayList<>();
    private final LiveSource source = new LiveSource(KEY, ByteBufAllocator.DEFAULT, "Rill/test", true, false, List.of());
    private final Publisher publisher = new Publisher() {
        @Override
        public String cid() {
            return "publisher";
        }

        @Override
        public void kick(String reason) {
        }
    };

    @BeforeEach
    void connect() {
        loopback = new LoopbackChannels(2);
        for (int i = 0; i < 4; i++) {
            channels.add(loopback.connect());
        }
    }

    @AfterEach
    void close() {
        source.clearMedia();
        loopback.close();
    }

    @Test
    void everyPlayerGetsEveryLiveMessageOnceInOrder() {
        source.publish(publisher);
        source.onMessage(videoHeader(0));
        source.onMessage(keyframe(0));
        List<RecordingPlayer> players = channels.stream().map(RecordingPlayer::new).toList();
        players.forEach(source::attach);
        await().atMost(WAIT).until(() -> players.stream().allMatch(p -> p.timestamps().size() == 2));

        for (int ts = 40; ts <= 400; ts += 40) {
            source.onMessage(interFrame(ts));
            source.onMessage(audio(ts + 1));
        }
        await().atMost(WAIT).until(() -> players.stream().allMatch(p -> p.timestamps().size() == 22));

        List<Long> expected = new ArrayList<>(List.of(0L, 0L));
        for (long ts = 40; ts <= 400; ts += 40) {
            expected.add(ts);
            expected.add(ts + 1);
        }
        for (RecordingPlayer p : players) {
            assertThat(p.timestamps()).containsExactlyElementsOf(expected);
        }
        players.forEach(this::leave);
    }

    @Test
    void aPlayerJoiningBeforeTheTickGetsWhatWasPublishedOnlyFromTheGopCache() {
        source.publish(publisher);
        source.onMessage(keyframe(0));
        RecordingPlayer first = new RecordingPlayer(channels.get(0));
        source.attach(first);
        await().atMost(WAIT).until(() -> first.timestamps().size() == 1);

        // These wait in the group for the merge delay; the second player joins meanwhile (its GOP
        // cache already holds them), on the same loop as the first.
        source.onMessage(interFrame(40));
        source.onMessage(interFrame(80));
        RecordingPlayer second = new RecordingPlayer(sameLoopAs(channels.get(0)));
        source.attach(second);
        source.onMessage(interFrame(120));

        await().atMost(WAIT).until(() -> first.timestamps().size() == 4 && second.timestamps().size() == 4);
        assertThat(first.timestamps()).containsExactly(0L, 40L, 80L, 120L);
        assertThat(second.timestamps()).containsExactly(0L, 40L, 80L, 120L);
        leave(first);
        leave(second);
    }

    @Test
    void theEndOfAPublishComesAfterItsLastMessages() {
        source.publish(publisher);
        source.onMessage(keyframe(0));
        RecordingPlayer p = new RecordingPlayer(channels.get(1));
        source.attach(p);
        await().atMost(WAIT).until(() -> p.timestamps().size() == 1);

        source.onMessage(interFrame(40));
        source.onMessage(interFrame(80));
        source.unpublish(publisher);
        source.publish(publisher);
        source.onMessage(keyframe(0));

        await().atMost(WAIT).until(() -> p.events.size() == 6);
        assertThat(p.events).containsExactly("0", "40", "80", "unpublish", "publish", "0");
        leave(p);
    }

    @Test
    void aGroupWhosePlayersLeftReleasesWhatItHeld() {
        source.publish(publisher);
        RecordingPlayer p = new RecordingPlayer(channels.get(2));
        source.attach(p);
        SharedMessage k = keyframe(0);
        source.onMessage(k.retain());
        leave(p);
        source.clearMedia();

        assertThat(k.refCnt()).isEqualTo(1);
        k.release();
    }

    private Channel sameLoopAs(Channel c) {
        Channel other = loopback.connectOn(c.eventLoop());
        assertThat(other.eventLoop()).isSameAs(c.eventLoop());
        return other;
    }

    private void leave(RecordingPlayer p) {
        source.detach(p);
        p.close();
    }

    /** Records the timestamps it writes and the publish events, in order; releases what it is given. */
    private static final class RecordingPlayer extends QueuedConsumer {
        final List<String> events = new CopyOnWriteArrayList<>();

        RecordingPlayer(Channel channel) {
            super(channel, ContextLog.of(ConsumerGroupTest.class, "test"), DELAY_MS, QueueLimits.seconds(30));
        }

        List<Long> timestamps() {
            return events.stream().filter(e -> Character.isDigit(e.charAt(0))).map(Long::parseLong).toList();
        }

        @Override
        protected void writeBatch(List<SharedMessage> messages) {
            for (SharedMessage m : messages) {
                events.add(Long.toString(m.timestamp()));
                m.release();
            }
        }

        @Override
        public void onPublish(StreamKey key) {
            events.add("publish");
        }

        @Override
        public void onUnpublish(StreamKey key) {
            events.add("unpublish");
        }
    }
}
