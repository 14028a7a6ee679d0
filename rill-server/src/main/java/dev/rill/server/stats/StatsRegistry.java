package dev.rill.server.stats;

import dev.rill.server.config.RillConfig;
import dev.rill.server.live.StreamKey;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * The server's statistics, as SRS's SrsStatistic: vhosts, streams and clients with bytes, kbps,
 * frames and codecs. Connections join when they publish or play and leave when they stop; a
 * stream lives while it has clients, so memory follows what is connected, not every name ever
 * seen. One daemon thread samples every rate once a second.
 */
public final class StatsRegistry implements AutoCloseable {
    public static final long SAMPLE_PERIOD_MS = 1000;
    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    private final SecureRandom random = new SecureRandom();
    private final LongSupplier clock;
    private final String serverId = newId("vid-", 7);
    private final String serviceId = newId("", 8);
    private final long startMillis;
    private final Traffic total = new Traffic();
    private final LongAdder dropped = new LongAdder();
    private final Map<String, VhostStat> vhosts = new ConcurrentHashMap<>();
    private final Map<StreamKey, StreamStat> streams = new ConcurrentHashMap<>();
    private final Map<String, ClientStat> clients = new ConcurrentHashMap<>();
    private final ScheduledExecutorService sampler;

    public StatsRegistry(LongSupplier clock) {
        this.clock = clock;
        this.startMillis = clock.getAsLong();
        this.sampler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "rill-stats");
            t.setDaemon(true);
            return t;
        });
        sampler.scheduleAtFixedRate(this::sample, SAMPLE_PERIOD_MS, SAMPLE_PERIOD_MS, TimeUnit.MILLISECONDS);
    }

    /** SRS's stream url: {@code /app/stream}, the vhost in front unless it is the default one. */
    public static String streamUrl(StreamKey key) {
        String prefix = RillConfig.DEFAULT_VHOST.equals(key.vhost()) ? "" : key.vhost();
        return prefix + "/" + key.app() + "/" + key.stream();
    }

    /**
     * A client is listed as a publisher or player of {@code key} (its stream shows it as the
     * publisher only from {@link #publishStarted}). {@code recvTotal} and {@code sendTotal}
     * are its connection's byte counts so far (counted from here on).
     */
    public ClientStat join(ClientInfo info, StreamKey key, long recvTotal, long sendTotal) {
        VhostStat vhost = vhosts.computeIfAbsent(key.vhost(), name -> new VhostStat(newId("vid-", 7), name));
        StreamStat stream = streams.compute(key, (k, old) -> {
            StreamStat s = old != null ? old : new StreamStat(newId("vid-", 7), k, vhost, clock.getAsLong());
            if (old == null) {
                vhost.streams.incrementAndGet();
            }
            s.clients.incrementAndGet();
            return s;
        });
        ClientStat client = new ClientStat(info, stream, clock.getAsLong(), recvTotal, sendTotal);
        vhost.clients.incrementAndGet();
        clients.put(info.cid(), client);
        return client;
    }

    /** A client that joined as a publisher now publishes its stream. */
    public void publishStarted(ClientStat client) {
        client.stream().onPublish(client.id(), client.info().tcUrl());
    }

    /**
     * Adds what a client's connection received and sent since the last update; called on that
     * connection's event loop with its running totals.
     */
    public void update(ClientStat client, long recvTotal, long sendTotal, long droppedTotal) {
        long recvDelta = Math.max(0, recvTotal - client.lastRecvTotal);
        long sendDelta = Math.max(0, sendTotal - client.lastSendTotal);
        long droppedDelta = Math.max(0, droppedTotal - client.lastDropped);
        client.lastRecvTotal = recvTotal;
        client.lastSendTotal = sendTotal;
        client.lastDropped = droppedTotal;
        client.traffic().add(recvDelta, sendDelta);
        client.stream().traffic().add(recvDelta, sendDelta);
        client.stream().vhost().traffic().add(recvDelta, sendDelta);
        total.add(recvDelta, sendDelta);
        dropped.add(droppedDelta);
    }

    /** The client stopped publishing or playing (or disconnected); call {@link #update} first. */
    public void leave(ClientStat client) {
        if (clients.remove(client.id(), client)) {
            StreamStat stream = client.stream();
            if (client.info().publish()) {
                stream.onUnpublish(client.id());
            }
            stream.vhost().clients.decrementAndGet();
            streams.computeIfPresent(stream.key(), (k, s) -> {
                if (s != stream || s.clients.decrementAndGet() > 0) {
                    return s;
                }
                s.vhost().streams.decrementAndGet();
                return null;
            });
        }
    }

    public String serverId() {
        return serverId;
    }

    public String serviceId() {
        return serviceId;
    }

    public long startMillis() {
        return startMillis;
    }

    public long now() {
        return clock.getAsLong();
    }

    public Traffic total() {
        return total;
    }

    public long droppedMessages() {
        return dropped.sum();
    }

    public List<VhostStat> vhosts() {
        return sorted(vhosts.values(), Comparator.comparing(VhostStat::name));
    }

    public VhostStat vhost(String id) {
        return vhosts.values().stream().filter(v -> v.id().equals(id)).findFirst().orElse(null);
    }

    public List<StreamStat> streams() {
        return sorted(streams.values(), Comparator.comparingLong(StreamStat::createdMillis).thenComparing(StreamStat::id));
    }

    /** The statistics of {@code key} while it has clients, else null. */
    public StreamStat streamOf(StreamKey key) {
        return streams.get(key);
    }

    public StreamStat stream(String id) {
        return streams.values().stream().filter(s -> s.id().equals(id)).findFirst().orElse(null);
    }

    public List<ClientStat> clients() {
        return sorted(clients.values(), Comparator.comparingLong(ClientStat::createdMillis).thenComparing(ClientStat::id));
    }

    public ClientStat client(String id) {
        return clients.get(id);
    }

    public int streamCount() {
        return streams.size();
    }

    @Override
    public void close() {
        sampler.shutdownNow();
    }

    private void sample() {
        long now = clock.getAsLong();
        total.sample(now);
        vhosts.values().forEach(v -> v.traffic().sample(now));
        streams.values().forEach(s -> s.traffic().sample(now));
        clients.values().forEach(c -> c.traffic().sample(now));
    }

    private static <T> List<T> sorted(java.util.Collection<T> values, Comparator<T> order) {
        List<T> out = new ArrayList<>(values);
        out.sort(order);
        return out;
    }

    private String newId(String prefix, int length) {
        char[] id = new char[length];
        for (int i = 0; i < length; i++) {
            id[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return prefix + new String(id);
    }
}
