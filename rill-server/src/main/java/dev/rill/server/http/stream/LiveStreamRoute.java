package dev.rill.server.http.stream;

import dev.rill.server.config.HttpRemuxConfig;
import dev.rill.server.config.RillConfig;
import dev.rill.server.config.VhostConfig;
import dev.rill.server.http.HttpListener;
import dev.rill.server.http.HttpResponses;
import dev.rill.server.http.HttpRoute;
import dev.rill.server.live.LiveSource;
import dev.rill.server.live.StreamKey;
import dev.rill.server.live.TimeJitter;
import dev.rill.server.log.ContextLog;
import dev.rill.server.rtmp.ServerContext;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketHandshakeException;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import java.util.List;

/**
 * Live streams over HTTP at the vhosts' {@code http_remux} mounts: {@code GET} streams FLV (or
 * MPEG-TS, ADTS AAC, MP3) as a chunked response; the same path with a WebSocket upgrade streams the
 * same bytes as binary frames (WebSocket-FLV, or MPEG-TS as mpegts.js also reads it). As SRS 3
 * (whose HTTP stream mux mounts every stream a mount template fits, publisher or not), a request
 * that fits a mount plays that stream and waits for its publisher; a path no mount fits falls
 * through to the next route (404 in the end). The mounts are tried for the Host, or for the vhost
 * that {@code ?vhost=} (or {@code ?domain=}) names, as SRS's HTTP server reads the request's host. The response ends cleanly when the publisher leaves,
 * as SRS 3 ends it on unpublish.
 *
 * <p>A {@code .ts} path is taken only while its stream is published, as SRS 3 mounts a stream's
 * HTTP-TS when it is published: HLS segments share the extension and the directory
 * ({@code /live/cam-12.ts} fits {@code [app]/[stream].ts}), so any other {@code .ts} path falls
 * through to the static files.
 */
public final class LiveStreamRoute implements HttpRoute {
    /** Largest WebSocket frame a player may send (it has nothing to send but control frames). */
    private static final int MAX_WEBSOCKET_FRAME = 64 * 1024;

    private final ServerContext context;
    private final boolean crossdomain;
    private volatile Mounts mounts;

    public LiveStreamRoute(ServerContext context, boolean crossdomain) {
        this.context = context;
        this.crossdomain = crossdomain;
    }

    @Override
    public boolean matches(FullHttpRequest request) {
        return request.method().equals(HttpMethod.GET) && find(request) != null;
    }

    @Override
    public void serve(ChannelHandlerContext ctx, FullHttpRequest req) {
        Mounts.Found found = find(req);
        RillConfig config = mounts.config();
        VhostConfig vhost = found == null ? null : config.vhost(found.mount().vhost()).orElse(null);
        if (vhost == null) {
            HttpResponses.send(ctx, req, HttpResponses.text(HttpResponseStatus.NOT_FOUND, "not found\n"));
            return;
        }
        StreamKey key = new StreamKey(vhost.name(), found.match().app(), found.match().stream());
        StreamFormat format = found.mount().format();
        ContextLog log = ContextLog.of(LiveStreamRoute.class, HttpListener.cid(ctx));
        boolean websocket = isWebSocketUpgrade(req);
        if (websocket && !handshake(ctx, req, log)) {
            return;
        }
        if (!websocket) {
            ctx.write(streamResponse(req, format));
        }
        // The request and the handshake ran with the HTTP listener's TCP_NODELAY; the stream's
        // bytes follow the vhost's tcp_nodelay, as RTMP players' do and as SRS's HTTP streams do.
        if (ctx.channel().isActive()) {
            ctx.channel().config().setOption(ChannelOption.TCP_NODELAY, vhost.tcpNodelay());
        }
        HttpRemuxConfig remux = config.httpRemux(vhost.name());
        TimeJitter.Mode jitter = vhost.atc() ? TimeJitter.Mode.OFF : TimeJitter.Mode.valueOf(vhost.timeJitter().name());
        HttpStreamPlayer player = new HttpStreamPlayer(ctx.channel(), log,
                websocket ? StreamSink.WEBSOCKET : StreamSink.HTTP, format, vhost.mwLatencyMs(),
                vhost.queueLengthSeconds(), jitter, remux.fastCacheSeconds());
        HttpListener.takeOver(ctx, new LiveStreamHandler(player));
        LiveSource source = context.sources().acquire(key, vhost.gopCache(), vhost.mixCorrect());
        player.start();
        player.attachTo(source);
        String kind = (websocket ? "WebSocket-" : "HTTP-") + format.name();
        log.trace("{} play {} from {}, {}", kind, key, ctx.channel().remoteAddress(),
                source.publisher() == null ? "waiting for a publisher" : "publisher " + source.publisher().cid());
        ctx.channel().closeFuture().addListener(f -> {
            source.detach(player);
            player.close();
            context.sources().release(source);
            log.trace("{} stop playing {} ({}), sent {} messages, {} bytes, dropped {}", kind, key,
                    player.ended() ? "unpublished" : "client closed", player.messagesSent(), player.bytesSent(),
                    player.dropped());
        });
    }

    private Mounts.Found find(FullHttpRequest req) {
        RillConfig config = context.config();
        Mounts m = mounts;
        if (m == null || m.config() != config) {
            m = Mounts.of(config);
            mounts = m;
        }
        QueryStringDecoder uri = new QueryStringDecoder(req.uri());
        Mounts.Found found = m.find(vhostOf(req, uri), uri.path());
        if (found != null && found.mount().format() == StreamFormat.TS && !published(config, found)) {
            return null;
        }
        return found;
    }

    private boolean published(RillConfig config, Mounts.Found found) {
        VhostConfig vhost = config.vhost(found.mount().vhost()).orElse(null);
        if (vhost == null) {
            return false;
        }
        StreamKey key = new StreamKey(vhost.name(), found.match().app(), found.match().stream());
        LiveSource source = context.sources().find(key);
        return source != null && source.publisher() != null;
    }

    private HttpResponse streamResponse(FullHttpRequest req, StreamFormat format) {
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

    /** Answers the upgrade (RFC 6455 section 4.2); false, with the refusal sent, when it is bogus. */
    private boolean handshake(ChannelHandlerContext ctx, FullHttpRequest req, ContextLog log) {
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

    private static boolean isWebSocketUpgrade(FullHttpRequest req) {
        return req.headers().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true);
    }

    /**
     * The host a request names for the mounts, as SRS's HTTP server reads it: {@code ?vhost=},
     * else {@code ?domain=}, else the Host header without its port.
     */
    static String vhostOf(FullHttpRequest req, QueryStringDecoder uri) {
        for (String name : new String[]{"vhost", "domain"}) {
            List<String> values = uri.parameters().get(name);
            if (values != null && !values.isEmpty() && !values.get(0).isEmpty()) {
                return values.get(0);
            }
        }
        return host(req);
    }

    /** The Host header without its port; empty when absent. */
    static String host(FullHttpRequest req) {
        String host = req.headers().get(HttpHeaderNames.HOST, "");
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            return end < 0 ? host : host.substring(1, end);
        }
        int colon = host.indexOf(':');
        return colon < 0 ? host : host.substring(0, colon);
    }
}
