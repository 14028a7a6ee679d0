package dev.rill.server.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rill.server.log.ContextLog;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DrainClockTest {
    private static final long DELAY_MS = 150;

    private LoopbackChannels loopback;
    private final List<Channel> channels = new ArrayList<>();

    @BeforeEach
    void startLoop() {
        loopback = new LoopbackChannels(1);
        for (int i = 0; i < 3; i++) {
            channels.add(loopback.connect());
        }
    }

    @AfterEach
    void stopLoop() {
        loopback.close();
    }

    @Test
    void playersOfOneLoopAreDrainedByOneTickNoSoonerThanTheDelay() {
        List<CountingPlayer> players = channels.stream().map(CountingPlayer::new).toList();
        players.forEach(p -> p.enqueue(Messages.keyframe(0)));
        await().atMost(Duration.ofSeconds(5)).until(() -> players.stream().allMatch(p -> p.batches.size() == 1));

        DrainClock clock = DrainClock.of(channels.get(0).eventLoop(), DELAY_MS);
        long ticksBefore = clock.ticks();
        long queuedAt = System.nanoTime();
        for (int ts = 40; ts <= 120; ts += 40) {
            for (CountingPlayer p : players) {
                p.enqueue(Messages.interFrame(ts));
            }
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> players.stream().allMatch(p -> p.batches.size() == 2));

        assertThat(clock.ticks()).isEqualTo(ticksBefore + 1);
        for (CountingPlayer p : players) {
            assertThat(p.batches.get(1)).isEqualTo(3);
            assertThat(p.drainedAt.get(1) - queuedAt).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(DELAY_MS));
        }
    }

    @Test
    void aDrainThatThrowsClosesOnlyThatPlayer() {
        CountingPlayer good = new CountingPlayer(channels.get(0));
        CountingPlayer bad = new CountingPlayer(channels.get(1));
        bad.failing = true;
        bad.enqueue(Messages.keyframe(0));
        good.enqueue(Messages.keyframe(0));

        await().atMost(Duration.ofSeconds(5)).until(() -> !channels.get(1).isActive() && good.batches.size() == 1);
        assertThat(channels.get(0).isActive()).isTrue();
    }

    @Test
    void clocksAreForgottenWhenTheirLoopTerminates() {
        EventLoopGroup other = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        DrainClock.of(other.next(), DELAY_MS);
        int withOther = DrainClock.loopsWithClocks();

        other.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();

        await().atMost(Duration.ofSeconds(5)).until(() -> DrainClock.loopsWithClocks() == withOther - 1);
    }

    @Test
    void aSourceUnpublishesWholeAndHoldsNothingWhenItsPlayersLoopHasAlreadyEnded() {
        EventLoopGroup other = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        List<String> told = new CopyOnWriteArrayList<>();
        SourceObserver observer = new SourceObserver() {
            @Override
            public void onPublish(LiveSource source) {
                told.add("publish");
            }

            @Override
            public void onUnpublish(LiveSource source) {
                told.add("unpublish");
            }
        };
        LiveSource source = new LiveSource(new StreamKey("__defaultVhost__", "live", "ended"), ByteBufAllocator.DEFAULT,
                "Rill/test", true, false, List.of(observer));
        Publisher publisher = new UnkickedPublisher("p");
        CountingPlayer player = new CountingPlayer(loopback.connectOn(other.next()));
        source.attach(player);
        source.publish(publisher);
        source.onMessage(Messages.keyframe(0));
        await().atMost(Duration.ofSeconds(5)).until(() -> player.batches.size() == 1);
        // As when a server stops: the player's loop ends before the publisher's connection closes.
        other.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        SharedMessage late = Messages.interFrame(40);
        source.onMessage(late);

        source.unpublish(publisher);

        assertThat(told).containsExactly("publish", "unpublish");
        assertThat(late.refCnt()).as("nothing holds a message for a loop that has ended").isZero();
        assertThat(source.publisher()).isNull();
        source.detach(player);
        player.close();
        assertThat(source.isIdle()).isTrue();
    }

    /** Records each batch's size and when it was drained; releases what it is given. */
    private static final class CountingPlayer extends QueuedConsumer {
        final List<Integer> batches = new CopyOnWriteArrayList<>();
        final List<Long> drainedAt = new CopyOnWriteArrayList<>();
        volatile boolean failing;

        CountingPlayer(Channel channel) {
            super(channel, ContextLog.of(DrainClockTest.class, "test"), DELAY_MS, QueueLimits.seconds(30));
        }

        @Override
        protected void writeBatch(List<SharedMessage> messages) {
            drainedAt.add(System.nanoTime());
            messages.forEach(SharedMessage::release);
            if (failing) {
                throw new IllegalStateException("broken on purpose");
            }
            batches.add(messages.size());
        }

        @Override
        public void onPublish(StreamKey key) {
        }

        @Override
        public void onUnpublish(StreamKey key) {
        }
    }
}
