package dev.rill.server.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import java.io.IOException;
import java.util.List;

/** Hands each whole request to the first route that takes it; 404 when none does. */
final class HttpDispatcher extends SimpleChannelInboundHandler<FullHttpRequest> {
    private final List<HttpRoute> routes;
    private final HttpListener.Log log;

    HttpDispatcher(List<HttpRoute> routes, HttpListener.Log log) {
        super(true);
        this.routes = routes;
        this.log = log;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
        DecoderResult result = req.decoderResult();
        if (result.isFailure()) {
            rejectBadRequest(ctx, result.cause());
            return;
        }
        for (HttpRoute route : routes) {
            if (route.matches(req)) {
                route.serve(ctx, req);
                return;
            }
        }
        HttpResponses.send(ctx, req, HttpResponses.text(HttpResponseStatus.NOT_FOUND, "not found\n"));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException) {
            log.trace(ctx, "i/o: " + cause.getMessage());
            ctx.close();
            return;
        }
        if (cause instanceof TooLongFrameException) {
            rejectBadRequest(ctx, cause);
            return;
        }
        log.error(ctx, "HTTP connection failed: " + cause);
        ctx.close();
    }

    private void rejectBadRequest(ChannelHandlerContext ctx, Throwable cause) {
        HttpResponseStatus status = cause instanceof TooLongHttpLineException ? HttpResponseStatus.REQUEST_URI_TOO_LONG
                : cause instanceof TooLongHttpHeaderException ? HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE
                : cause instanceof TooLongFrameException ? HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE
                : HttpResponseStatus.BAD_REQUEST;
        log.warn(ctx, "bad HTTP request (" + status.code() + "): " + cause.getMessage());
        HttpListener.reject(ctx, status, cause.getMessage());
    }
}
