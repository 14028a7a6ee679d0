package dev.rill.server.session;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rill.codec.rtmp.url.RtmpUrl;
import dev.rill.server.live.StreamKey;
import dev.rill.server.log.ContextLog;
import java.util.concurrent.CompletableFuture;

/**
 * What the cluster decides for clients: an edge's {@code token_traverse} check of a connect, and
 * an origin cluster's choice of where a stream is played. Answers come as futures, so a session
 * waits for them as it waits for a hook, without blocking its event loop.
 */
public interface ClusterRouting {
    /** Accepts every connect, plays every stream here, knows no origin: a server without a cluster. */
    ClusterRouting NONE = new ClusterRouting() {
        @Override
        public CompletableFuture<String> checkConnect(String vhost, String tcUrl, String app, ContextLog log) {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<PlayRoute> routePlay(StreamKey key, RtmpUrl url, ContextLog log) {
            return CompletableFuture.completedFuture(PlayRoute.HERE);
        }

        @Override
        public ObjectNode originOf(String vhost, String app, String stream, String coworker) {
            return null;
        }
    };

    /** Completes with null when the client's connect may go on, else why it is refused. */
    CompletableFuture<String> checkConnect(String vhost, String tcUrl, String app, ContextLog log);

    /** Where a player of {@code key} (asked for as {@code url}) plays. */
    CompletableFuture<PlayRoute> routePlay(StreamKey key, RtmpUrl url, ContextLog log);

    /**
     * The {@code origin} object of SRS's {@code /api/v1/clusters} when this server has {@code stream}
     * published, else null; {@code coworker} is the address the asking server used for this one.
     */
    ObjectNode originOf(String vhost, String app, String stream, String coworker);

    /** Play here ({@link #HERE}), redirect to another origin, or refuse. */
    record PlayRoute(String redirectUrl, String refusal) {
        public static final PlayRoute HERE = new PlayRoute(null, null);

        public static PlayRoute redirect(String url) {
            return new PlayRoute(url, null);
        }

        public static PlayRoute refuse(String why) {
            return new PlayRoute(null, why);
        }
    }
}
