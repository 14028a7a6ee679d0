package dev.rill.server.stats;

import java.util.concurrent.atomic.LongAdder;

/** Bytes received and sent by a client, stream, vhost or the whole server, with their rates. */
public final class Traffic {
    private final LongAdder recv = new LongAdder();
    private final LongAdder send = new LongAdder();
    private final RateMeter recvRate = new RateMeter();
    private final RateMeter sendRate = new RateMeter();

    void add(long recvDelta, long sendDelta) {
        recv.add(recvDelta);
        send.add(sendDelta);
    }

    void sample(long nowMs) {
        recvRate.sample(nowMs, recv.sum());
        sendRate.sample(nowMs, send.sum());
    }

    public long recvBytes() {
        return recv.sum();
    }

    public long sendBytes() {
        return send.sum();
    }

    public int recvKbps30s() {
        return recvRate.kbps30s();
    }

    public int sendKbps30s() {
        return sendRate.kbps30s();
    }

    public int recvKbps5m() {
        return recvRate.kbps5m();
    }

    public int sendKbps5m() {
        return sendRate.kbps5m();
    }
}
