package dev.rill.server.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * Netty's aggregator, except that a body over the limit is answered 413 and the connection
 * closed even when the client asked for keep-alive: Rill never reads on past a limit.
 */
final class ClosingAggregator extends HttpObjectAggregator {
    private final HttpListener.Log log;

    ClosingAggregator(int maxContentLength, HttpListener.Log log) {
        super(maxContentLength, true);
        this.log = log;
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
        log.warn(ctx, "request body over " + maxContentLength() + " bytes (413)");
        HttpListener.reject(ctx, HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "body over " + maxContentLength() + " bytes");
    }
}
