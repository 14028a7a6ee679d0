package dev.rill.server.http.stream;

import dev.rill.server.live.QueueLimits;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rill.codec.flv.FlvHeader;
import dev.rill.codec.flv.FlvReader;
import dev.rill.codec.flv.FlvTag;
import dev.rill.codec.rtmp.MessageType;
import dev.rill.server.live.LiveRun;
import dev.rill.server.live.SharedMessage;
import dev.rill.server.live.TimeJitter;
import dev.rill.server.log.ContextLog;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.local.LocalAddress;
import io.netty.channel.local.LocalChannel;
import io.netty.channel.local.LocalIoHandler;
import io.netty.channel.local.LocalServerChannel;
import io.netty.handler.codec.http.HttpContent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * FLV players of one group that have the same timeline write a live run from one shared copy, made
 * once a second player has that timeline; a player with a timeline of its own, or alone in its
 * group, writes its own batch. Every player's timestamps are corrected once per message.
 */
class HttpStreamPlayerSharedRunTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, LocalIoHandler.newFactory());
    private final List<SharedMessage> messages = new ArrayList<>();
    /** What each connection's peer received, in connection order. */
    private final List<BlockingQueue<HttpContent>> received = new CopyOnWriteArrayList<>();
    private final LocalAddress address = new LocalAddress(HttpStreamPlayerSharedRunTest.class);
    private Channel server;

    @BeforeEach
    void listen() {
        server = new ServerBootstrap().group(group).channel(LocalServerChannel.class)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        BlockingQueue<HttpContent> queue = new LinkedBlockingQueue<>();
                        received.add(queue);
                        ch.pipeline().addLast(new ChannelInboundHandlerAdapter() {
                            @Override
                            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                                queue.add((HttpContent) msg);
                            }
                        });
                    }
                })
                .bind(address).syncUninterruptibly().channel();
    }

    @AfterEach
    void close() {
        server.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        received.forEach(q -> q.forEach(HttpContent::release));
        messages.forEach(SharedMessage::release);
    }

    @Test
    void playersWithTheSameTimelineShareOneCopyOfTheRun() {
        Player a = player(StreamFormat.FLV);
        Player b = player(StreamFormat.FLV);
        Player c = player(StreamFormat.FLV);
        Player d = player(StreamFormat.FLV);
        SharedMessage v500 = video(500, 300);
        SharedMessage v1000 = video(1000, 400);
        // a, b and d start at 1000 (timestamp 0); c started at 500, so 1000 is 10 for it (a jump).
        for (Player p : List.of(a, b, d)) {
            p.writeOwn(v1000);
        }
        c.writeOwn(v500, v1000);
        assertThat(timestamps(c.take())).containsExactly(0L, 10L);
        for (Player p : List.of(a, b, d)) {
            assertThat(timestamps(p.take())).containsExactly(0L);
        }

        // 1600 comes 559 ms after 1041: a jump, which full jitter turns into a 10 ms step, so a
        // message corrected twice would get another timestamp (and leave another state).
        List<SharedMessage> run = List.of(video(1040, 700), audio(1041), video(1600, 90));
        LiveRun lent = new LiveRun(run, 4);
        onLoop(() -> {
            for (Player p : List.of(a, b, c, d)) {
                assertThat(p.player.writeRun(lent)).isTrue();
                p.channel.flush();
            }
            lent.release();
        });

        List<HttpContent> runA = a.contents(1);
        List<HttpContent> runB = b.contents(1);
        List<HttpContent> runC = c.contents(1);
        List<HttpContent> runD = d.contents(1);
        assertThat(runA.get(0).content()).as("the first with a timeline writes its own").isInstanceOf(CompositeByteBuf.class);
        assertThat(runC.get(0).content()).as("a timeline nobody else has").isInstanceOf(CompositeByteBuf.class);
        assertThat(runB.get(0).content().memoryAddress()).as("one copy, made by the second with the timeline")
                .isEqualTo(runD.get(0).content().memoryAddress());
        byte[] bytesA = bytes(runA);
        assertThat(bytes(runB)).isEqualTo(bytesA);
        assertThat(bytes(runD)).isEqualTo(bytesA);
        assertThat(timestamps(bytesA)).containsExactly(40L, 41L, 51L);
        assertThat(timestamps(bytes(runC))).containsExactly(50L, 51L, 61L);
        assertThat(payloads(bytesA)).containsExactlyElementsOf(run.stream().map(m -> ByteBufUtil.getBytes(m.payload())).toList());
        assertThat(b.player.bytesSent()).isEqualTo(a.player.bytesSent());
        for (List<HttpContent> contents : List.of(runA, runB, runC, runD)) {
            contents.forEach(HttpContent::release);
        }
        for (SharedMessage m : run) {
            assertThat(m.refCnt()).as("lent, and what a player retained is released").isEqualTo(1);
        }
        SharedMessage next = video(1640, 200);
        for (Player p : List.of(a, b, c, d)) {
            p.writeOwn(next);
        }
        assertThat(timestamps(a.take())).as("each message corrected once").containsExactly(91L);
        assertThat(timestamps(b.take())).containsExactly(91L);
        assertThat(timestamps(c.take())).containsExactly(101L);
        assertThat(timestamps(d.take())).containsExactly(91L);
    }

    @Test
    void aPlayerAloneWritesItsOwnBatchAndCorrectsEachTimestampOnce() {
        Player a = player(StreamFormat.FLV);
        a.writeOwn(video(1000, 400));
        a.take();
        SharedMessage[] alone = {video(1040, 700), audio(1041)};
        LiveRun lent = new LiveRun(List.of(alone), 1);
        onLoop(() -> assertThat(a.player.writeRun(lent)).as("nobody to share with: its own batch").isFalse());
        lent.release();
        // As its group then does: the player writes the run as its own batch.
        a.writeOwn(alone);
        assertThat(timestamps(a.take())).containsExactly(40L, 41L);

        LiveRun shared = new LiveRun(List.of(video(1600, 500), audio(1601)), 2);
        onLoop(() -> {
            assertThat(a.player.writeRun(shared)).isTrue();
            a.channel.flush();
            shared.release();
        });
        assertThat(timestamps(a.take())).as("1600 is a jump: a 10 ms step").containsExactly(51L, 52L);
        a.writeOwn(video(1640, 200));
        assertThat(timestamps(a.take())).containsExactly(91L);
    }

    @Test
    void aFormatThatDependsOnWhatCameBeforeWritesItsOwnBatch() {
        Player ts = player(StreamFormat.TS);
        LiveRun lent = new LiveRun(List.of(video(1040, 700)), 2);
        onLoop(() -> assertThat(ts.player.writeRun(lent)).isFalse());
        lent.release();
    }

    private Player player(StreamFormat format) {
        int index = received.size();
        Channel ch = new Bootstrap().group(group).channel(LocalChannel.class)
                .handler(new ChannelInboundHandlerAdapter()).connect(address).syncUninterruptibly().channel();
        await().atMost(WAIT).until(() -> received.size() > index);
        return new Player(ch, new HttpStreamPlayer(ch, ContextLog.of(HttpStreamPlayerSharedRunTest.class, "test"),
                StreamSink.HTTP, format, 0, QueueLimits.seconds(30), TimeJitter.Mode.FULL, 0), received.get(index));
    }

    private void onLoop(Runnable task) {
        try {
            group.next().submit(task).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private final class Player {
        final Channel channel;
        final HttpStreamPlayer player;
        final BlockingQueue<HttpContent> peer;

        Player(Channel channel, HttpStreamPlayer player, BlockingQueue<HttpContent> peer) {
            this.channel = channel;
            this.player = player;
            this.peer = peer;
        }

        /** Writes and flushes a batch of the player's own references to {@code batch}. */
        void writeOwn(SharedMessage... batch) {
            List<SharedMessage> own = new ArrayList<>();
            for (SharedMessage m : batch) {
                own.add(m.retain());
            }
            onLoop(() -> {
                player.writeBatch(own);
                channel.flush();
            });
        }

        /** The next {@code n} writes the peer received. */
        List<HttpContent> contents(int n) {
            List<HttpContent> out = new ArrayList<>();
            await().atMost(WAIT).until(() -> peer.size() >= n);
            peer.drainTo(out, n);
            return out;
        }

        /** The bytes of the next write, released. */
        byte[] take() {
            List<HttpContent> contents = contents(1);
            byte[] b = bytes(contents);
            contents.forEach(HttpContent::release);
            return b;
        }
    }

    private static byte[] bytes(List<HttpContent> contents) {
        ByteBuf all = Unpooled.buffer();
        try {
            contents.forEach(c -> all.writeBytes(c.content(), c.content().readerIndex(), c.content().readableBytes()));
            return ByteBufUtil.getBytes(all);
        } finally {
            all.release();
        }
    }

    /** The tags of {@code body} (what follows the FLV header), released after reading. */
    private static List<FlvTag> tags(byte[] body) {
        ByteBuf whole = Unpooled.buffer();
        try {
            new FlvHeader(true, true).write(whole);
            whole.writeBytes(body);
            return FlvReader.readAll(whole);
        } finally {
            whole.release();
        }
    }

    private static List<Long> timestamps(byte[] body) {
        List<Long> out = new ArrayList<>();
        for (FlvTag t : tags(body)) {
            out.add(t.timestamp());
            t.release();
        }
        return out;
    }

    private static List<byte[]> payloads(byte[] body) {
        List<byte[]> out = new ArrayList<>();
        for (FlvTag t : tags(body)) {
            out.add(ByteBufUtil.getBytes(t.content()));
            t.release();
        }
        return out;
    }

    private SharedMessage video(long ts, int size) {
        ByteBuf payload = Unpooled.directBuffer(size);
        payload.writeBytes(new byte[] {0x27, 1, 0, 0, 0});
        for (int i = payload.writerIndex(); i < size; i++) {
            payload.writeByte((int) (i * 7 + ts));
        }
        return keep(new SharedMessage(MessageType.VIDEO, ts, payload));
    }

    private SharedMessage audio(long ts) {
        return keep(new SharedMessage(MessageType.AUDIO, ts, Unpooled.wrappedBuffer(new byte[] {(byte) 0xAF, 1, (byte) ts, 7})));
    }

    private SharedMessage keep(SharedMessage m) {
        messages.add(m);
        return m;
    }
}
