package dev.rill.server.testing;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import java.net.URI;

/** A Netty WebSocket client that plays WebSocket-FLV into a {@link FlvStreamRecorder}. */
public final class WebSocketFlvClient implements AutoCloseable {
    public final FlvStreamRecorder recorder = new FlvStreamRecorder();
    private volatile int closeStatus = -1;
    private final Channel channel;

    private WebSocketFlvClient(EventLoopGroup group, URI uri) throws InterruptedException {
        channel = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(65536),
                                new WebSocketClientProtocolHandler(uri, WebSocketVersion.V13, null, false, null,
                                        16 * 1024 * 1024, false),
                                new SimpleChannelInboundHandler<WebSocketFrame>() {
                                    @Override
                                    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
                                        if (frame instanceof BinaryWebSocketFrame) {
                                            byte[] bytes = ByteBufUtil.getBytes(frame.content());
                                            recorder.feed(bytes, 0, bytes.length);
                                        } else if (frame instanceof CloseWebSocketFrame close) {
                                            closeStatus = close.statusCode();
                                        }
                                    }

                                    @Override
                                    public void channelInactive(ChannelHandlerContext ctx) {
                                        recorder.markEnd();
                                    }
                                });
                    }
                })
                .connect(uri.getHost(), uri.getPort()).sync().channel();
    }

    public static WebSocketFlvClient play(EventLoopGroup group, String wsUrl) throws InterruptedException {
        return new WebSocketFlvClient(group, URI.create(wsUrl));
    }

    /** The status of the server's close frame, or -1 before one came. */
    public int closeStatus() {
        return closeStatus;
    }

    public boolean isActive() {
        return channel.isActive();
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
    }
}
