package dev.rill.server.rtmp.client;

import dev.rill.codec.rtmp.chunk.ChunkDecoder;
import dev.rill.codec.rtmp.chunk.ChunkEncoder;
import dev.rill.codec.rtmp.chunk.ChunkLimits;
import dev.rill.codec.rtmp.client.RtmpClientHandler;
import dev.rill.codec.rtmp.client.RtmpClientListener;
import dev.rill.codec.rtmp.handshake.ClientHandshakeHandler;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.net.InetSocketAddress;

/** Opens RTMP client connections (Rill's own client) to play or publish a stream. */
public final class RtmpClientConnector {
    public static final int DEFAULT_OUT_CHUNK_SIZE = 60000;

    private final EventLoopGroup group;
    private final Class<? extends SocketChannel> channelType;

    /** Connects with NIO channels on {@code group}. */
    public RtmpClientConnector(EventLoopGroup group) {
        this(group, NioSocketChannel.class);
    }

    /**
     * Connects with {@code channelType} channels on {@code group}, which may be a single event loop
     * (every connection then runs on it); the type must suit the group's I/O handler (epoll, NIO).
     */
    public RtmpClientConnector(EventLoopGroup group, Class<? extends SocketChannel> channelType) {
        this.group = group;
        this.channelType = channelType;
    }

    /**
     * Connects to {@code server} and plays or publishes {@code rtmp://host:port/app/stream}. The
     * returned future completes when TCP is connected; the listener hears the rest.
     */
    public Connection connect(InetSocketAddress server, String app, String stream, RtmpClientHandler.Mode mode,
                              RtmpClientListener listener) {
        String tcUrl = "rtmp://" + server.getHostString() + ":" + server.getPort() + "/" + app;
        return connect(server, tcUrl, app, stream, mode, listener);
    }

    /**
     * As {@link #connect(InetSocketAddress, String, String, RtmpClientHandler.Mode, RtmpClientListener)}
     * with the connect command's {@code tcUrl} given, e.g. one naming a vhost other than the address.
     */
    public Connection connect(InetSocketAddress server, String tcUrl, String app, String stream,
                              RtmpClientHandler.Mode mode, RtmpClientListener listener) {
        RtmpClientHandler handler = new RtmpClientHandler(tcUrl, app, stream, mode, DEFAULT_OUT_CHUNK_SIZE, listener);
        Bootstrap b = new Bootstrap()
                .group(group)
                .channel(channelType)
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline()
                                .addLast("handshake", new ClientHandshakeHandler())
                                .addLast("chunk-encoder", new ChunkEncoder())
                                .addLast("chunk-decoder", new ChunkDecoder(ChunkLimits.DEFAULT))
                                .addLast("client", handler);
                    }
                });
        return new Connection(b.connect(server), handler);
    }

    /** A client connection: its TCP connect future and its session handler. */
    public record Connection(ChannelFuture connectFuture, RtmpClientHandler handler) {
        public void close() {
            connectFuture.channel().close();
        }
    }
}
