package dev.rill.server.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;

/** Writing whole responses with keep-alive, content length and optional CORS headers. */
public final class HttpResponses {
    private HttpResponses() {
    }

    public static FullHttpResponse of(HttpResponseStatus status, String contentType, ByteBuf body) {
        FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, body);
        res.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        res.headers().set(HttpHeaderNames.SERVER, "Rill");
        HttpUtil.setContentLength(res, body.readableBytes());
        return res;
    }

    public static FullHttpResponse text(HttpResponseStatus status, String text) {
        return of(status, "text/plain; charset=utf-8", Unpooled.copiedBuffer(text, StandardCharsets.UTF_8));
    }

    public static FullHttpResponse json(HttpResponseStatus status, String json) {
        return of(status, "application/json", Unpooled.copiedBuffer(json, StandardCharsets.UTF_8));
    }

    /** Adds the CORS headers SRS sends when {@code crossdomain} is on. */
    public static void allowCrossDomain(HttpResponse res) {
        res.headers().set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
        res.headers().set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_METHODS, "GET, POST, HEAD, PUT, DELETE, OPTIONS");
        res.headers().set(HttpHeaderNames.ACCESS_CONTROL_EXPOSE_HEADERS, "Server,range,Content-Length,Content-Range");
        res.headers().set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_HEADERS,
                "origin,range,accept-encoding,referer,Cache-Control,X-Proxy-Authorization,X-Requested-With,Content-Type,Authorization");
    }

    /**
     * Sends {@code res} for {@code req}: kept alive when the client asked for it, closed otherwise.
     * A HEAD request gets the headers only.
     */
    public static void send(ChannelHandlerContext ctx, HttpRequest req, FullHttpResponse res) {
        boolean keepAlive = HttpUtil.isKeepAlive(req) && res.status().code() < 400;
        if (req.method().name().equals("HEAD")) {
            res.content().clear();
        }
        if (keepAlive) {
            res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            ctx.writeAndFlush(res);
        } else {
            res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
