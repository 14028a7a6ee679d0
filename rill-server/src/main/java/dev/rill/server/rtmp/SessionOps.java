package dev.rill.server.rtmp;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rill.codec.RillException;
import dev.rill.codec.media.AudioInfo;
import dev.rill.codec.media.FlvAudio;
import dev.rill.codec.media.FlvVideo;
import dev.rill.codec.media.VideoInfo;
import dev.rill.codec.rtmp.MessageType;
import dev.rill.codec.rtmp.RtmpMessage;
import dev.rill.codec.rtmp.url.RtmpUrl;
import dev.rill.server.config.HooksConfig;
import dev.rill.server.config.RillConfig;
import dev.rill.server.hooks.Hook;
import dev.rill.server.hooks.HookBodies;
import dev.rill.server.live.StreamKey;
import dev.rill.server.log.ContextLog;
import dev.rill.server.security.AccessRules;
import dev.rill.server.stats.ClientInfo;
import dev.rill.server.stats.ClientStat;
import dev.rill.server.stats.SampleClock;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The operator-facing side of one RTMP session: security and refer checks, HTTP hooks, and the
 * statistics it feeds (bytes each second, codecs from sequence headers, video frames). Runs on
 * the session's event loop; hook calls run elsewhere and come back as futures.
 */
final class SessionOps {
    private final ServerContext server;
    private final ContextLog log;
    private String ip = "";
    private String vhost = "";
    private ConnectInfo connect;
    private RtmpUrl url;
    private ClientStat stat;
    /** This client's statistics sample, run by its loop's clock while it publishes or plays. */
    private Runnable sample;
    private SampleClock sampleClock;
    private long sentByPastPlayers;
    private long receivedAtLeave;
    private boolean videoInfoFailed;

    SessionOps(ServerContext server, ContextLog log) {
        this.server = server;
        this.log = log;
    }

    void onConnect(String peerIp, String vhostName, ConnectInfo info) {
        this.ip = peerIp;
        this.vhost = vhostName;
        this.connect = info;
    }

    void onStream(RtmpUrl streamUrl) {
        this.url = streamUrl;
    }

    /** Null when the client's pageUrl passes the vhost's {@code refer all}; else why not. */
    String connectDenial() {
        return AccessRules.checkReferAll(config().refer(vhost), connect.pageUrl());
    }

    /** Null when security and refer let this client publish or play; else the rule that denies. */
    String streamDenial(boolean publish) {
        String denied = AccessRules.checkSecurity(config().security(vhost), publish, ip);
        return denied != null ? denied : AccessRules.checkReferStream(config().refer(vhost), publish, connect.pageUrl());
    }

    /** Calls a gate hook; completes with null at once when the vhost has no URL for it. */
    CompletableFuture<String> gate(Hook hook) {
        List<String> urls = urls(hook);
        if (urls.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        return server.hooks().gate(hook, urls, body(hook), log);
    }

    /** Calls on_unpublish or on_stop for the record; nobody waits. */
    void notify(Hook hook) {
        if (connect != null) {
            server.hooks().notify(hook, urls(hook), body(hook), log);
        }
    }

    /** Starts counting this client in the statistics: it now publishes or plays {@code key}. */
    void join(ChannelHandlerContext ctx, StreamKey key, ClientType type, Consumer<String> kick, RtmpSession.Counters counters) {
        ClientInfo info = new ClientInfo(log.cid(), ip, connect.pageUrl(), connect.swfUrl(), connect.tcUrl(),
                type.label(), type.isPublish(), kick);
        stat = server.stats().join(info, key, receivedAtLeave, sentByPastPlayers);
        update(counters);
        sampleClock = SampleClock.of(ctx.channel().eventLoop());
        sample = () -> update(counters);
        sampleClock.add(sample);
    }

    /** Stops counting this client; {@code playerBytes} is what its player wrote, now done. */
    void leave(RtmpSession.Counters counters, long playerBytes) {
        if (stat == null) {
            return;
        }
        update(counters);
        sampleClock.remove(sample);
        server.stats().leave(stat);
        stat = null;
        receivedAtLeave = counters.received();
        sentByPastPlayers += playerBytes;
        videoInfoFailed = false;
    }

    /** Reads codec facts and counts frames from a published message before it is handed on. */
    void onPublished(RtmpMessage m) {
        if (stat == null) {
            return;
        }
        ByteBuf payload = m.content();
        try {
            if (m.typeId() == MessageType.VIDEO) {
                if (FlvVideo.isSequenceHeader(payload)) {
                    stat.stream().setVideo(VideoInfo.fromSequenceHeader(payload));
                } else {
                    stat.stream().onVideoFrame();
                }
            } else if (m.typeId() == MessageType.AUDIO) {
                if (FlvAudio.isAacSequenceHeader(payload)) {
                    stat.stream().setAudio(AudioInfo.fromAacSequenceHeader(payload));
                } else if (stat.stream().audio() == null && FlvAudio.soundFormat(payload) != FlvAudio.FORMAT_AAC) {
                    stat.stream().setAudio(AudioInfo.fromFlvHeader(payload));
                }
            }
        } catch (RillException e) {
            if (!videoInfoFailed) {
                videoInfoFailed = true;
                log.warn("cannot read codec facts for the API: {}", e.getMessage());
            }
        }
    }

    long sentByPastPlayers() {
        return sentByPastPlayers;
    }

    private void update(RtmpSession.Counters counters) {
        if (stat != null) {
            server.stats().update(stat, counters.received(), sentByPastPlayers + counters.playerSent(),
                    counters.dropped());
        }
    }

    private RillConfig config() {
        return server.config();
    }

    private List<String> urls(Hook hook) {
        HooksConfig h = config().hooks(vhost);
        return switch (hook) {
            case ON_CONNECT -> h.onConnect();
            case ON_CLOSE -> h.onClose();
            case ON_PUBLISH -> h.onPublish();
            case ON_UNPUBLISH -> h.onUnpublish();
            case ON_PLAY -> h.onPlay();
            case ON_STOP -> h.onStop();
        };
    }

    /** The body of every hook but on_close, which {@link #notifyClose} builds with byte totals. */
    private ObjectNode body(Hook hook) {
        HookBodies.Client c = client();
        return switch (hook) {
            case ON_CONNECT -> HookBodies.onConnect(c);
            case ON_PUBLISH -> HookBodies.onPublish(c);
            case ON_UNPUBLISH -> HookBodies.onUnpublish(c);
            case ON_PLAY -> HookBodies.onPlay(c);
            case ON_STOP -> HookBodies.onStop(c);
            case ON_CLOSE -> throw new IllegalArgumentException("on_close is sent by notifyClose");
        };
    }

    /** on_close, with the connection's byte totals; only for a client that sent connect. */
    void notifyClose(long sendBytes, long recvBytes) {
        if (connect != null) {
            server.hooks().notify(Hook.ON_CLOSE, urls(Hook.ON_CLOSE), HookBodies.onClose(client(), sendBytes, recvBytes), log);
        }
    }

    private HookBodies.Client client() {
        return new HookBodies.Client(log.cid(), ip, vhost, connect.url().app(), connect.tcUrl(), connect.pageUrl(),
                url == null ? "" : url.stream(), url == null ? "" : url.param());
    }
}
