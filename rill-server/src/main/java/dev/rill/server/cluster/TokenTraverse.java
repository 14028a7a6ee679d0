package dev.rill.server.cluster;

import dev.rill.codec.RillException;
import dev.rill.codec.rtmp.client.RtmpClientHandler;
import dev.rill.codec.rtmp.client.RtmpClientListener;
import dev.rill.server.config.HostPort;
import dev.rill.server.log.ContextLog;
import dev.rill.server.rtmp.client.RtmpClientConnector;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * An edge's {@code token_traverse} (SRS's check_edge_token_traverse_auth): before it accepts a
 * client, the edge sends the client's connect (its tcUrl and app) to the first origin that takes
 * TCP, so the origin's own checks and on_connect hooks decide. The connect answer allows; a
 * rejection, garbage, a close or no answer within {@value #TIMEOUT_MS} ms refuses; an origin that
 * refuses TCP or cannot be resolved passes the question to the next one, and when none is left
 * the client is refused. Names are resolved on a virtual thread, the rest runs on an event loop.
 */
final class TokenTraverse {
    /** SRS_EDGE_TOKEN_TRAVERSE_TIMEOUT. */
    static final long TIMEOUT_MS = 3000;

    private final EventLoopGroup loops;
    private final Class<? extends SocketChannel> channelType;

    TokenTraverse(EventLoopGroup loops, Class<? extends SocketChannel> channelType) {
        this.loops = loops;
        this.channelType = channelType;
    }

    /** Completes with null when an origin accepted the connect, else why the client is refused. */
    CompletableFuture<String> check(List<HostPort> origins, String tcUrl, String app, ContextLog log) {
        CompletableFuture<String> verdict = new CompletableFuture<>();
        tryOrigin(origins, 0, tcUrl, app, log, verdict);
        return verdict;
    }

    private void tryOrigin(List<HostPort> origins, int index, String tcUrl, String app, ContextLog log,
                           CompletableFuture<String> verdict) {
        if (index >= origins.size()) {
            verdict.complete("token traverse: no origin of " + origins + " could be reached");
            return;
        }
        HostPort origin = origins.get(index);
        Thread.ofVirtual().start(() -> {
            InetSocketAddress address;
            try {
                address = new InetSocketAddress(InetAddress.getByName(origin.host()), origin.port());
            } catch (UnknownHostException e) {
                log.warn("token traverse: cannot resolve origin {}", origin);
                tryOrigin(origins, index + 1, tcUrl, app, log, verdict);
                return;
            }
            EventLoop loop = loops.next();
            try {
                loop.execute(() -> new Check(origins, index, address, tcUrl, app, log, verdict, loop));
            } catch (RejectedExecutionException e) {
                verdict.complete("token traverse: server stopping");
            }
        });
    }

    /** One connect to one origin. */
    private final class Check implements RtmpClientListener {
        private final List<HostPort> origins;
        private final int index;
        private final String tcUrl;
        private final String app;
        private final ContextLog log;
        private final CompletableFuture<String> verdict;
        private final RtmpClientConnector.Connection connection;
        private final ScheduledFuture<?> timer;

        Check(List<HostPort> origins, int index, InetSocketAddress address, String tcUrl, String app, ContextLog log,
              CompletableFuture<String> verdict, EventLoop loop) {
            this.origins = origins;
            this.index = index;
            this.tcUrl = tcUrl;
            this.app = app;
            this.log = log;
            this.verdict = verdict;
            this.connection = new RtmpClientConnector(loop, channelType)
                    .connect(address, tcUrl, app, "", RtmpClientHandler.Mode.CONNECT, this);
            this.timer = loop.schedule(() -> refuse("no answer within " + TIMEOUT_MS + " ms"), TIMEOUT_MS,
                    TimeUnit.MILLISECONDS);
            connection.connectFuture().addListener(f -> {
                if (!f.isSuccess() && !verdict.isDone()) {
                    timer.cancel(false);
                    log.warn("token traverse: origin {} unreachable: {}", origin(), f.cause().getMessage());
                    tryOrigin(origins, index + 1, tcUrl, app, log, verdict);
                }
            });
            connection.connectFuture().channel().closeFuture().addListener(f -> {
                if (connection.connectFuture().isSuccess()) {
                    refuse("the origin closed the connection without answering the connect");
                }
            });
        }

        @Override
        public void onStarted(RtmpClientHandler client) {
            timer.cancel(false);
            if (verdict.complete(null)) {
                log.trace("token traverse: origin {} accepted tcUrl={}", origin(), tcUrl);
            }
            connection.close();
        }

        @Override
        public void onRefused(String code, String description) {
            refuse("refused with " + code + " (" + description + ")");
        }

        @Override
        public void onError(Throwable cause) {
            refuse(cause instanceof RillException ? cause.getMessage() : cause.toString());
        }

        private void refuse(String why) {
            timer.cancel(false);
            if (verdict.complete("token traverse: origin " + origin() + " " + why)) {
                log.warn("token traverse: origin {} did not accept tcUrl={} app={}: {}", origin(), tcUrl, app, why);
            }
            connection.close();
        }

        private HostPort origin() {
            return origins.get(index);
        }
    }
}
