package dev.rill.server.stats;

/**
 * One publishing or playing client's figures. Its byte totals are pushed by the connection's own
 * event loop ({@link StatsRegistry#update}); anyone may read them.
 *
 * @see StatsRegistry#join
 */
public final class ClientStat {
    private final ClientInfo info;
    private final StreamStat stream;
    private final long createdMillis;
    private final Traffic traffic = new Traffic();
    long lastRecvTotal;
    long lastSendTotal;
    long lastDropped;

    ClientStat(ClientInfo info, StreamStat stream, long createdMillis, long recvTotal, long sendTotal) {
        this.info = info;
        this.stream = stream;
        this.createdMillis = createdMillis;
        this.lastRecvTotal = recvTotal;
        this.lastSendTotal = sendTotal;
    }

    public String id() {
        return info.cid();
    }

    public ClientInfo info() {
        return info;
    }

    public StreamStat stream() {
        return stream;
    }

    public long createdMillis() {
        return createdMillis;
    }

    public Traffic traffic() {
        return traffic;
    }

    /** Closes the connection (the API's DELETE); runs on the connection's event loop. */
    public void kick(String reason) {
        info.kick().accept(reason);
    }
}
