package dev.rill.server.http;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Gives a client {@link HttpLimits#requestTimeoutMillis()} to send each whole request, timed from
 * connect and from the end of the previous response. A client that trickles its headers
 * (slowloris) or idles on a kept-alive connection is answered 408 and closed. A live stream that
 * never ends its response is never timed.
 */
final class RequestTimeoutHandler extends ChannelDuplexHandler {
    private final long timeoutMillis;
    private final HttpListener.Log log;
    private ScheduledFuture<?> timer;

    RequestTimeoutHandler(long timeoutMillis, HttpListener.Log log) {
        this.timeoutMillis = timeoutMillis;
        this.log = log;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        arm(ctx);
        super.channelActive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (msg instanceof LastHttpContent) {
            disarm();
        }
        super.channelRead(ctx, msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        boolean endOfResponse = msg instanceof LastHttpContent;
        super.write(ctx, msg, promise);
        if (endOfResponse) {
            arm(ctx);
        }
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        disarm();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        disarm();
        super.channelInactive(ctx);
    }

    private void arm(ChannelHandlerContext ctx) {
        disarm();
        timer = ctx.executor().schedule(() -> {
            log.warn(ctx, "no whole request within " + timeoutMillis + " ms, closing (slow or idle client)");
            HttpListener.reject(ctx, HttpResponseStatus.REQUEST_TIMEOUT, "request timeout");
        }, timeoutMillis, TimeUnit.MILLISECONDS);
    }

    private void disarm() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }
}
