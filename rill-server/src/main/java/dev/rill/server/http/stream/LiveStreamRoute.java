package dev.rill.server.http.stream;

import dev.rill.server.config.RillConfig;
import dev.rill.server.config.VhostConfig;
import dev.rill.server.http.HttpListener;
import dev.rill.server.http.HttpResponses;
import dev.rill.server.http.HttpRoute;
import dev.rill.server.live.LiveSource;
import dev.rill.server.live.StreamKey;
import dev.rill.server.log.ContextLog;
import dev.rill.server.session.ServerContext;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.List;

/**
 * Live streams over HTTP at the vhosts' {@code http_remux} mounts: {@code GET} streams FLV (or
 * MPEG-TS, ADTS AAC, MP3) as a chunked response; the same path with a WebSocket upgrade streams the
 * same bytes as binary frames (WebSocket-FLV, or MPEG-TS as mpegts.js also reads it). As SRS 3
 * (whose HTTP stream mux mounts every stream a mount template fits, publisher or not), a request
 * that fits a mount plays that stream and waits for its publisher; a path no mount fits falls
 * through to the next route (404 in the end). The mounts are tried for the Host, or for the vhost
 * that {@code ?vhost=} (or {@code ?domain=}) names, as SRS's HTTP server reads the request's host.
 * The response ends cleanly when the publisher leaves, as SRS 3 ends it on unpublish. Every player
 * passes the client gate first ({@link HttpPlaySession}).
 *
 * <p>A {@code .ts} path is taken only while its stream is published, as SRS 3 mounts a stream's
 * HTTP-TS when it is published: HLS segments share the extension and the directory
 * ({@code /live/cam-12.ts} fits {@code [app]/[stream].ts}), so any other {@code .ts} path falls
 * through to the static files.
 */
public final class LiveStreamRoute implements HttpRoute {
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
        ContextLog log = ContextLog.of(LiveStreamRoute.class, HttpListener.cid(ctx));
        new HttpPlaySession(context, ctx, log, key, vhost, config.httpRemux(vhost.name()), found.mount().format(),
                StreamStart.of(req, crossdomain, log)).start(req);
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
