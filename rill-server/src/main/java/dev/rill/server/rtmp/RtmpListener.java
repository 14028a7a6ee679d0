package dev.rill.server.rtmp;

import dev.rill.codec.amf.AmfLimits;
import dev.rill.codec.rtmp.chunk.ChunkDecoder;
import dev.rill.codec.rtmp.chunk.ChunkEncoder;
import dev.rill.codec.rtmp.handshake.ServerHandshakeHandler;
import dev.rill.server.session.ServerContext;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.SocketChannel;
import java.net.InetSocketAddress;

/**
 * Accepts RTMP connections on one address and builds each connection's pipeline: handshake (which
 * removes itself), chunk decoder, chunk encoder, session. A connection past {@code max_connections}
 * is closed before any of it is built.
 */
public final class RtmpListener {
    /** Per-player socket backlog before it counts as slow and its queue takes over. */
    static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(512 * 1024, 2 * 1024 * 1024);

    /** The pipeline name of the chunk encoder; a player writes pre-encoded chunks from its context. */
    static final String CHUNK_ENCODER = "chunk-encoder";

    private final ServerContext server;
    private final AmfLimits amfLimits;
    private Channel channel;

    public RtmpListener(ServerContext server, AmfLimits amfLimits) {
        this.server = server;
        this.amfLimits = amfLimits;
    }

    public InetSocketAddress bind(InetSocketAddress address, EventLoopGroup boss, EventLoopGroup workers,
                                  Class<? extends ServerChannel> channelType) throws InterruptedException {
        ServerBootstrap b = new ServerBootstrap()
                .group(boss, workers)
                .channel(channelType)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        initConnection(ch);
                    }
                });
        channel = b.bind(address).sync().channel();
        return (InetSocketAddress) channel.localAddress();
    }

    public void close() {
        if (channel != null) {
            channel.close().syncUninterruptibly();
        }
    }

    private void initConnection(SocketChannel ch) {
        String cid = server.nextCid();
        if (!server.connections().admit(ch, "RTMP", cid)) {
            return;
        }
        // Until a publish is granted, a client sends commands only: small messages, in a budget
        // all such clients share (RtmpSession raises both for a publisher).
        ChunkDecoder decoder = new ChunkDecoder(server.limits().chunksBeforePublish(), server.limits().unpublishedBudget());
        // Once the handshake is gone the chunk encoder is first: players send their shared runs
        // straight to the socket only while nothing sits between the two (RtmpPlayer).
        ServerHandshakeHandler handshake = new ServerHandshakeHandler();
        ch.pipeline()
                .addLast("handshake", handshake)
                .addLast(CHUNK_ENCODER, new ChunkEncoder())
                .addLast("chunk-decoder", decoder)
                .addLast("session", new RtmpSession(server, cid, amfLimits, handshake, decoder));
    }
}
