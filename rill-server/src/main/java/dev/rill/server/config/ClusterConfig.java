package dev.rill.server.config;

import java.util.List;

/**
 * A vhost's {@code cluster { ... }}, as SRS 3: {@code mode local} (an origin, the default) or
 * {@code mode remote} (an edge that pulls played streams from, and pushes published streams to,
 * its {@code origin} list, in order, failing over to the next).
 *
 * @param edge           {@code mode remote}; default local
 * @param origins        {@code origin HOST[:PORT] ...}, the edge's upstreams in order
 * @param tokenTraverse  {@code token_traverse}, default off: the origin accepts each client first
 * @param upstreamVhost  {@code vhost}: the vhost asked of the origin; default this vhost's name
 * @param originCluster  {@code origin_cluster}, default off: missing streams are looked up at the coworkers
 * @param coworkers      {@code coworkers HOST:PORT ...}, the other origins' HTTP APIs
 */
public record ClusterConfig(boolean edge, List<HostPort> origins, boolean tokenTraverse, String upstreamVhost,
                            boolean originCluster, List<HostPort> coworkers) {

    public ClusterConfig {
        origins = List.copyOf(origins);
        coworkers = List.copyOf(coworkers);
    }

    /** The defaults for {@code vhost}: an origin with no cluster settings. */
    public static ClusterConfig local(String vhost) {
        return new ClusterConfig(false, List.of(), false, vhost, false, List.of());
    }

    static ClusterConfig from(Directive cluster, String vhost) {
        if (cluster == null) {
            return local(vhost);
        }
        return new ClusterConfig(
                Values.text(cluster, "mode", "local").equals("remote"),
                ForwardConfig.hostPorts(cluster, "origin"),
                Values.flag(cluster, "token_traverse", false),
                Values.text(cluster, "vhost", vhost),
                Values.flag(cluster, "origin_cluster", false),
                ForwardConfig.hostPorts(cluster, "coworkers"));
    }
}
