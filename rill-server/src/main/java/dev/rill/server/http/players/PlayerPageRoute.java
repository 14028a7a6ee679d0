package dev.rill.server.http.players;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rill.server.http.HttpResponses;
import dev.rill.server.http.HttpRoute;
import dev.rill.server.http.files.MimeTypes;
import dev.rill.server.http.stream.MountTemplate;
import dev.rill.server.http.stream.Mounts;
import dev.rill.server.http.stream.StreamFormat;
import dev.rill.server.live.LiveSource;
import dev.rill.server.live.Publisher;
import dev.rill.server.session.ServerContext;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.regex.Pattern;

/**
 * Rill's player page at {@value #PREFIX}, served from the jar (resources under {@code players/},
 * with mpegts.js and hls.js put there by the build) whatever {@code http_server.dir} holds, so it
 * works with no internet; {@code streams.json}, the live streams with their HTTP-FLV paths, for
 * the page's picker; and SRS's {@code srs_player.html} link, sent on to this page. Resources are
 * read once, on {@code blocking}, then kept in memory.
 */
public final class PlayerPageRoute implements HttpRoute {
    public static final String PREFIX = "/players/";
    private static final String STREAMS = "streams.json";
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ServerContext context;
    private final boolean crossdomain;
    private final Executor blocking;
    private final Map<String, Optional<byte[]>> cache = new ConcurrentHashMap<>();

    public PlayerPageRoute(ServerContext context, boolean crossdomain, Executor blocking) {
        this.context = context;
        this.crossdomain = crossdomain;
        this.blocking = blocking;
    }

    @Override
    public boolean matches(FullHttpRequest request) {
        HttpMethod m = request.method();
        String path = new QueryStringDecoder(request.uri()).rawPath();
        return (m.equals(HttpMethod.GET) || m.equals(HttpMethod.HEAD))
                && (path.equals("/players") || path.startsWith(PREFIX));
    }

    @Override
    public void serve(ChannelHandlerContext ctx, FullHttpRequest req) {
        String path = new QueryStringDecoder(req.uri()).rawPath();
        if (path.equals("/players")) {
            FullHttpResponse res = HttpResponses.text(HttpResponseStatus.FOUND, "");
            res.headers().set(HttpHeaderNames.LOCATION, PREFIX);
            send(ctx, req, res);
            return;
        }
        String name = path.substring(PREFIX.length());
        if (name.isEmpty()) {
            name = "index.html";
        }
        if (name.equals(STREAMS)) {
            send(ctx, req, HttpResponses.json(HttpResponseStatus.OK, streamsJson()));
            return;
        }
        if (name.equals(SrsPlayerLink.PAGE)) {
            send(ctx, req, srsPlayer(req));
            return;
        }
        if (!isSafe(name)) {
            send(ctx, req, HttpResponses.text(HttpResponseStatus.NOT_FOUND, "not found\n"));
            return;
        }
        Optional<byte[]> cached = cache.get(name);
        if (cached != null) {
            answer(ctx, req, name, cached);
            return;
        }
        String resource = name;
        FullHttpRequest kept = req.retainedDuplicate();
        blocking.execute(() -> {
            Optional<byte[]> body = load(resource);
            cache.put(resource, body);
            ctx.executor().execute(() -> {
                try {
                    answer(ctx, kept, resource, body);
                } finally {
                    kept.release();
                }
            });
        });
    }

    private void answer(ChannelHandlerContext ctx, FullHttpRequest req, String name, Optional<byte[]> body) {
        if (body.isEmpty()) {
            send(ctx, req, HttpResponses.text(HttpResponseStatus.NOT_FOUND, "not found\n"));
            return;
        }
        send(ctx, req, HttpResponses.of(HttpResponseStatus.OK, MimeTypes.of(name), Unpooled.wrappedBuffer(body.get())));
    }

    private void send(ChannelHandlerContext ctx, FullHttpRequest req, FullHttpResponse res) {
        res.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-cache");
        if (crossdomain) {
            HttpResponses.allowCrossDomain(res);
        }
        HttpResponses.send(ctx, req, res);
    }

    /**
     * SRS's player page, which SRS's console links to for a preview: a redirect to this page
     * playing the stream its query names ({@link SrsPlayerLink}), started at once only with
     * {@code autostart=true}, as SRS's page does; without it the page shows the URL and waits.
     */
    private FullHttpResponse srsPlayer(FullHttpRequest req) {
        Map<String, List<String>> query = new QueryStringDecoder(req.uri()).parameters();
        String url = SrsPlayerLink.streamUrl(query, req.headers().get(HttpHeaderNames.HOST), context.config());
        if (url == null) {
            return HttpResponses.text(HttpResponseStatus.BAD_REQUEST, "not a stream this page plays: "
                    + SrsPlayerLink.PAGE + " takes schema (http, https, ws or wss), server, port, vhost, app and"
                    + " stream (NAME, NAME.flv, NAME.ts or NAME.m3u8)\n");
        }
        boolean autostart = "true".equals(query.getOrDefault("autostart", List.of("")).get(0));
        FullHttpResponse res = HttpResponses.text(HttpResponseStatus.FOUND, "");
        res.headers().set(HttpHeaderNames.LOCATION, PREFIX + "?url=" + URLEncoder.encode(url, StandardCharsets.UTF_8)
                + (autostart ? "" : "&autostart=false"));
        return res;
    }

    /** The live streams (with a publisher), by name, each with its HTTP-FLV path when a mount serves it. */
    String streamsJson() {
        Mounts mounts = Mounts.of(context.config());
        ObjectNode root = JSON.createObjectNode();
        ArrayNode streams = root.putArray("streams");
        List<LiveSource> live = context.sources().all().stream()
                .filter(s -> s.publisher() != null)
                .sorted(Comparator.comparing(s -> s.key().toString()))
                .toList();
        for (LiveSource s : live) {
            Publisher p = s.publisher();
            if (p == null) {
                continue;
            }
            ObjectNode o = streams.addObject();
            o.put("vhost", s.key().vhost());
            o.put("app", s.key().app());
            o.put("stream", s.key().stream());
            o.put("clients", s.consumerCount());
            MountTemplate flv = mounts.forVhost(s.key().vhost(), StreamFormat.FLV);
            if (flv != null) {
                o.put("flv", flv.pathFor(s.key().app(), s.key().stream()));
            }
        }
        return root.toString();
    }

    /** Plain segments only, and a file name with an extension (never a directory of the jar). */
    private static boolean isSafe(String name) {
        if (name.lastIndexOf('.') <= name.lastIndexOf('/')) {
            return false;
        }
        for (String segment : name.split("/", -1)) {
            if (!SEGMENT.matcher(segment).matches()) {
                return false;
            }
        }
        return true;
    }

    private static Optional<byte[]> load(String name) {
        try (InputStream in = PlayerPageRoute.class.getClassLoader().getResourceAsStream("players/" + name)) {
            return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
