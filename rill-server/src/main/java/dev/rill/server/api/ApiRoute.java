package dev.rill.server.api;

import dev.rill.server.config.HttpApiConfig;
import dev.rill.server.config.RillConfig;
import dev.rill.server.http.HttpListener;
import dev.rill.server.http.HttpResponses;
import dev.rill.server.http.HttpRoute;
import dev.rill.server.log.ContextLog;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Serves one part of the API port ({@code /api...} or {@code /metrics}) over the shared HTTP
 * layer: HTTP Basic when {@code auth} is on and the cross-site guard (both in {@link ApiGate}),
 * CORS when {@code crossdomain} is on, JSONP with {@code callback}. The answer is computed on a virtual thread (it may read /proc) and written
 * back on the connection's event loop.
 */
final class ApiRoute implements HttpRoute {
    /** A JSONP callback is a JavaScript name; anything else could inject script. */
    private static final Pattern CALLBACK = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$.]{0,63}");

    private final String prefix;
    private final Supplier<RillConfig> config;
    private final ExecutorService threads;
    private final BiFunction<ApiRequest, ContextLog, ApiResponse> answer;
    private final ApiGate gate;

    /**
     * @param prefix the path this route owns, with everything under it ({@code /api}, {@code /metrics})
     */
    ApiRoute(String prefix, Supplier<RillConfig> config, ExecutorService threads, ApiGate gate,
             BiFunction<ApiRequest, ContextLog, ApiResponse> answer) {
        this.gate = gate;
        this.prefix = prefix;
        this.config = config;
        this.threads = threads;
        this.answer = answer;
    }

    @Override
    public boolean matches(FullHttpRequest request) {
        String path = new QueryStringDecoder(request.uri()).path();
        return path.equals(prefix) || path.startsWith(prefix + "/");
    }

    @Override
    public void serve(ChannelHandlerContext ctx, FullHttpRequest request) {
        HttpApiConfig api = config.get().httpApi();
        HttpRequest head = new DefaultHttpRequest(request.protocolVersion(), request.method(), request.uri(),
                request.headers().copy());
        if (request.method().equals(HttpMethod.OPTIONS) && api.crossdomain()) {
            write(ctx, head, HttpResponses.text(HttpResponseStatus.OK, ""), api);
            return;
        }
        InetAddress from = remote(ctx);
        ContextLog log = ContextLog.of(ApiRoute.class, HttpListener.cid(ctx));
        FullHttpResponse denied = gate.authorize(request.headers(), api, from, log);
        if (denied != null) {
            write(ctx, head, denied, api);
            return;
        }
        ApiRequest req = ApiRequest.of(request);
        String callback = req.param("callback");
        if (!callback.isEmpty() && !CALLBACK.matcher(callback).matches()) {
            write(ctx, head, HttpResponses.text(HttpResponseStatus.BAD_REQUEST, "bad JSONP callback name\n"), api);
            return;
        }
        ApiResponse refused = gate.crossSite(request.headers(), req, request.uri(), api, from, log);
        if (refused != null) {
            write(ctx, head, toHttp(refused, callback), api);
            return;
        }
        threads.execute(() -> {
            ApiResponse res = safely(req, log);
            ctx.executor().execute(() -> write(ctx, head, toHttp(res, callback), api));
        });
    }

    private ApiResponse safely(ApiRequest req, ContextLog log) {
        try {
            return answer.apply(req, log);
        } catch (RuntimeException e) {
            log.error("HTTP API {} {} failed: {}", req.method(), req.path(), e.toString());
            return ApiResponse.text(500, "internal error\n");
        }
    }

    private static FullHttpResponse toHttp(ApiResponse res, String callback) {
        if (res.isJson() && !callback.isEmpty()) {
            byte[] body = (callback + "(" + res.body() + ")").getBytes(StandardCharsets.UTF_8);
            return HttpResponses.of(HttpResponseStatus.valueOf(res.status()), "text/javascript", Unpooled.wrappedBuffer(body));
        }
        return HttpResponses.of(HttpResponseStatus.valueOf(res.status()), res.contentType(),
                Unpooled.copiedBuffer(res.body(), StandardCharsets.UTF_8));
    }

    private static InetAddress remote(ChannelHandlerContext ctx) {
        return ctx.channel().remoteAddress() instanceof InetSocketAddress a ? a.getAddress() : null;
    }

    /** With CORS, a page of another origin is told it may only read (see {@link CrossSiteGuard}). */
    private static void write(ChannelHandlerContext ctx, HttpRequest head, FullHttpResponse res, HttpApiConfig api) {
        if (api.crossdomain()) {
            HttpResponses.allowCrossDomain(res);
            res.headers().set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_METHODS,
                    CrossSiteGuard.preflightMethods(head.headers(), api));
        }
        HttpResponses.send(ctx, head, res);
    }
}
