package dev.rill.bench;

import dev.rill.codec.rtmp.client.RtmpClientListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;

/**
 * Plays one stream over HTTP-FLV: sends the GET once connected, refuses anything but 200, and hands
 * the body to a {@link FlvBodyFeed}. The end of the body ends the connection.
 */
final class HttpFlvClient extends ChannelInboundHandlerAdapter {
    private final String path;
    private final String host;
    private final RtmpClientListener listener;
    private final FlvBodyFeed body;
    private boolean playing;

    HttpFlvClient(String path, String host, RtmpClientListener listener) {
        this.path = path;
        this.host = host;
        this.listener = listener;
        this.body = new FlvBodyFeed(listener);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        FullHttpRequest get = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, path);
        get.headers().set(HttpHeaderNames.HOST, host).set(HttpHeaderNames.USER_AGENT, "rill-bench")
                .set(HttpHeaderNames.ACCEPT, "*/*");
        ctx.writeAndFlush(get);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof HttpResponse response && !accept(ctx, response)) {
                return;
            }
            if (playing && msg instanceof HttpContent content) {
                if (content.decoderResult().isFailure()) {
                    exceptionCaught(ctx, content.decoderResult().cause());
                    return;
                }
                body.feed(ctx.alloc(), content.content());
                if (content instanceof LastHttpContent) {
                    ctx.close();
                }
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private boolean accept(ChannelHandlerContext ctx, HttpResponse response) {
        if (response.status().code() != HttpResponseStatus.OK.code()) {
            listener.onRefused("HTTP " + response.status().code(), path + ": " + response.status().reasonPhrase());
            ctx.close();
            return false;
        }
        playing = true;
        return true;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        listener.onError(cause);
        ctx.close();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        body.release();
    }
}
