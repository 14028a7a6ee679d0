package dev.rill.server.session;

import dev.rill.server.log.ContextLog;
import io.netty.channel.Channel;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

/**
 * Every connection the server holds, of every protocol (RTMP, HTTP API, HTTP streams, ...),
 * counted from accept against {@code max_connections} as SRS counts them: one past the limit is
 * closed at once with a log line, before it costs a handshake or a parser.
 */
public final class ConnectionCount {
    private final AtomicInteger open = new AtomicInteger();
    private final IntSupplier max;

    /** {@code max} is read at each accept, so a reload's new limit applies to the next client. */
    public ConnectionCount(IntSupplier max) {
        this.max = max;
    }

    /**
     * Counts {@code channel} until it closes, or closes it when the server is full.
     *
     * @param protocol what the listener serves, for the refusal's log line ("RTMP", "HTTP API")
     * @return whether the connection was admitted
     */
    public boolean admit(Channel channel, String protocol, String cid) {
        int limit = max.getAsInt();
        if (open.incrementAndGet() > limit) {
            open.decrementAndGet();
            ContextLog.of(ConnectionCount.class, cid).warn("refuse {} client {}: max_connections {} reached",
                    protocol, channel.remoteAddress(), limit);
            channel.close();
            return false;
        }
        channel.closeFuture().addListener(f -> open.decrementAndGet());
        return true;
    }

    /** The connections open now. */
    public int get() {
        return open.get();
    }
}
