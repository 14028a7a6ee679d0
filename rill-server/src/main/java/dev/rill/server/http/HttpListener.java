package dev.rill.server.http;

import dev.rill.server.log.ContextLog;
import dev.rill.server.session.ConnectionCount;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.stream.ChunkedWriteHandler;
import io.netty.util.AttributeKey;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * Accepts HTTP connections on one address and serves them with a list of routes. Netty's codec
 * parses requests within {@link HttpLimits}; a request over a limit gets its 4xx and the
 * connection closes; each connection gets a cid for its log lines and is counted against
 * {@code max_connections} from accept.
 */
public final class HttpListener {
    private static final AttributeKey<String> CID = AttributeKey.valueOf("rill.http.cid");
    private static final String REQUEST_TIMEOUT = "request-timeout";
    private static final String AGGREGATOR = "aggregator";
    private static final String DISPATCHER = "dispatcher";
    private static final String REQUEST_QUEUE = "request-queue";

    private final String name;
    private final HttpLimits limits;
    private final Supplier<String> cids;
    private final ConnectionCount connections;
    private final List<HttpRoute> routes;
    private final Log log;
    private Channel channel;

    /**
     * @param name        what this listener serves, for logs ("HTTP API", "HTTP server")
     * @param connections every connection is counted there from accept, and refused when full
     * @param routes      tried in order for each request
     */
    public HttpListener(String name, HttpLimits limits, Supplier<String> cids, ConnectionCount connections,
                        List<HttpRoute> routes) {
        this.name = name;
        this.limits = limits;
        this.cids = cids;
        this.connections = connections;
        this.routes = new CopyOnWriteArrayList<>(routes);
        this.log = new Log();
    }

    public InetSocketAddress bind(InetSocketAddress address, EventLoopGroup boss, EventLoopGroup workers,
                                  Class<? extends ServerChannel> channelType) throws InterruptedException {
        ServerBootstrap b = new ServerBootstrap()
                .group(boss, workers)
                .channel(channelType)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        String cid = cids.get();
                        if (!connections.admit(ch, name, cid)) {
                            return;
                        }
                        ch.attr(CID).set(cid);
                        ch.pipeline()
                                // RequestQueue bounds pipelining; the codec's own cap would
                                // reset the connection without a word.
                                .addLast("http-codec", new HttpServerCodec(new HttpDecoderConfig()
                                        .setMaxInitialLineLength(limits.maxInitialLineLength())
                                        .setMaxHeaderSize(limits.maxHeaderSize()).setMaxChunkSize(8192),
                                        Integer.MAX_VALUE))
                                .addLast(REQUEST_TIMEOUT, new RequestTimeoutHandler(limits.requestTimeoutMillis(), log))
                                .addLast("chunked-write", new ChunkedWriteHandler())
                                .addLast(AGGREGATOR, new ClosingAggregator(limits.maxContentLength(), log))
                                .addLast(REQUEST_QUEUE, new RequestQueue())
                                .addLast(DISPATCHER, new HttpDispatcher(routes, log));
                    }
                });
        channel = b.bind(address).sync().channel();
        return (InetSocketAddress) channel.localAddress();
    }

    /** Adds routes after those already served (another feature sharing this port). */
    public void addRoutes(List<HttpRoute> more) {
        routes.addAll(more);
    }

    /** The bound address, or null before {@link #bind}. */
    public InetSocketAddress localAddress() {
        return channel == null ? null : (InetSocketAddress) channel.localAddress();
    }

    public void close() {
        if (channel != null) {
            channel.close().syncUninterruptibly();
        }
    }

    /** The cid of an HTTP connection, for routes that log. */
    public static String cid(ChannelHandlerContext ctx) {
        String cid = ctx.channel().attr(CID).get();
        return cid == null ? "0" : cid;
    }

    /**
     * Takes the connection over for a response that lasts (a live stream, a WebSocket): the
     * request timeout, aggregator and dispatcher leave the pipeline (no further request is read
     * as one) and {@code handler} is added last to receive whatever the client sends from now on.
     * Call from a route's {@code serve}.
     */
    public static void takeOver(ChannelHandlerContext ctx, ChannelHandler handler) {
        for (String name : new String[] {REQUEST_TIMEOUT, AGGREGATOR, REQUEST_QUEUE, DISPATCHER}) {
            if (ctx.pipeline().get(name) != null) {
                ctx.pipeline().remove(name);
            }
        }
        ctx.pipeline().addLast("taken-over", handler);
    }

    /** Answers {@code status} and closes the connection. */
    static void reject(ChannelHandlerContext ctx, HttpResponseStatus status, String why) {
        FullHttpResponse res = HttpResponses.text(status, status.code() + " " + status.reasonPhrase() + ": " + why + "\n");
        res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        ctx.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
    }

    /** Log lines about one HTTP connection, with its cid. */
    final class Log {
        void trace(ChannelHandlerContext ctx, String message) {
            ContextLog.of(HttpListener.class, cid(ctx)).trace("{} {}: {}", name, ctx.channel().remoteAddress(), message);
        }

        void warn(ChannelHandlerContext ctx, String message) {
            ContextLog.of(HttpListener.class, cid(ctx)).warn("{} {}: {}", name, ctx.channel().remoteAddress(), message);
        }

        void error(ChannelHandlerContext ctx, String message) {
            ContextLog.of(HttpListener.class, cid(ctx)).error("{} {}: {}", name, ctx.channel().remoteAddress(), message);
        }
    }
}
