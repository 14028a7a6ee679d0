package dev.rill.server.cluster;

import dev.rill.codec.RillException;
import dev.rill.codec.amf.AmfObject;
import dev.rill.codec.rtmp.RtmpMessage;
import dev.rill.codec.rtmp.client.RtmpClientHandler;
import dev.rill.codec.rtmp.client.RtmpClientListener;
import dev.rill.server.config.HostPort;
import dev.rill.server.log.ContextLog;
import dev.rill.server.rtmp.client.RtmpClientConnector;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * One RTMP client session to the first of a list of servers that works, kept up until stopped: a
 * failed or dropped connection is followed by the next server in the list (round robin), after
 * {@link Backoff}'s delay, or at once when the dropped connection had been up for
 * {@value #STABLE_MS} ms and there is another server to go to. A server that accepts TCP and then
 * does not start the stream (Play.Start or Publish.Start) within {@value #START_TIMEOUT_MS} ms is
 * dropped. A play is dropped when nothing arrives for {@value #SILENCE_TIMEOUT_MS} ms (checked
 * every {@value #PING_AFTER_MS} ms; a hung server or a black-holed path, which TCP would hold for
 * minutes), as SRS's edge ingester does; after {@value #PING_AFTER_MS} ms of quiet the link pings
 * the server, and the answers keep it, so a play whose stream is not published (yet) does not
 * move the link from server to server. A server that answers with SRS's RTMP 302 (an error status with
 * {@code ex.redirect2} or {@code ex.redirect}, sent by an origin cluster) is followed at once to
 * the origin it names; one hop only, so two origins cannot bounce the link between them. Every
 * attempt and failure is logged with the owner's cid. Runs on one event loop; host names are
 * resolved on a virtual thread.
 */
final class UpstreamLink {
    static final long START_TIMEOUT_MS = 5000;
    static final long STABLE_MS = 5000;
    static final long SILENCE_TIMEOUT_MS = 5000;
    /** How long a quiet play waits before it pings the server, and then between pings. */
    static final long PING_AFTER_MS = 1000;

    /** What the link tells its owner, on the link's event loop. */
    interface Owner {
        /** The stream started on {@code channel}; {@code client} publishes on it. */
        void onUp(RtmpClientHandler client, Channel channel);

        /** The connection that was up is gone; a retry follows unless stopped. */
        void onDown();

        /** Audio, video or data received while playing; released after this returns. */
        default void onMedia(RtmpMessage message) {
        }

        /** The connection can take writes again. */
        default void onWritable() {
        }
    }

    private final String what;
    private final ContextLog log;
    private final EventLoop loop;
    private final RtmpClientConnector connector;
    private final List<HostPort> servers;
    private final String tcUrlHost;
    private final String app;
    private final String stream;
    private final RtmpClientHandler.Mode mode;
    private final Owner owner;
    private final Backoff backoff = new Backoff();
    private Attempt current;
    private HostPort redirect;
    private ScheduledFuture<?> retry;
    private int index;
    private long attempts;
    /** Written on the link's loop only; read from other threads. */
    private volatile long connections;
    private boolean stopped;

    /**
     * @param tcUrlHost the host named in the connect command's tcUrl (the vhost asked of the
     *                  server), or null to name the server's own host
     */
    UpstreamLink(String what, ContextLog log, EventLoop loop, Class<? extends SocketChannel> channelType,
                 List<HostPort> servers, String tcUrlHost, String app, String stream, RtmpClientHandler.Mode mode,
                 Owner owner) {
        if (servers.isEmpty()) {
            throw new IllegalArgumentException("no server to connect to");
        }
        this.what = what;
        this.log = log;
        this.loop = loop;
        this.connector = new RtmpClientConnector(loop, channelType);
        this.servers = List.copyOf(servers);
        this.tcUrlHost = tcUrlHost;
        this.app = app;
        this.stream = stream;
        this.mode = mode;
        this.owner = owner;
    }

    /** Starts the first attempt; call on the link's loop. */
    void start() {
        attempt();
    }

    /** Closes the connection and stops retrying; call on the link's loop. */
    void stop() {
        stopped = true;
        if (retry != null) {
            retry.cancel(false);
        }
        if (current != null) {
            current.close();
        }
    }

    /** Drops the current connection (the next server is tried), e.g. when an operator kicks it. */
    void drop(String reason) {
        if (current != null) {
            current.fail(reason);
        }
    }

    /** Connections that reached Play.Start or Publish.Start. */
    long connections() {
        return connections;
    }

    long attempts() {
        return attempts;
    }

    private void attempt() {
        retry = null;
        if (stopped) {
            return;
        }
        boolean redirected = redirect != null;
        HostPort target = redirected ? redirect : servers.get(index % servers.size());
        redirect = null;
        attempts++;
        log.trace("{} {}/{}: connecting to {} (attempt {})", what, app, stream, target, attempts);
        Thread.ofVirtual().start(() -> {
            InetSocketAddress address;
            String failure = null;
            try {
                address = new InetSocketAddress(InetAddress.getByName(target.host()), target.port());
            } catch (UnknownHostException e) {
                address = null;
                failure = "cannot resolve " + target.host();
            }
            InetSocketAddress resolved = address;
            String error = failure;
            onLoop(() -> {
                if (resolved == null) {
                    retryAfterFailure(target, error, false);
                } else if (!stopped) {
                    current = new Attempt(target, resolved, redirected);
                }
            });
        });
    }

    /**
     * The origin an RTMP 302 names (SrsEdgeIngester reads {@code redirect2}, the stream URL, then
     * {@code redirect}, the tcUrl), or null when {@code info} is no redirect or names no usable host.
     */
    static HostPort redirectTarget(AmfObject info) {
        if (!"error".equals(info.getString("level")) || !(info.get("ex") instanceof AmfObject ex)) {
            return null;
        }
        String url = ex.getString("redirect2") != null ? ex.getString("redirect2") : ex.getString("redirect");
        if (url == null) {
            return null;
        }
        try {
            URI uri = new URI(url);
            if (!"rtmp".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
                return null;
            }
            String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1) : uri.getHost();
            return new HostPort(host, uri.getPort() < 0 ? HostPort.DEFAULT_PORT : uri.getPort());
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }

    private void retryAfterFailure(HostPort target, String why, boolean wasStable) {
        if (stopped) {
            return;
        }
        index++;
        long delay;
        if (wasStable) {
            backoff.reset();
            delay = servers.size() > 1 ? 0 : backoff.next();
        } else {
            delay = backoff.next();
        }
        HostPort next = servers.get(index % servers.size());
        log.warn("{} {}/{}: {} failed: {}; next try {} in {} ms", what, app, stream, target, why, next, delay);
        retry = loop.schedule(this::attempt, delay, TimeUnit.MILLISECONDS);
    }

    private void onLoop(Runnable task) {
        try {
            loop.execute(task);
        } catch (RejectedExecutionException e) {
            stopped = true;
        }
    }

    /** One connection to one server, from TCP connect to close. */
    private final class Attempt implements RtmpClientListener {
        private final HostPort target;
        private final RtmpClientConnector.Connection connection;
        private final ScheduledFuture<?> startTimer;
        private final boolean redirected;
        private HostPort redirectTo;
        private String failure;
        private long upSinceNanos;
        private RtmpClientHandler client;
        /** When a play last heard from the server: a message, a status or a ping's answer. */
        private long heardNanos;
        private ScheduledFuture<?> keepAlive;

        Attempt(HostPort target, InetSocketAddress address, boolean redirected) {
            this.target = target;
            this.redirected = redirected;
            String tcUrl = "rtmp://" + (tcUrlHost != null ? tcUrlHost : target.host()) + ":" + target.port() + "/" + app;
            this.connection = connector.connect(address, tcUrl, app, stream, mode, this);
            Channel channel = connection.connectFuture().channel();
            connection.connectFuture().addListener(f -> {
                if (!f.isSuccess() && failure == null) {
                    failure = "connect: " + f.cause().getMessage();
                }
            });
            startTimer = loop.schedule(() -> fail("no " + (mode == RtmpClientHandler.Mode.PLAY ? "Play.Start" : "Publish.Start")
                    + " within " + START_TIMEOUT_MS + " ms"), START_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            channel.closeFuture().addListener(f -> onClosed());
        }

        void fail(String why) {
            if (failure == null) {
                failure = why;
            }
            close();
        }

        void close() {
            connection.close();
        }

        @Override
        public void onStarted(RtmpClientHandler client) {
            startTimer.cancel(false);
            upSinceNanos = System.nanoTime();
            connections++;
            // A server may start a play more than once (nginx-rtmp's play_restart): one timer each.
            if (mode == RtmpClientHandler.Mode.PLAY && keepAlive == null) {
                this.client = client;
                heardNanos = upSinceNanos;
                keepAlive = loop.scheduleAtFixedRate(this::checkSilence, PING_AFTER_MS, PING_AFTER_MS, TimeUnit.MILLISECONDS);
            }
            log.trace("{} {}/{}: {} started on {}", what, app, stream, mode == RtmpClientHandler.Mode.PLAY ? "play" : "publish",
                    target);
            owner.onUp(client, connection.connectFuture().channel());
        }

        @Override
        public void onStatus(String code, AmfObject info) {
            log.verbose("{} {}/{}: {} says {}", what, app, stream, target, code);
            heardNanos = System.nanoTime();
            HostPort to = redirectTarget(info);
            if (to != null) {
                redirectTo = to;
                failure = redirected ? "redirected again, to " + to + " (one redirect is followed)" : "redirected to " + to;
            }
        }

        @Override
        public void onMessage(RtmpMessage message) {
            heardNanos = System.nanoTime();
            owner.onMedia(message);
        }

        @Override
        public void onPingResponse(long timestamp) {
            heardNanos = System.nanoTime();
        }

        /** Every {@value #PING_AFTER_MS} ms of a play: pings a quiet server, drops a silent one. */
        private void checkSilence() {
            if (failure != null) {
                return;
            }
            long now = System.nanoTime();
            long quietMs = TimeUnit.NANOSECONDS.toMillis(now - heardNanos);
            if (quietMs >= SILENCE_TIMEOUT_MS) {
                fail("nothing received for " + quietMs + " ms, pings unanswered");
            } else if (quietMs >= PING_AFTER_MS) {
                client.ping(TimeUnit.NANOSECONDS.toMillis(now - upSinceNanos) & 0xffffffffL);
            }
        }

        @Override
        public void onRefused(String code, String description) {
            if (redirectTo == null) {
                failure = "refused with " + code + " (" + description + ")";
            }
        }

        @Override
        public void onError(Throwable cause) {
            if (failure == null) {
                failure = cause instanceof RillException ? cause.getMessage() : cause.toString();
            }
        }

        @Override
        public void onWritabilityChanged(boolean writable) {
            if (writable) {
                owner.onWritable();
            }
        }

        private void onClosed() {
            startTimer.cancel(false);
            if (keepAlive != null) {
                keepAlive.cancel(false);
            }
            Throwable connectFailure = connection.connectFuture().cause();
            if (failure == null && connectFailure != null) {
                failure = "connect: " + connectFailure.getMessage();
            }
            if (current == this) {
                current = null;
            }
            boolean wasUp = upSinceNanos != 0;
            if (wasUp) {
                owner.onDown();
            }
            if (redirectTo != null && !redirected && !stopped) {
                log.trace("{} {}/{}: {} redirects to {}", what, app, stream, target, redirectTo);
                redirect = redirectTo;
                attempt();
                return;
            }
            boolean stable = wasUp && System.nanoTime() - upSinceNanos >= TimeUnit.MILLISECONDS.toNanos(STABLE_MS);
            retryAfterFailure(target, failure != null ? failure : "closed by the server", stable);
        }
    }
}
