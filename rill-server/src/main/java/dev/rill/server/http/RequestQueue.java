package dev.rill.server.http;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;

/**
 * Pipelined requests are answered one at a time, in order: a request reaches the routes only once
 * the response before it has ended, and the rest wait here. While more than {@link #HIGH} wait,
 * the connection stops reading, so what one client has pipelined (and the answers it has not
 * read) stays bounded by about one socket read, however many requests it sends.
 */
final class RequestQueue extends ChannelDuplexHandler {
    static final int HIGH = 64;

    private final ArrayDeque<FullHttpRequest> waiting = new ArrayDeque<>();
    private boolean answering;
    private boolean pausedReading;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpRequest request)) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (answering) {
            waiting.addLast(request);
            if (waiting.size() > HIGH && !pausedReading) {
                pausedReading = true;
                ctx.channel().config().setAutoRead(false);
            }
            return;
        }
        answering = true;
        ctx.fireChannelRead(request);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        boolean endOfResponse = msg instanceof LastHttpContent;
        ctx.write(msg, promise);
        if (endOfResponse) {
            // The next request goes to the routes after this write has left the caller's hands,
            // never inside it: a route answering at once must not recurse through every request.
            ctx.executor().execute(() -> next(ctx));
        }
    }

    private void next(ChannelHandlerContext ctx) {
        if (ctx.isRemoved()) {
            return;
        }
        FullHttpRequest request = waiting.pollFirst();
        if (request == null) {
            answering = false;
        } else {
            ctx.fireChannelRead(request);
        }
        if (pausedReading && waiting.size() <= HIGH / 2) {
            pausedReading = false;
            ctx.channel().config().setAutoRead(true);
        }
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        releaseWaiting();
        if (pausedReading) {
            ctx.channel().config().setAutoRead(true);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        releaseWaiting();
        ctx.fireChannelInactive();
    }

    private void releaseWaiting() {
        FullHttpRequest r;
        while ((r = waiting.pollFirst()) != null) {
            ReferenceCountUtil.release(r);
        }
    }
}
