package dev.rill.server.live;

/** The one publisher of a source: an RTMP encoder connection now, an edge pull later. */
public interface Publisher {
    String cid();

    /** Ends the publisher's connection, for example when the operator kicks it. */
    void kick(String reason);
}
