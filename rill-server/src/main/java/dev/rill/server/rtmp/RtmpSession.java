package dev.rill.server.rtmp;

import dev.rill.codec.ErrorCode;
import dev.rill.codec.RillException;
import dev.rill.codec.amf.AmfLimits;
import dev.rill.codec.rtmp.MessageType;
import dev.rill.codec.rtmp.RtmpMessage;
import dev.rill.codec.rtmp.chunk.ChunkDecoder;
import dev.rill.codec.rtmp.command.Command;
import dev.rill.codec.rtmp.command.DataMessage;
import dev.rill.codec.rtmp.command.NetStatus;
import dev.rill.codec.rtmp.control.SetChunkSize;
import dev.rill.codec.rtmp.control.SetPeerBandwidth;
import dev.rill.codec.rtmp.control.UserControl;
import dev.rill.codec.rtmp.control.WindowAckSize;
import dev.rill.codec.rtmp.handshake.HandshakeCompleted;
import dev.rill.codec.rtmp.handshake.ServerHandshakeHandler;
import dev.rill.codec.rtmp.url.RtmpUrl;
import dev.rill.server.config.VhostConfig;
import dev.rill.server.hooks.Hook;
import dev.rill.server.live.LiveSource;
import dev.rill.server.live.Publisher;
import dev.rill.server.live.SharedMessage;
import dev.rill.server.live.StreamKey;
import dev.rill.server.live.TimeJitter;
import dev.rill.server.log.ContextLog;
import dev.rill.server.session.ClientCounters;
import dev.rill.server.session.ClientRequest;
import dev.rill.server.session.ClientSession;
import dev.rill.server.session.ClientType;
import dev.rill.server.session.ClusterRouting;
import dev.rill.server.session.EndReason;
import dev.rill.server.session.ServerContext;
import dev.rill.server.session.StreamNames;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One RTMP client from handshake to close, as SRS's SrsRtmpConn: connect, identify (FMLE, Flash or
 * Haivision publisher, or player), then publish or play, then one log line saying why it ended.
 * Runs on the connection's event loop only. While an HTTP hook decides on connect, publish or
 * play, reading stops and commands already decoded wait in order, so the session goes on exactly
 * where it paused once the hook answers.
 */
public final class RtmpSession extends ChannelInboundHandlerAdapter implements Publisher {
    static final long CONNECT_TIMEOUT_MS = 30_000;
    private static final long WATCHDOG_PERIOD_MS = 1000;
    /** C0 + C1 + C2: acknowledgements count them, as real peers do. */

    private final ServerContext server;
    private final ContextLog log;
    private final AmfLimits amfLimits;
    private final ChunkDecoder decoder;
    private ChannelHandlerContext ctx;
    private EndReason end;
    private ConnectInfo connect;
    private VhostConfig vhost;
    private ClientType type = ClientType.UNKNOWN;
    private boolean fmleStyle;
    private boolean createdStream;
    private int nextStreamId = 1;
    private RtmpUrl url;
    private LiveSource source;
    private RtmpPlayer player;
    private boolean publishing;
    private long publishStartNanos;
    private long lastMediaNanos;
    private ScheduledFuture<?> watchdog;
    private ClientSession client;
    /** What the players of earlier plays on this connection wrote. */
    private long sentByPastPlayers;
    private final ServerHandshakeHandler handshake;
    private boolean handshakeDone;
    private final ArrayDeque<RtmpMessage> pending = new ArrayDeque<>();
    private boolean waitingForHook;

    private final ClientCounters counters = new ClientCounters() {
        @Override
        public long received() {
            return bytesIn();
        }

        @Override
        public long sent() {
            return sentByPastPlayers + (player == null ? 0 : player.bytesSent());
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

    public RtmpSession(ServerContext server, String cid, AmfLimits amfLimits, ServerHandshakeHandler handshake,
                       ChunkDecoder decoder) {
        this.handshake = handshake;
        this.server = server;
        this.log = ContextLog.of(RtmpSession.class, cid);
        this.amfLimits = amfLimits;
        this.decoder = decoder;
    }

    public String cid() {
        return log.cid();
    }

    ContextLog log() {
        return log;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        this.client = new ClientSession(server, log, ctx.channel().eventLoop());
        InetSocketAddress peer = (InetSocketAddress) ctx.channel().remoteAddress();
        log.trace("RTMP client ip={}:{}, fd={}", peer.getAddress().getHostAddress(), peer.getPort(), ctx.channel().id());
        ctx.channel().closeFuture().addListener(f -> onClosed());
        ctx.executor().schedule(() -> {
            if (connect == null && ctx.channel().isActive()) {
                closeWith(EndReason.server("no connect command within " + CONNECT_TIMEOUT_MS + " ms"));
            }
        }, CONNECT_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        ctx.fireChannelActive();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof HandshakeCompleted hs) {
            handshakeDone = true;
            decoder.addBytesReceived(handshake.bytesConsumed());
            log.verbose("handshake done: {}", hs);
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof RtmpMessage m)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (waitingForHook) {
            pending.add(m);
            return;
        }
        handle(m);
    }

    private void handle(RtmpMessage m) {
        if (MessageType.isMedia(m.typeId()) || DataMessage.isData(m.typeId())) {
            onStreamData(m);
            return;
        }
        try {
            if (Command.isCommand(m.typeId())) {
                onCommand(Command.decode(m, amfLimits));
            } else if (m.typeId() == MessageType.USER_CONTROL) {
                onUserControl(UserControl.decode(m));
            } else if (m.typeId() == MessageType.AGGREGATE) {
                AggregateMessages.split(m, this::onStreamData);
            }
        } finally {
            m.release();
        }
    }

    /** Replies written while handling a read go out together once the read is done. */
    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.flush();
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (player != null && ctx.channel().isWritable()) {
            player.onWritable();
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof java.io.IOException) {
            closeWith(EndReason.client("i/o: " + cause.getMessage()));
        } else {
            closeWith(EndReason.fault(describe(cause)));
        }
    }

    @Override
    public void kick(String reason) {
        ctx.executor().execute(() -> closeWith(EndReason.server(reason)));
    }

    /** Ends the connection once, after what was already written (a refusal status) goes out. */
    void closeWith(EndReason reason) {
        if (end == null) {
            end = reason;
        }
        ctx.flush();
        ctx.close();
    }

    private void onCommand(Command c) {
        log.verbose("command {} tid={}", c.name(), c.transactionId());
        switch (c.name()) {
            case "connect" -> onConnect(c);
            case "createStream" -> onCreateStream(c);
            case "releaseStream" -> {
                fmleStyle = true;
                send(Replies.resultUndefined(c.transactionId()), 0);
            }
            case "FCPublish" -> {
                fmleStyle = true;
                send(Replies.resultUndefined(c.transactionId()), 0);
            }
            case "publish" -> onPublish(c);
            case "play" -> onPlay(c);
            case "pause" -> onPause(c);
            case "FCUnpublish" -> onFcUnpublish(c);
            case "deleteStream", "closeStream" -> onCloseStream();
            case "getStreamLength" -> send(Replies.result(c.transactionId(), 0.0), 0);
            default -> {
                if (c.transactionId() > 0) {
                    send(Replies.result(c.transactionId(), null), 0);
                }
            }
        }
    }

    private void onConnect(Command c) {
        if (connect != null) {
            throw new RillException(ErrorCode.COMMAND_INVALID, "second connect on one connection");
        }
        connect = ConnectInfo.from(c);
        vhost = server.config().resolveVhost(connect.url().vhost()).orElse(null);
        if (vhost == null) {
            send(Replies.connectRejected(c.transactionId(), "no vhost " + connect.url().vhost()), 0);
            closeWith(EndReason.server("vhost " + connect.url().vhost() + " is not served"));
            return;
        }
        // The handshake ran with TCP_NODELAY so it never waits on delayed ACKs; from here the
        // vhost decides, as in SRS.
        ctx.channel().config().setOption(ChannelOption.TCP_NODELAY, vhost.tcpNodelay());
        if (vhost.inAckSize() > 0) {
            decoder.setAckWindow(vhost.inAckSize());
        }
        client.identify(new ClientRequest(((InetSocketAddress) ctx.channel().remoteAddress()).getAddress().getHostAddress(),
                vhost.name(), connect.url().app(), connect.tcUrl(), connect.pageUrl(), connect.swfUrl(),
                connect.url().stream(), connect.url().param()));
        String denied = client.connectDenial();
        if (denied != null) {
            refuseConnect(c, denied);
            return;
        }
        // token_traverse: an edge asks its origin before its own on_connect hooks, as SRS's check_vhost.
        awaitHook(server.cluster().checkConnect(vhost.name(), connect.tcUrl(), connect.url().app(), log), originDenied -> {
            if (originDenied != null) {
                refuseConnect(c, originDenied);
                return;
            }
            awaitHook(client.gate(Hook.ON_CONNECT), hookDenied -> {
                if (hookDenied != null) {
                    refuseConnect(c, hookDenied);
                } else {
                    acceptConnect(c);
                }
            });
        });
    }

    private void refuseConnect(Command c, String why) {
        log.warn("connect refused: {}", why);
        send(Replies.connectRejected(c.transactionId(), "connect refused"), 0);
        closeWith(EndReason.server("connect refused: " + why));
    }

    private void acceptConnect(Command c) {
        log.trace("connect app ok, tcUrl={}, pageUrl={}, swfUrl={}, schema={}, vhost={}, port={}, app={}, args={}",
                connect.tcUrl(), connect.pageUrl(), connect.swfUrl(), connect.url().schema(), vhost.name(),
                connect.url().port(), connect.url().app(), connect.url().param());
        write(new WindowAckSize(vhost.outAckSize()).toMessage(ctx.alloc()));
        write(new SetPeerBandwidth(2_500_000, SetPeerBandwidth.DYNAMIC).toMessage(ctx.alloc()));
        write(new SetChunkSize(vhost.chunkSize()).toMessage(ctx.alloc()));
        write(Replies.connectResult(c.transactionId(), connect.objectEncoding(), server.serverSignature(),
                server.version(), cid()).encode(ctx.alloc(), 0));
        write(Replies.onBwDone().encode(ctx.alloc(), 0));
        ctx.flush();
    }

    private void onCreateStream(Command c) {
        requireConnected("createStream");
        createdStream = true;
        send(Replies.result(c.transactionId(), (double) nextStreamId), 0);
        nextStreamId++;
    }

    private int currentStreamId() {
        return Math.max(1, nextStreamId - 1);
    }

    private void onPublish(Command c) {
        requireConnected("publish");
        if (publishing || player != null) {
            throw new RillException(ErrorCode.COMMAND_INVALID, "publish on a connection that already streams");
        }
        type = fmleStyle ? ClientType.FMLE_PUBLISH : createdStream ? ClientType.FLASH_PUBLISH : ClientType.HAIVISION_PUBLISH;
        int streamId = currentStreamId();
        StreamKey key = resolveStreamOrRefuse(c.stringArg(0), NetStatus.PUBLISH_BAD_NAME, streamId);
        if (key == null) {
            return;
        }
        onStream(key);
        String denied = client.streamDenial(true);
        if (denied != null) {
            refuseStream(NetStatus.PUBLISH_DENIED, streamId, "publish " + key, denied);
            return;
        }
        awaitHook(client.gate(Hook.ON_PUBLISH), hookDenied -> {
            if (hookDenied != null) {
                refuseStream(NetStatus.PUBLISH_DENIED, streamId, "publish " + key, hookDenied);
            } else {
                startPublish(c, key, streamId);
            }
        });
    }

    private void startPublish(Command c, StreamKey key, int streamId) {
        source = server.sources().acquire(key, vhost.gopCache(), vhost.mixCorrect());
        if (!source.publish(this)) {
            log.warn("publish {} refused: stream is busy, published by {}", key, publisherCid(source));
            send(Replies.error(NetStatus.PUBLISH_BAD_NAME, "Stream already publishing.", cid()), streamId);
            ctx.flush();
            closeWith(EndReason.server("stream " + key + " is already being published"));
            return;
        }
        publishing = true;
        decoder.setLimits(server.limits().chunksPublishing(), server.limits().publishingBudget());
        client.startPublishing();
        publishStartNanos = System.nanoTime();
        lastMediaNanos = 0;
        log.trace("{} publish {} (type {}), tcUrl={}, param={}", type.label(), key, c.stringArg(1), connect.tcUrl(),
                url.param());
        if (type != ClientType.FLASH_PUBLISH) {
            send(Replies.onFcPublish(NetStatus.PUBLISH_START, "Started publishing stream."), streamId);
        }
        send(Replies.status(NetStatus.PUBLISH_START, "Started publishing stream.", cid()), streamId);
        ctx.flush();
        if (!ctx.channel().isActive()) {
            // Closed by that flush: the clean-up has unpublished, and would not stop a watchdog.
            return;
        }
        watchdog = ctx.executor().scheduleAtFixedRate(this::checkPublisherTimeouts, WATCHDOG_PERIOD_MS,
                WATCHDOG_PERIOD_MS, TimeUnit.MILLISECONDS);
    }

    private void onPlay(Command c) {
        requireConnected("play");
        if (publishing || player != null) {
            throw new RillException(ErrorCode.COMMAND_INVALID, "play on a connection that already streams");
        }
        type = ClientType.RTMP_PLAY;
        int streamId = currentStreamId();
        StreamKey key = resolveStreamOrRefuse(c.stringArg(0), NetStatus.PLAY_STREAM_NOT_FOUND, streamId);
        if (key == null) {
            return;
        }
        onStream(key);
        String denied = client.streamDenial(false);
        if (denied != null) {
            refuseStream(NetStatus.PLAY_FAILED, streamId, "play " + key, denied);
            return;
        }
        awaitHook(client.gate(Hook.ON_PLAY), hookDenied -> {
            if (hookDenied != null) {
                refuseStream(NetStatus.PLAY_FAILED, streamId, "play " + key, hookDenied);
                return;
            }
            await(server.cluster().routePlay(key, url, log), e -> ClusterRouting.PlayRoute.refuse("origin lookup failed: " + e),
                    route -> {
                        if (route.redirectUrl() != null) {
                            log.trace("play {}: redirected to {} (origin cluster)", key, route.redirectUrl());
                            send(Replies.redirect(route.redirectUrl()), 0);
                            closeWith(EndReason.server("play " + key + " redirected to " + route.redirectUrl()));
                        } else if (route.refusal() != null) {
                            refuseStream(NetStatus.PLAY_STREAM_NOT_FOUND, streamId, "play " + key, route.refusal());
                        } else {
                            startPlay(c, key, streamId);
                        }
                    });
        });
    }

    private void startPlay(Command c, StreamKey key, int streamId) {
        write(UserControl.streamBegin(streamId).toMessage(ctx.alloc()));
        send(Replies.status(NetStatus.PLAY_RESET, "Playing and resetting stream.", cid()), streamId);
        send(Replies.status(NetStatus.PLAY_START, "Started playing stream.", cid()), streamId);
        write(Replies.sampleAccess().encode(ctx.alloc(), 0, streamId));
        write(Replies.dataStart().encode(ctx.alloc(), 0, streamId));
        ctx.flush();
        if (!ctx.channel().isActive()) {
            // The flush found the client gone and closed the connection, whose clean-up has run
            // (or will) without a player: one made now would never be detached.
            return;
        }
        source = server.sources().acquire(key, vhost.gopCache(), vhost.mixCorrect());
        player = new RtmpPlayer(ctx.channel(), log, streamId, vhost.chunkSize(), vhost.mwLatencyMs(),
                server.limits().queue(vhost.queueLengthSeconds()), vhost.atc() ? TimeJitter.Mode.OFF : jitterMode(vhost));
        source.attach(player);
        log.trace("play {} start={} duration={} reset={}, {}", key, c.arg(1), c.arg(2), c.arg(3),
                source.publisher() == null ? "waiting for a publisher" : "publisher " + publisherCid(source));
    }

    private void onPause(Command c) {
        if (player == null) {
            return;
        }
        boolean pause = Boolean.TRUE.equals(c.arg(0));
        int streamId = currentStreamId();
        player.setPaused(pause);
        if (pause) {
            write(UserControl.streamEof(streamId).toMessage(ctx.alloc()));
            send(Replies.status(NetStatus.PAUSE_NOTIFY, "Paused stream.", cid()), streamId);
        } else {
            send(Replies.status(NetStatus.UNPAUSE_NOTIFY, "Unpaused stream.", cid()), streamId);
            write(UserControl.streamBegin(streamId).toMessage(ctx.alloc()));
        }
        ctx.flush();
        log.trace("{} at {} ms", pause ? "pause" : "resume", c.arg(1));
    }

    private void onFcUnpublish(Command c) {
        int streamId = currentStreamId();
        send(Replies.onFcUnpublish(), streamId);
        send(Replies.resultUndefined(c.transactionId()), 0);
        send(Replies.status(NetStatus.UNPUBLISH_SUCCESS, "Stream is now unpublished", cid()), streamId);
        ctx.flush();
        stopStreaming("FCUnpublish");
    }

    private void onCloseStream() {
        if (publishing || player != null) {
            stopStreaming("closeStream");
        }
    }

    private void onUserControl(UserControl uc) {
        if (uc.eventType() == UserControl.PING_REQUEST) {
            write(UserControl.pingResponse(uc.timestamp()).toMessage(ctx.alloc()));
            ctx.flush();
        } else if (uc.eventType() == UserControl.SET_BUFFER_LENGTH) {
            log.verbose("set buffer length stream={} {} ms", uc.streamId(), uc.bufferLength());
        }
    }

    /** Audio, video and data from a publisher; takes ownership of {@code m}. */
    private void onStreamData(RtmpMessage m) {
        if (!publishing) {
            m.release();
            return;
        }
        lastMediaNanos = System.nanoTime();
        client.onPublished(m.typeId(), m.content());
        source.onMessage(new SharedMessage(m.typeId(), m.timestamp(), m.content()));
    }

    private void checkPublisherTimeouts() {
        if (!publishing) {
            return;
        }
        long now = System.nanoTime();
        if (lastMediaNanos == 0) {
            if (now - publishStartNanos > TimeUnit.MILLISECONDS.toNanos(vhost.firstPktTimeoutMs())) {
                closeWith(EndReason.server("publisher sent no media within firstpkt_timeout " + vhost.firstPktTimeoutMs() + " ms"));
            }
        } else if (now - lastMediaNanos > TimeUnit.MILLISECONDS.toNanos(vhost.normalTimeoutMs())) {
            closeWith(EndReason.server("publisher silent longer than normal_timeout " + vhost.normalTimeoutMs() + " ms"));
        }
    }

    private void stopStreaming(String why) {
        if (watchdog != null) {
            watchdog.cancel(false);
            watchdog = null;
        }
        if (publishing) {
            publishing = false;
            client.notify(Hook.ON_UNPUBLISH);
            source.unpublish(this);
            log.trace("unpublish {} ({}), {} video and {} audio frames", source.key(), why,
                    source.stats().videoFrames(), source.stats().audioFrames());
        }
        if (player != null) {
            client.notify(Hook.ON_STOP);
            source.detach(player);
            player.close();
            log.trace("stop playing {} ({}), sent {} messages, dropped {}", source.key(), why,
                    player.messagesSent(), player.dropped());
            sentByPastPlayers += player.bytesSent();
            player = null;
        }
        client.leave(counters);
        if (source != null) {
            server.sources().release(source);
            source = null;
        }
    }

    private void onClosed() {
        stopStreaming("connection closed");
        releasePending();
        client.notifyClose(sentByPastPlayers, bytesIn());
        EndReason reason = end != null ? end : EndReason.client("client closed the connection");
        log.log(reason.level(), "{} ({}), type={}, {} bytes in", reason.kind(), reason.message(), type.label(),
                bytesIn());
    }

    /** Every byte the client sent, the handshake's included (also one that failed). */
    private long bytesIn() {
        return decoder.bytesReceived() + (handshakeDone ? 0 : handshake.bytesConsumed());
    }

    /**
     * Pauses the session until {@code verdict} completes (null allows, else why not), then runs
     * {@code then} with it on the event loop and replays the commands that arrived meanwhile.
     */
    private void awaitHook(CompletableFuture<String> verdict, Consumer<String> then) {
        await(verdict, error -> "hook failed: " + error, then);
    }

    /** As {@link #awaitHook} for any answer; a failed future becomes {@code onError}'s answer. */
    private <T> void await(CompletableFuture<T> answer, Function<Throwable, T> onError, Consumer<T> then) {
        if (answer.isDone() && !answer.isCompletedExceptionally()) {
            then.accept(answer.join());
            return;
        }
        waitingForHook = true;
        ctx.channel().config().setAutoRead(false);
        answer.whenComplete((value, error) -> ctx.executor().execute(() -> {
            waitingForHook = false;
            if (!ctx.channel().isActive()) {
                return;
            }
            try {
                then.accept(error != null ? onError.apply(error) : value);
                while (!waitingForHook && !pending.isEmpty() && ctx.channel().isActive()) {
                    handle(pending.poll());
                }
            } catch (RuntimeException e) {
                exceptionCaught(ctx, e);
            }
            if (!waitingForHook) {
                ctx.channel().config().setAutoRead(true);
            }
            ctx.flush();
        }));
    }

    private void refuseStream(String code, int streamId, String what, String why) {
        log.warn("{} refused: {}", what, why);
        send(Replies.error(code, what + " refused", cid()), streamId);
        closeWith(EndReason.server(what + " refused: " + why));
    }

    /** Frees the messages held while a hook decided, when the connection ends first. */
    private void releasePending() {
        RtmpMessage m;
        while ((m = pending.poll()) != null) {
            m.release();
        }
    }

    /**
     * The client names its stream: it is listed in the statistics from here, before the checks
     * and hooks (whose bodies name the stream's id), as SRS lists it.
     */
    private void onStream(StreamKey key) {
        client.identify(client.request().withStream(url.stream(), url.param()));
        client.join(key, type, this::kick, counters);
    }

    /** The stream named by publish or play; on a bad name, the refusal is sent and null returned. */
    private StreamKey resolveStreamOrRefuse(String streamName, String refusalCode, int streamId) {
        try {
            url = RtmpUrl.discover(connect.tcUrl(), streamName == null ? "" : streamName);
            String badName = StreamNames.problem(url.app(), url.stream());
            if (badName != null) {
                log.warn("stream '{}' of app '{}' refused: {}", url.stream(), url.app(), badName);
                send(Replies.error(refusalCode, "bad name: " + badName, cid()), streamId);
                closeWith(EndReason.server("bad name: " + badName));
                return null;
            }
            return new StreamKey(vhost.name(), url.app(), url.stream());
        } catch (RillException e) {
            send(Replies.error(refusalCode, e.getMessage(), cid()), streamId);
            closeWith(EndReason.server("stream name '" + streamName + "' refused: " + e.getMessage()));
            return null;
        }
    }

    private void requireConnected(String command) {
        if (connect == null || vhost == null) {
            throw new RillException(ErrorCode.COMMAND_INVALID, command + " before connect");
        }
    }

    private void send(Command c, int streamId) {
        ctx.write(c.encode(ctx.alloc(), streamId), ctx.voidPromise());
    }

    private void write(RtmpMessage m) {
        ctx.write(m, ctx.voidPromise());
    }

    private static TimeJitter.Mode jitterMode(VhostConfig v) {
        return TimeJitter.Mode.valueOf(v.timeJitter().name());
    }

    private static String publisherCid(LiveSource s) {
        Publisher p = s.publisher();
        return p == null ? "none" : p.cid();
    }

    private static String describe(Throwable cause) {
        Throwable root = cause;
        while (!(root instanceof RillException) && root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root instanceof RillException ? root.toString() : cause.toString();
    }
}
