package dev.rill.server.session;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rill.codec.RillException;
import dev.rill.codec.media.AudioInfo;
import dev.rill.codec.media.FlvAudio;
import dev.rill.codec.media.FlvVideo;
import dev.rill.codec.media.VideoInfo;
import dev.rill.codec.rtmp.MessageType;
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
import dev.rill.server.stats.StatsRegistry;
import dev.rill.server.stats.StreamStat;
import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * What one client of any protocol goes through, whatever carries its media: security and refer
 * checks, the HTTP hooks with SRS's bodies, the statistics it is listed and counted in (and
 * kicked through), and the codec facts a publisher's stream shows in the API. Protocols call it
 * in SRS's order: {@link #identify}, {@link #join} (listed before the hooks, which name the
 * stream's id), the denials, {@link #gate}, then media; at the end {@link #notify} and
 * {@link #leave}. Runs on the connection's event loop; hook calls run elsewhere and come back
 * as futures.
 */
public final class ClientSession {
    private final ServerContext server;
    private final ContextLog log;
    private final EventLoop loop;
    private ClientRequest request;
    private ClientStat stat;
    /** This client's statistics sample, run by its loop's clock while it publishes or plays. */
    private Runnable sample;
    private SampleClock sampleClock;
    /** The connection's totals when it last stopped streaming: the next play counts from there. */
    private long receivedAtLeave;
    private long sentAtLeave;
    private boolean codecFactsFailed;
    private boolean sendTimeoutKicked;

    public ClientSession(ServerContext server, ContextLog log, EventLoop loop) {
        this.server = server;
        this.log = log;
        this.loop = loop;
    }

    /** Who the client is and what it asks for; again when it names its stream. */
    public void identify(ClientRequest what) {
        this.request = what;
    }

    public ClientRequest request() {
        return request;
    }

    public String cid() {
        return log.cid();
    }

    /** Null when the client's page passes the vhost's {@code refer all}; else why not. */
    public String connectDenial() {
        return AccessRules.checkReferAll(config().refer(request.vhost()), request.pageUrl());
    }

    /** Null when security and refer let this client publish or play; else the rule that denies. */
    public String streamDenial(boolean publish) {
        String denied = AccessRules.checkSecurity(config().security(request.vhost()), publish, request.ip());
        return denied != null ? denied
                : AccessRules.checkReferStream(config().refer(request.vhost()), publish, request.pageUrl());
    }

    /** Calls a gate hook; completes with null at once when the vhost has no URL for it. */
    public CompletableFuture<String> gate(Hook hook) {
        List<String> urls = urls(hook);
        if (urls.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        return server.hooks().gate(hook, urls, body(hook), log);
    }

    /** Calls on_unpublish or on_stop for the record; nobody waits. */
    public void notify(Hook hook) {
        if (request != null) {
            server.hooks().notify(hook, urls(hook), body(hook), log);
        }
    }

    /** on_close, with the connection's byte totals; only for a client that said who it is. */
    public void notifyClose(long sendBytes, long recvBytes) {
        if (request != null) {
            server.hooks().notify(Hook.ON_CLOSE, urls(Hook.ON_CLOSE), HookBodies.onClose(client(), sendBytes, recvBytes),
                    log);
        }
    }

    /**
     * Lists this client in the statistics as a {@code type} of {@code key}, kickable through
     * {@code kick}, with its figures read from {@code counters} each second.
     */
    public void join(StreamKey key, ClientType type, Consumer<String> kick, ClientCounters counters) {
        ClientInfo info = new ClientInfo(log.cid(), request.ip(), request.pageUrl(), request.swfUrl(), request.tcUrl(),
                type.label(), type.isPublish(), kick);
        stat = server.stats().join(info, key, receivedAtLeave, sentAtLeave);
        update(counters);
        sampleClock = SampleClock.of(loop);
        sendTimeoutKicked = false;
        sample = () -> {
            update(counters);
            checkSendTimeout(counters, kick);
        };
        sampleClock.add(sample);
    }

    /** The client joined as a publisher and now publishes: its stream shows it as the publisher. */
    public void startPublishing() {
        if (stat != null) {
            server.stats().publishStarted(stat);
        }
    }

    /** Stops listing this client; its figures are taken from {@code counters} one last time. */
    public void leave(ClientCounters counters) {
        if (stat == null) {
            return;
        }
        update(counters);
        sampleClock.remove(sample);
        server.stats().leave(stat);
        stat = null;
        receivedAtLeave = counters.received();
        sentAtLeave = counters.sent();
        codecFactsFailed = false;
    }

    /** Reads codec facts and counts frames from a published message before it is handed on. */
    public void onPublished(int typeId, ByteBuf payload) {
        if (stat == null) {
            return;
        }
        StreamStat stream = stat.stream();
        try {
            if (typeId == MessageType.VIDEO) {
                if (FlvVideo.isSequenceHeader(payload)) {
                    stream.setVideo(VideoInfo.fromSequenceHeader(payload));
                } else {
                    stream.onVideoFrame();
                }
            } else if (typeId == MessageType.AUDIO) {
                if (FlvAudio.isAacSequenceHeader(payload)) {
                    stream.setAudio(AudioInfo.fromAacSequenceHeader(payload));
                } else if (stream.audio() == null && FlvAudio.soundFormat(payload) != FlvAudio.FORMAT_AAC) {
                    stream.setAudio(AudioInfo.fromFlvHeader(payload));
                }
            }
        } catch (RillException e) {
            if (!codecFactsFailed) {
                codecFactsFailed = true;
                log.warn("cannot read codec facts for the API: {}", e.getMessage());
            }
        }
    }

    /** SRS's send timeout: a player whose socket takes nothing for that long is closed. */
    private void checkSendTimeout(ClientCounters counters, Consumer<String> kick) {
        long stalled = counters.stalledMillis(server.monotonicMillis());
        long limit = server.limits().sendTimeoutMs();
        if (stalled >= limit && !sendTimeoutKicked) {
            sendTimeoutKicked = true;
            kick.accept("send timeout: the player took no data for " + stalled / 1000 + " s (limits.send_timeout "
                    + limit / 1000.0 + " s)");
        }
    }

    private void update(ClientCounters counters) {
        if (stat != null) {
            server.stats().update(stat, counters.received(), counters.sent(), counters.dropped());
        }
    }

    private RillConfig config() {
        return server.config();
    }

    private List<String> urls(Hook hook) {
        HooksConfig h = config().hooks(request.vhost());
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

    private HookBodies.Client client() {
        StatsRegistry stats = server.stats();
        StreamKey key = new StreamKey(request.vhost(), request.app(), request.stream());
        StreamStat stream = stat != null ? stat.stream() : stats.streamOf(key);
        return new HookBodies.Client(stats.serverId(), stats.serviceId(), log.cid(), request.ip(), request.vhost(),
                request.app(), request.tcUrl(), request.pageUrl(), request.stream(), request.param(),
                StatsRegistry.streamUrl(key), stream == null ? null : stream.id());
    }
}
