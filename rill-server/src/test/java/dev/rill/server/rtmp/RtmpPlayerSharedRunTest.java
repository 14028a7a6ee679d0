package dev.rill.server.rtmp;

import dev.rill.server.live.QueueLimits;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rill.codec.rtmp.MessageType;
import dev.rill.codec.rtmp.RtmpMessage;
import dev.rill.codec.rtmp.chunk.ChunkDecoder;
import dev.rill.codec.rtmp.chunk.ChunkEncoder;
import dev.rill.codec.rtmp.chunk.ChunkLimits;
import dev.rill.codec.rtmp.chunk.ChunkWriter;
import dev.rill.server.live.LiveRun;
import dev.rill.server.live.SharedMessage;
import dev.rill.server.live.TimeJitter;
import dev.rill.server.log.ContextLog;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Players that got the same messages write a live run from one shared encoding with fmt-1 headers,
 * whatever their own timestamps are, and each client still decodes its own timestamps and stream id.
 * The chunk size is the decoder's default (128), so bodies are split into several chunks. The
 * sockets are NIO's here, so every write goes through the pipeline; {@link
 * RtmpPlayerSharedRunEpollTest} runs the same cases on native sockets, where a shared run is sent
 * straight to the socket.
 */
class RtmpPlayerSharedRunTest {
    static final int CHUNK_SIZE = 128;
    static final Duration WAIT = Duration.ofSeconds(5);

    EventLoopGroup group;
    private Channel server;
    private final List<ByteArrayOutputStream> received = new CopyOnWriteArrayList<>();
    /** The accepted side of each player's connection, in the order they connected. */
    final List<Channel> accepted = new CopyOnWriteArrayList<>();
    final List<Channel> clients = new ArrayList<>();

    /** The event loops' I/O; the players' sockets are of the matching type. */
    IoHandlerFactory ioHandler() {
        return NioIoHandler.newFactory();
    }

    Class<? extends ServerChannel> serverChannelType() {
        return NioServerSocketChannel.class;
    }

    Class<? extends Channel> clientChannelType() {
        return NioSocketChannel.class;
    }

    /** Sets options on the listener and the players' sockets before they connect. */
    void configure(ServerBootstrap listener, Bootstrap player) {
    }

    @BeforeEach
    void listen() {
        group = new MultiThreadIoEventLoopGroup(1, ioHandler());
        ServerBootstrap listener = new ServerBootstrap().group(group).channel(serverChannelType());
        configure(listener, new Bootstrap());
        server = listener
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                        received.add(bytes);
                        accepted.add(ch);
                        ch.pipeline().addLast(new ChannelInboundHandlerAdapter() {
                            @Override
                            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                                ByteBuf buf = (ByteBuf) msg;
                                synchronized (bytes) {
                                    bytes.writeBytes(ByteBufUtil.getBytes(buf));
                                }
                                buf.release();
                            }
                        });
                    }
                })
                .bind(new InetSocketAddress("127.0.0.1", 0)).syncUninterruptibly().channel();
    }

    @AfterEach
    void close() {
        clients.forEach(Channel::close);
        server.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void playersWithOtherTimestampBasesWriteTheSameDeltaBytesAndDecodeTheirOwnTimestamps() throws Exception {
        RtmpPlayer a = player(1);
        RtmpPlayer b = player(3);
        SharedMessage early = video(500, 300);
        SharedMessage v1000 = video(1000, 400);
        SharedMessage a1001 = audio(1001);
        SharedMessage[] run = {video(1040, 700), audio(1041), video(1080, 90), audio(1062)};
        try {
            // a's timestamps start at 1000 (zero jitter), b's at 500: 500 apart for the whole run.
            writeOwnBatch(a, v1000, a1001);
            writeOwnBatch(b, early, v1000, a1001);
            await().atMost(WAIT).until(() -> byStream(1).size() == 2 && byStream(3).size() == 3);
            int beforeA = bytesOfStream(1).length;
            int beforeB = bytesOfStream(3).length;
            long sentBeforeA = a.bytesSent();
            LiveRun lent = new LiveRun(List.of(run), 2);
            writeRun(lent, a, b);
            await().atMost(WAIT).until(() -> byStream(1).size() == 6 && byStream(3).size() == 7);

            assertThat(timestamps(byStream(1))).containsExactly(0L, 1L, 40L, 41L, 80L, 62L);
            assertThat(timestamps(byStream(3))).containsExactly(0L, 500L, 501L, 540L, 541L, 580L, 562L);
            for (List<Decoded> messages : List.of(byStream(1), byStream(3))) {
                assertThat(messages).allSatisfy(d -> assertThat(d.streamId()).isIn(1, 3));
                List<Decoded> live = messages.subList(messages.size() - run.length, messages.size());
                for (int i = 0; i < run.length; i++) {
                    assertThat(live.get(i).typeId()).isEqualTo(run[i].typeId());
                    assertThat(live.get(i).streamId()).isEqualTo(messages.get(0).streamId());
                    assertThat(live.get(i).payload()).isEqualTo(ByteBufUtil.getBytes(run[i].payload()));
                }
            }
            byte[] expected = deltaEncoded(run, new long[] {40, 40, 40, 21});
            byte[] runA = bytesOfStream(1);
            byte[] runB = bytesOfStream(3);
            assertThat(Arrays.copyOfRange(runA, beforeA, runA.length)).isEqualTo(expected);
            assertThat(Arrays.copyOfRange(runB, beforeB, runB.length)).isEqualTo(expected);
            assertThat(a.bytesSent() - sentBeforeA).isEqualTo(expected.length);
            for (SharedMessage m : run) {
                assertThat(m.refCnt()).as("lent, not kept").isEqualTo(1);
            }
        } finally {
            release(early, v1000, a1001);
            release(run);
        }
    }

    @Test
    void aPlayerWithNothingYetOnAChunkStreamWritesTheRunWithItsOwnHeaders() throws Exception {
        RtmpPlayer a = player(1);
        SharedMessage v1000 = video(1000, 400);
        SharedMessage[] run = {video(1040, 700), audio(1041)};
        try {
            writeOwnBatch(a, v1000);
            LiveRun lent = new LiveRun(List.of(run), 2);
            writeRun(lent, a);
            await().atMost(WAIT).until(() -> decoded(0).size() == 3);
            assertThat(timestamps(decoded(0))).containsExactly(0L, 40L, 41L);
            assertThat(decoded(0)).allSatisfy(d -> assertThat(d.streamId()).isEqualTo(1));
            for (SharedMessage m : run) {
                assertThat(m.refCnt()).as("the player's own batch released what it retained").isEqualTo(1);
            }
        } finally {
            release(v1000);
            release(run);
        }
    }

    @Test
    void aPlayerAloneInItsGroupWritesItsOwnHeaders() throws Exception {
        RtmpPlayer a = player(1);
        SharedMessage v1000 = video(1000, 400);
        SharedMessage a1001 = audio(1001);
        SharedMessage[] run = {video(1040, 700), audio(1041)};
        try {
            writeOwnBatch(a, v1000, a1001);
            await().atMost(WAIT).until(() -> byStream(1).size() == 2);
            int before = bytesOfStream(1).length;
            LiveRun lent = new LiveRun(List.of(run), 1);
            writeRun(lent, a);
            await().atMost(WAIT).until(() -> byStream(1).size() == 4);
            assertThat(timestamps(byStream(1))).containsExactly(0L, 1L, 40L, 41L);
            assertThat(bytesOfStream(1)[before]).as("a fmt-0 basic header on the video chunk stream").isEqualTo((byte) 0x06);
        } finally {
            release(v1000, a1001);
            release(run);
        }
    }

    record Decoded(int typeId, long timestamp, int streamId, byte[] payload) {
    }

    /** Each message with a fmt-1 header carrying its delta, then its body, as the spec lays them out. */
    static byte[] deltaEncoded(SharedMessage[] run, long[] deltas) {
        ByteBuf out = Unpooled.buffer();
        try {
            for (int i = 0; i < run.length; i++) {
                SharedMessage m = run[i];
                ChunkWriter.writeDeltaHeader(out, m.chunkStreamId(), deltas[i], m.size(), m.typeId());
                ChunkWriter.writeBody(out, m.payload(), CHUNK_SIZE, m.chunkStreamId(), 0);
            }
            return ByteBufUtil.getBytes(out);
        } finally {
            out.release();
        }
    }

    RtmpPlayer player(int streamId) {
        Bootstrap bootstrap = new Bootstrap().group(group).channel(clientChannelType());
        configure(new ServerBootstrap(), bootstrap);
        Channel ch = bootstrap
                .handler(new ChannelInboundHandlerAdapter()).connect(server.localAddress())
                .syncUninterruptibly().channel();
        ch.pipeline().addFirst(RtmpListener.CHUNK_ENCODER, new ChunkEncoder());
        clients.add(ch);
        await().atMost(WAIT).until(() -> received.size() == clients.size());
        return new RtmpPlayer(ch, ContextLog.of(RtmpPlayerSharedRunTest.class, "test"), streamId, CHUNK_SIZE, 0, QueueLimits.seconds(30),
                TimeJitter.Mode.ZERO);
    }

    void onLoop(Runnable task) throws Exception {
        group.next().submit(task).get(5, TimeUnit.SECONDS);
    }

    /** Writes and flushes a batch of the player's own references to the messages. */
    void writeOwnBatch(RtmpPlayer player, SharedMessage... messages) throws Exception {
        List<SharedMessage> batch = new ArrayList<>();
        for (SharedMessage m : messages) {
            batch.add(m.retain());
        }
        onLoop(() -> {
            player.writeBatch(batch);
            player.flushBatch();
        });
    }

    /** Hands {@code lent} to the players as their group does, then releases it. */
    void writeRun(LiveRun lent, RtmpPlayer... players) throws Exception {
        writeRunBeforeFlush(lent, players, () -> { });
    }

    /**
     * On the loop: runs {@code first}, hands {@code lent} to the players as their group does, notes
     * the bytes pending in the players' channels, then flushes and releases {@code lent}; returns
     * the note.
     */
    long writeRunBeforeFlush(LiveRun lent, RtmpPlayer[] players, Runnable first) throws Exception {
        AtomicLong pending = new AtomicLong();
        onLoop(() -> {
            first.run();
            for (RtmpPlayer p : players) {
                p.writeRun(lent);
            }
            pending.set(clients.stream().mapToLong(ch -> ch.unsafe().outboundBuffer().totalPendingWriteBytes()).sum());
            for (RtmpPlayer p : players) {
                p.flushBatch();
            }
            lent.release();
        });
        return pending.get();
    }

    static void release(SharedMessage... messages) {
        for (SharedMessage m : messages) {
            m.release();
        }
    }

    byte[] bytesOfStream(int streamId) {
        int i = connectionOf(streamId);
        if (i < 0) {
            throw new AssertionError("no connection for stream " + streamId);
        }
        return bytes(i);
    }

    /** What the connection whose player uses {@code streamId} decoded; empty until it has something. */
    List<Decoded> byStream(int streamId) {
        int i = connectionOf(streamId);
        return i < 0 ? List.of() : decoded(i);
    }

    /** The connection whose first message carries {@code streamId}, or -1 while there is none. */
    private int connectionOf(int streamId) {
        for (int i = 0; i < received.size(); i++) {
            List<Decoded> d = decoded(i);
            if (!d.isEmpty() && d.get(0).streamId() == streamId) {
                return i;
            }
        }
        return -1;
    }

    private byte[] bytes(int connection) {
        ByteArrayOutputStream out = received.get(connection);
        synchronized (out) {
            return out.toByteArray();
        }
    }

    private List<Decoded> decoded(int connection) {
        byte[] bytes = bytes(connection);
        EmbeddedChannel ch = new EmbeddedChannel(new ChunkDecoder(ChunkLimits.DEFAULT));
        List<Decoded> messages = new ArrayList<>();
        try {
            ch.writeInbound(Unpooled.wrappedBuffer(bytes));
            for (Object o; (o = ch.readInbound()) != null; ) {
                RtmpMessage m = (RtmpMessage) o;
                messages.add(new Decoded(m.typeId(), m.timestamp(), m.streamId(), ByteBufUtil.getBytes(m.payload())));
                m.release();
            }
        } finally {
            ch.finishAndReleaseAll();
        }
        return messages;
    }

    static List<Long> timestamps(List<Decoded> messages) {
        return messages.stream().map(Decoded::timestamp).toList();
    }

    static SharedMessage video(long ts, int size) {
        ByteBuf payload = Unpooled.buffer(size);
        payload.writeBytes(new byte[] {0x27, 1, 0, 0, 0});
        for (int i = payload.writerIndex(); i < size; i++) {
            payload.writeByte((int) (i * 7 + ts));
        }
        return new SharedMessage(MessageType.VIDEO, ts, payload);
    }

    static SharedMessage audio(long ts) {
        return new SharedMessage(MessageType.AUDIO, ts, Unpooled.wrappedBuffer(new byte[] {(byte) 0xAF, 1, (byte) ts, 7}));
    }
}
