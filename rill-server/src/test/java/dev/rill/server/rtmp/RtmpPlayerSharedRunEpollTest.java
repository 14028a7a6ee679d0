package dev.rill.server.rtmp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rill.codec.rtmp.chunk.ChunkWriter;
import dev.rill.server.live.LiveRun;
import dev.rill.server.live.SharedMessage;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shared-run cases on native sockets, where a run goes straight to a socket with nothing
 * pending ({@link DirectSend}); and what the socket does not take, or a run behind writes already
 * pending, goes through the pipeline after it, so every client still gets every byte in order.
 * Small socket buffers (64 KiB each side) let a test fill a connection whose reader has stopped.
 */
class RtmpPlayerSharedRunEpollTest extends RtmpPlayerSharedRunTest {
    private static final int SOCKET_BUFFER = 64 * 1024;
    private static final int USER_CONTROL = 4;

    @BeforeAll
    static void nativeSockets() {
        Assumptions.assumeTrue(Epoll.isAvailable(), "epoll is not available here");
        ByteBuf probe = ByteBufAllocator.DEFAULT.directBuffer(1);
        try {
            Assumptions.assumeTrue(probe.hasMemoryAddress(), "direct buffers have no memory address here");
        } finally {
            probe.release();
        }
    }

    @Override
    IoHandlerFactory ioHandler() {
        return EpollIoHandler.newFactory();
    }

    @Override
    Class<? extends ServerChannel> serverChannelType() {
        return EpollServerSocketChannel.class;
    }

    @Override
    Class<? extends Channel> clientChannelType() {
        return EpollSocketChannel.class;
    }

    @Override
    void configure(ServerBootstrap listener, Bootstrap player) {
        listener.childOption(ChannelOption.SO_RCVBUF, SOCKET_BUFFER);
        player.option(ChannelOption.SO_SNDBUF, SOCKET_BUFFER);
    }

    @Test
    void aRunTheSocketTakesWholeLeavesNothingPendingInTheChannel() throws Exception {
        RtmpPlayer[] players = caughtUpPair();
        int before = bytesOfStream(1).length;
        SharedMessage[] run = {video(1040, 700), audio(1041)};
        try {
            long pending = writeRunBeforeFlush(new LiveRun(List.of(run), 2), players, () -> { });
            assertThat(pending).as("both runs were sent before any flush").isZero();
            await().atMost(WAIT).until(() -> byStream(1).size() == 4 && byStream(3).size() == 4);
            byte[] got = bytesOfStream(1);
            assertThat(Arrays.copyOfRange(got, before, got.length)).isEqualTo(deltaEncoded(run, new long[] {40, 40}));
            assertThat(timestamps(byStream(3))).containsExactly(0L, 1L, 40L, 41L);

            // The skipped flush is only this run's: the next batch through the pipeline is flushed.
            SharedMessage after = audio(1062);
            try {
                writeOwnBatch(players[0], after);
            } finally {
                release(after);
            }
            await().atMost(WAIT).until(() -> byStream(1).size() == 5);
        } finally {
            release(run);
        }
    }

    @Test
    void whatTheSocketDoesNotTakeAndTheRunsBehindItGoOutInOrderOnceTheReaderReadsAgain() throws Exception {
        RtmpPlayer[] players = caughtUpPair();
        int beforeA = bytesOfStream(1).length;
        int beforeB = bytesOfStream(3).length;
        // Far more than both sockets' buffers hold, so the first send is partial.
        SharedMessage[] first = {video(1040, 1 << 20), audio(1041)};
        SharedMessage[] second = {video(1080, 3000), audio(1081)};
        try {
            accepted.forEach(ch -> ch.config().setAutoRead(false));
            long pending = writeRunBeforeFlush(new LiveRun(List.of(first), 2), players, () -> { });
            assertThat(pending).as("the sockets took only part of the first run")
                    .isPositive().isLessThan(2L * first[0].size());
            AtomicLong flushedEntries = new AtomicLong();
            onLoop(() -> flushedEntries.set(clients.get(0).unsafe().outboundBuffer().size()));
            assertThat(flushedEntries.get()).as("the rest was flushed, not left for a later flush").isPositive();
            writeRun(new LiveRun(List.of(second), 2), players);
            accepted.forEach(ch -> {
                ch.config().setAutoRead(true);
                ch.read();
            });
            await().atMost(WAIT).until(() -> byStream(1).size() == 6 && byStream(3).size() == 6);

            byte[] expected = concat(deltaEncoded(first, new long[] {40, 40}), deltaEncoded(second, new long[] {40, 40}));
            byte[] gotA = bytesOfStream(1);
            byte[] gotB = bytesOfStream(3);
            assertThat(Arrays.copyOfRange(gotA, beforeA, gotA.length)).isEqualTo(expected);
            assertThat(Arrays.copyOfRange(gotB, beforeB, gotB.length)).isEqualTo(expected);
            assertThat(players[0].bytesSent()).isEqualTo(gotA.length);
            assertThat(pendingBytes(clients.get(0)) + pendingBytes(clients.get(1))).isZero();
        } finally {
            release(first);
            release(second);
        }
    }

    @Test
    void aRunBehindAWriteNotYetFlushedGoesThroughThePipelineAfterIt() throws Exception {
        RtmpPlayer[] players = caughtUpPair();
        int before = bytesOfStream(1).length;
        SharedMessage[] run = {video(1040, 700), audio(1041)};
        byte[] control = userControl();
        Channel ch = clients.get(0);
        try {
            // Written on the loop by the session and not flushed yet: the run must queue behind it.
            writeRunBeforeFlush(new LiveRun(List.of(run), 2), players,
                    () -> ch.pipeline().context(RtmpListener.CHUNK_ENCODER).write(Unpooled.wrappedBuffer(control)));
            await().atMost(WAIT).until(() -> byStream(1).size() == 5 && byStream(3).size() == 4);
            byte[] got = bytesOfStream(1);
            assertThat(Arrays.copyOfRange(got, before, got.length))
                    .isEqualTo(concat(control, deltaEncoded(run, new long[] {40, 40})));
            assertThat(byStream(1).get(2).typeId()).isEqualTo(USER_CONTROL);
        } finally {
            release(run);
        }
    }

    /**
     * Players on streams 1 and 3 whose clients already have a video at 1000 ms and an audio at
     * 1001 ms, so the next run on both chunk streams is written from a shared encoding.
     */
    private RtmpPlayer[] caughtUpPair() throws Exception {
        RtmpPlayer[] players = {player(1), player(3)};
        SharedMessage video = video(1000, 400);
        SharedMessage audio = audio(1001);
        try {
            for (RtmpPlayer p : players) {
                writeOwnBatch(p, video, audio);
            }
        } finally {
            release(video, audio);
        }
        await().atMost(WAIT).until(() -> byStream(1).size() == 2 && byStream(3).size() == 2);
        return players;
    }

    private static long pendingBytes(Channel ch) {
        return ch.unsafe().outboundBuffer().totalPendingWriteBytes();
    }

    /** A User Control message (stream begin, stream 1) on chunk stream 2, chunked by hand. */
    private static byte[] userControl() {
        ByteBuf out = Unpooled.buffer();
        try {
            ChunkWriter.writeFirstHeader(out, 2, 0, 6, USER_CONTROL, 0);
            out.writeBytes(new byte[] {0, 0, 0, 0, 0, 1});
            return ByteBufUtil.getBytes(out);
        } finally {
            out.release();
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
