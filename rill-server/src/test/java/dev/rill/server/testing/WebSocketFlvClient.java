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
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakeException;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import java.net.URI;

/** A Netty WebSocket client that plays WebSocket-FLV into a {@link FlvStreamRecorder}. */
public final class WebSocketFlvClient implements AutoCloseable {
    public final FlvStreamRecorder recorder = new FlvStreamRecorder();
    private volatile int closeStatus = -1;
    private volatile int refusedStatus = -1;
    private volatile boolean upgraded;
    private final Channel channel;

    private WebSocketFlvClient(EventLoopGroup group, URI uri, HttpHeaders headers) throws InterruptedException {
        channel = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(65536),
                                new WebSocketClientProtocolHandler(uri, WebSocketVersion.V13, null, false, headers,
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

                                    @Override
                                    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
                                        if (event == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
                                            upgraded = true;
                                        }
                                        ctx.fireUserEventTriggered(event);
                                    }

                                    @Override
                                    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                                        if (cause instanceof WebSocketClientHandshakeException refused
                                                && refused.response() != null) {
                                            refusedStatus = refused.response().status().code();
                                        }
                                        ctx.close();
                                    }
                                });
                    }
                })
                .connect(uri.getHost(), uri.getPort()).sync().channel();
    }

    public static WebSocketFlvClient play(EventLoopGroup group, String wsUrl) throws InterruptedException {
        return new WebSocketFlvClient(group, URI.create(wsUrl), null);
    }

    /** As {@link #play(EventLoopGroup, String)}, from a page: the upgrade request names it as Referer. */
    public static WebSocketFlvClient play(EventLoopGroup group, String wsUrl, String referer) throws InterruptedException {
        return new WebSocketFlvClient(group, URI.create(wsUrl), new DefaultHttpHeaders().set(HttpHeaderNames.REFERER, referer));
    }

    /** Whether the server accepted the upgrade. */
    public boolean upgraded() {
        return upgraded;
    }

    /** The status of the server's answer to a refused upgrade, or -1 while none came. */
    public int refusedStatus() {
        return refusedStatus;
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
