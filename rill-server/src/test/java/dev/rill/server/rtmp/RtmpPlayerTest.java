package dev.rill.server.rtmp;

import dev.rill.server.live.QueueLimits;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rill.codec.rtmp.ChunkStreamId;
import dev.rill.codec.rtmp.MessageType;
import dev.rill.codec.rtmp.chunk.ChunkEncoder;
import dev.rill.codec.rtmp.chunk.ChunkWriter;
import dev.rill.server.live.SharedMessage;
import dev.rill.server.live.TimeJitter;
import dev.rill.server.log.ContextLog;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Who holds a batch's messages: a player writes shared bodies as views without references of their
 * own, so it keeps its references to the batch until the socket has taken it, then releases them.
 */
class RtmpPlayerTest {
    private static final int STREAM_ID = 1;
    private static final int CHUNK_SIZE = 4096;

    private EventLoopGroup group;
    private Channel server;
    private Channel channel;
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();

    @BeforeEach
    void connect() {
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelRead(ChannelHandlerContext ctx, Object msg) {
                        ByteBuf buf = (ByteBuf) msg;
                        synchronized (received) {
                            received.writeBytes(ByteBufUtil.getBytes(buf));
                        }
                        buf.release();
                    }
                })
                .bind(new InetSocketAddress("127.0.0.1", 0)).syncUninterruptibly().channel();
        channel = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .handler(new ChannelInboundHandlerAdapter()).connect(server.localAddress()).syncUninterruptibly().channel();
        channel.pipeline().addFirst(RtmpListener.CHUNK_ENCODER, new ChunkEncoder());
    }

    @AfterEach
    void close() {
        channel.close();
        server.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void sharedBodiesAreHeldUntilTheSocketTakesThemThenReleased() throws Exception {
        RtmpPlayer player = player();
        SharedMessage frame = keyframe(10_000).retain();
        try {
            onLoop(() -> player.writeBatch(batchOf(frame.retain())));
            assertThat(frame.refCnt()).as("the test's two and the player's, held while unwritten").isEqualTo(3);

            onLoop(channel::flush);
            assertThat(frame.refCnt()).as("released once the socket took the batch").isEqualTo(2);

            byte[] expected = expectedChunks(frame);
            await().atMost(Duration.ofSeconds(5)).until(() -> receivedSize() == expected.length);
            synchronized (received) {
                assertThat(received.toByteArray()).isEqualTo(expected);
            }
        } finally {
            frame.release(2);
        }
    }

    @Test
    void closingBeforeTheBatchIsWrittenReleasesIt() throws Exception {
        RtmpPlayer player = player();
        SharedMessage frame = keyframe(10_000);
        try {
            onLoop(() -> player.writeBatch(batchOf(frame.retain())));
            assertThat(frame.refCnt()).isEqualTo(2);
            channel.close().syncUninterruptibly();
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(frame.refCnt())
                    .as("the failed write released the player's reference").isEqualTo(1));
        } finally {
            frame.release();
        }
    }

    @Test
    void copiedBodiesAreReleasedAtOnce() throws Exception {
        RtmpPlayer player = player();
        SharedMessage audio = new SharedMessage(MessageType.AUDIO, 23, Unpooled.wrappedBuffer(new byte[] {(byte) 0xAF, 1, 7, 7}));
        try {
            onLoop(() -> player.writeBatch(batchOf(audio.retain())));
            assertThat(audio.refCnt()).as("copied into the player's own buffer, so not held").isEqualTo(1);
        } finally {
            audio.release();
        }
    }

    private RtmpPlayer player() {
        return new RtmpPlayer(channel, ContextLog.of(RtmpPlayerTest.class, "test"), STREAM_ID, CHUNK_SIZE, 0, QueueLimits.seconds(30),
                TimeJitter.Mode.OFF);
    }

    private void onLoop(Runnable task) throws Exception {
        channel.eventLoop().submit(task).get(5, TimeUnit.SECONDS);
    }

    private int receivedSize() {
        synchronized (received) {
            return received.size();
        }
    }

    private static List<SharedMessage> batchOf(SharedMessage m) {
        List<SharedMessage> batch = new ArrayList<>();
        batch.add(m);
        return batch;
    }

    /** An AVC keyframe larger than one chunk, so its body is the shared chunked form. */
    private static SharedMessage keyframe(int size) {
        ByteBuf payload = Unpooled.buffer(size);
        payload.writeBytes(new byte[] {0x17, 1, 0, 0, 0});
        for (int i = payload.writerIndex(); i < size; i++) {
            payload.writeByte(i);
        }
        return new SharedMessage(MessageType.VIDEO, 40, payload);
    }

    private static byte[] expectedChunks(SharedMessage m) {
        ByteBuf header = Unpooled.buffer();
        ByteBuf body = ChunkWriter.encodeBody(UnpooledByteBufAllocator.DEFAULT, m.payload(), CHUNK_SIZE, ChunkStreamId.VIDEO, 0);
        try {
            ChunkWriter.writeFirstHeader(header, ChunkStreamId.VIDEO, m.timestamp(), m.size(), MessageType.VIDEO, STREAM_ID);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(ByteBufUtil.getBytes(header));
            out.writeBytes(ByteBufUtil.getBytes(body));
            return out.toByteArray();
        } finally {
            header.release();
            body.release();
        }
    }
}
