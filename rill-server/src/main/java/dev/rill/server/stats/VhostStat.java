package dev.rill.server.stats;

import java.util.concurrent.atomic.AtomicInteger;

/** One vhost's figures; kept for the life of the server (vhost names come from the config). */
public final class VhostStat {
    private final String id;
    private final String name;
    private final Traffic traffic = new Traffic();
    final AtomicInteger clients = new AtomicInteger();
    final AtomicInteger streams = new AtomicInteger();

    VhostStat(String id, String name) {
        this.id = id;
        this.name = name;
    }

    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    public Traffic traffic() {
        return traffic;
    }

    public int clients() {
        return clients.get();
    }

    public int streams() {
        return streams.get();
    }
}
