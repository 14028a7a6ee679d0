package dev.rill.server.http.stream;

import dev.rill.server.http.HttpResponses;
import dev.rill.server.log.ContextLog;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.websocketx.WebSocketHandshakeException;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;

/**
 * How a live stream's answer begins once its player is let through: a streaming HTTP response
 * head, or the WebSocket upgrade (RFC 6455 section 4.2) after which the bytes go as frames.
 *
 * @param websocket   whether the request asked for a WebSocket upgrade
 * @param crossdomain whether answers carry SRS's CORS headers
 */
record StreamStart(boolean websocket, boolean crossdomain, ContextLog log) {
    /** Largest WebSocket frame a player may send (it has nothing to send but control frames). */
    private static final int MAX_WEBSOCKET_FRAME = 64 * 1024;

    static StreamStart of(FullHttpRequest req, boolean crossdomain, ContextLog log) {
        return new StreamStart(req.headers().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true),
                crossdomain, log);
    }

    /** Writes the response head or answers the upgrade; false, with a refusal sent, when the upgrade is bogus. */
    boolean begin(ChannelHandlerContext ctx, FullHttpRequest req, StreamFormat format) {
        if (websocket) {
            return handshake(ctx, req);
        }
        ctx.write(responseHead(req, format));
        return true;
    }

    private HttpResponse responseHead(FullHttpRequest req, StreamFormat format) {
        HttpResponse res = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        res.headers().set(HttpHeaderNames.CONTENT_TYPE, format.contentType());
        res.headers().set(HttpHeaderNames.SERVER, "Rill");
        res.headers().set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_CACHE);
        res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        if (req.protocolVersion().equals(HttpVersion.HTTP_1_1)) {
            res.headers().set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
        }
        if (crossdomain) {
            HttpResponses.allowCrossDomain(res);
        }
        return res;
    }

    private boolean handshake(ChannelHandlerContext ctx, FullHttpRequest req) {
        String location = "ws://" + req.headers().get(HttpHeaderNames.HOST, "localhost") + req.uri();
        WebSocketServerHandshaker handshaker =
                new WebSocketServerHandshakerFactory(location, null, false, MAX_WEBSOCKET_FRAME).newHandshaker(req);
        if (handshaker == null) {
            log.warn("WebSocket {}: unsupported version '{}' (426)", ctx.channel().remoteAddress(),
                    req.headers().get(HttpHeaderNames.SEC_WEBSOCKET_VERSION));
            WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(ctx.channel())
                    .addListener(ChannelFutureListener.CLOSE);
            return false;
        }
        try {
            handshaker.handshake(ctx.channel(), req);
            return true;
        } catch (WebSocketHandshakeException e) {
            log.warn("WebSocket {}: bad handshake (400): {}", ctx.channel().remoteAddress(), e.getMessage());
            var res = HttpResponses.text(HttpResponseStatus.BAD_REQUEST, "400 Bad Request: " + e.getMessage() + "\n");
            res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
            return false;
        }
    }
}
