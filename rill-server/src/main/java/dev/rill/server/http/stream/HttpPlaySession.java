package dev.rill.server.http.stream;

import dev.rill.server.config.HttpRemuxConfig;
import dev.rill.server.config.VhostConfig;
import dev.rill.server.hooks.Hook;
import dev.rill.server.http.HttpListener;
import dev.rill.server.http.HttpResponses;
import dev.rill.server.live.LiveSource;
import dev.rill.server.live.StreamKey;
import dev.rill.server.live.TimeJitter;
import dev.rill.server.log.ContextLog;
import dev.rill.server.session.ClientCounters;
import dev.rill.server.session.ClientRequest;
import dev.rill.server.session.ClientSession;
import dev.rill.server.session.ClientType;
import dev.rill.server.session.EndReason;
import dev.rill.server.session.ServerContext;
import dev.rill.server.session.StreamNames;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.net.InetSocketAddress;

/**
 * One player of a live stream over HTTP or WebSocket, from its request to its close, through the
 * client gate as SRS 5/6 serve it: listed in the statistics (type {@code flv-play}) and kickable,
 * then security and refer (the page is the Referer), then {@code on_play} (with the stream, the
 * query string as {@code param} and the Referer as {@code pageUrl}); only then the response
 * head, or the WebSocket upgrade, and media. A denial answers 403 instead and says why in the
 * log. {@code on_stop} follows a play that started; one line logs how the connection ended.
 */
final class HttpPlaySession {
    private final ServerContext server;
    private final ChannelHandlerContext ctx;
    private final Channel channel;
    private final ContextLog log;
    private final StreamKey key;
    private final VhostConfig vhost;
    private final HttpRemuxConfig remux;
    private final StreamFormat format;
    private final StreamStart responder;
    private final LiveStreamHandler handler = new LiveStreamHandler();
    private final ClientSession client;
    private final String kind;
    private HttpStreamPlayer player;
    private LiveSource source;
    private EndReason end;

    private final ClientCounters counters = new ClientCounters() {
        @Override
        public long received() {
            return 0;
        }

        @Override
        public long sent() {
            return player == null ? 0 : player.bytesSent();
        }

        @Override
        public long dropped() {
            return player == null ? 0 : player.dropped();
        }

        @Override
        public long stalledMillis(long nowMs) {
            return player == null ? 0 : player.stalledMillis(nowMs);
        }
    };

    HttpPlaySession(ServerContext server, ChannelHandlerContext ctx, ContextLog log, StreamKey key, VhostConfig vhost,
                    HttpRemuxConfig remux, StreamFormat format, StreamStart responder) {
        this.server = server;
        this.ctx = ctx;
        this.channel = ctx.channel();
        this.log = log;
        this.key = key;
        this.vhost = vhost;
        this.remux = remux;
        this.format = format;
        this.responder = responder;
        this.client = new ClientSession(server, log, channel.eventLoop());
        this.kind = (responder.websocket() ? "WebSocket-" : "HTTP-") + format.name();
    }

    /**
     * Takes the connection over and puts the player through the gate; {@code req} is retained
     * until the gate has decided.
     */
    void start(FullHttpRequest req) {
        HttpListener.takeOver(ctx, handler);
        channel.closeFuture().addListener(f -> onClosed());
        String badName = StreamNames.problem(key.app(), key.stream());
        if (badName != null) {
            end = EndReason.server("bad name: " + badName);
            log.warn("{} play refused: {}", kind, badName);
            answer(HttpResponseStatus.BAD_REQUEST, "400 Bad Request: " + badName + "\n");
            return;
        }
        client.identify(request(req));
        client.join(key, ClientType.FLV_PLAY, this::kick, counters);
        String denied = client.connectDenial();
        if (denied == null) {
            denied = client.streamDenial(false);
        }
        if (denied != null) {
            refuse(denied);
            return;
        }
        req.retain();
        client.gate(Hook.ON_PLAY).whenComplete((why, error) -> channel.eventLoop().execute(() -> {
            try {
                decided(req, error != null ? "hook failed: " + error : why);
            } finally {
                req.release();
            }
        }));
    }

    private ClientRequest request(FullHttpRequest req) {
        QueryStringDecoder uri = new QueryStringDecoder(req.uri());
        String query = uri.rawQuery();
        String ip = ((InetSocketAddress) channel.remoteAddress()).getAddress().getHostAddress();
        // SRS's tcUrl for an HTTP client (SrsHttpMessage::to_request): the vhost and app it plays.
        return new ClientRequest(ip, vhost.name(), key.app(), "rtmp://" + vhost.name() + "/" + key.app(),
                req.headers().get(HttpHeaderNames.REFERER, ""), "", key.stream(), query.isEmpty() ? "" : "?" + query);
    }

    private void decided(FullHttpRequest req, String denied) {
        if (!channel.isActive()) {
            return;
        }
        if (denied != null) {
            refuse(denied);
        } else {
            play(req);
        }
    }

    private void play(FullHttpRequest req) {
        if (!responder.begin(ctx, req, format)) {
            return;
        }
        // The request and the handshake ran with the HTTP listener's TCP_NODELAY; the stream's
        // bytes follow the vhost's tcp_nodelay, as RTMP players' do and as SRS's HTTP streams do.
        if (channel.isActive()) {
            channel.config().setOption(ChannelOption.TCP_NODELAY, vhost.tcpNodelay());
        }
        TimeJitter.Mode jitter = vhost.atc() ? TimeJitter.Mode.OFF : TimeJitter.Mode.valueOf(vhost.timeJitter().name());
        player = new HttpStreamPlayer(channel, log, responder.websocket() ? StreamSink.WEBSOCKET : StreamSink.HTTP,
                format, vhost.mwLatencyMs(), server.limits().queue(vhost.queueLengthSeconds()), jitter, remux.fastCacheSeconds());
        handler.play(player);
        source = server.sources().acquire(key, vhost.gopCache(), vhost.mixCorrect());
        player.start();
        player.attachTo(source);
        log.trace("{} play {} from {}, {}", kind, key, channel.remoteAddress(),
                source.publisher() == null ? "waiting for a publisher" : "publisher " + source.publisher().cid());
    }

    private void refuse(String why) {
        log.warn("{} play {} refused: {}", kind, key, why);
        end = EndReason.server("play " + key + " refused: " + why);
        answer(HttpResponseStatus.FORBIDDEN, "403 Forbidden: play refused\n");
    }

    private void answer(HttpResponseStatus status, String text) {
        FullHttpResponse res = HttpResponses.text(status, text);
        res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        if (responder.crossdomain()) {
            HttpResponses.allowCrossDomain(res);
        }
        ctx.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
    }

    private void kick(String reason) {
        channel.eventLoop().execute(() -> {
            if (end == null) {
                end = EndReason.server(reason);
            }
            channel.close();
        });
    }

    private void onClosed() {
        long messages = 0;
        long dropped = 0;
        if (player != null) {
            client.notify(Hook.ON_STOP);
            source.detach(player);
            player.close();
            server.sources().release(source);
            messages = player.messagesSent();
            dropped = player.dropped();
            if (end == null && player.ended()) {
                end = EndReason.server("stream " + key + " unpublished");
            }
        }
        client.leave(counters);
        EndReason reason = end != null ? end : EndReason.client("client closed the connection");
        log.log(reason.level(), "{} ({}), type={}, {} {}, sent {} messages, {} bytes, dropped {}", reason.kind(),
                reason.message(), ClientType.FLV_PLAY.label(), kind, key, messages, counters.sent(), dropped);
    }
}
