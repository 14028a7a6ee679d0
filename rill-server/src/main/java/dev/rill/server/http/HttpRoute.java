package dev.rill.server.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;

/**
 * One kind of HTTP resource Rill serves (API, static files, live FLV, HLS, ...). The dispatcher
 * asks each route in order whether it takes a request; the first that does serves it.
 */
public interface HttpRoute {
    /** Whether this route serves {@code request} (by method and path). */
    boolean matches(FullHttpRequest request);

    /**
     * Serves the request: writes a response, or takes the connection over (a live stream, a
     * WebSocket). Runs on the connection's event loop and must not block. The dispatcher releases
     * {@code request} when this returns; retain it to keep it longer.
     */
    void serve(ChannelHandlerContext ctx, FullHttpRequest request);
}
