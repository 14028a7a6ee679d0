package dev.rill.server.hooks;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The JSON bodies SRS posts for each hook, field for field and in SRS 6's order
 * (srs_app_http_hooks.cpp): SRS 3's fields with SRS 5/6's {@code server_id}, {@code service_id},
 * {@code stream_url} and {@code stream_id} beside them.
 */
public final class HookBodies {
    private HookBodies() {
    }

    /**
     * The facts about a client the bodies are made of.
     *
     * @param serverId  the statistics' server id ({@code vid-...}), as SRS's {@code server_id}
     * @param serviceId this process's id, as SRS's {@code service_id}
     * @param clientId  the connection's cid
     * @param param     the query string of the stream, e.g. {@code ?token=x}, or empty
     * @param streamUrl SRS's stream url: {@code /app/stream}, the vhost in front unless it is the default
     * @param streamId  the stream's statistics id, or null when the API does not list the stream
     */
    public record Client(String serverId, String serviceId, String clientId, String ip, String vhost, String app,
                         String tcUrl, String pageUrl, String stream, String param, String streamUrl,
                         String streamId) {
    }

    public static ObjectNode onConnect(Client c) {
        return base("on_connect", c).put("stream", c.stream()).put("param", c.param()).put("tcUrl", c.tcUrl())
                .put("pageUrl", c.pageUrl());
    }

    public static ObjectNode onClose(Client c, long sendBytes, long recvBytes) {
        return base("on_close", c).put("send_bytes", sendBytes).put("recv_bytes", recvBytes);
    }

    public static ObjectNode onPublish(Client c) {
        return stream(base("on_publish", c).put("tcUrl", c.tcUrl()).put("stream", c.stream()).put("param", c.param()), c);
    }

    public static ObjectNode onUnpublish(Client c) {
        return stream(base("on_unpublish", c).put("tcUrl", c.tcUrl()).put("stream", c.stream()).put("param", c.param()), c);
    }

    public static ObjectNode onPlay(Client c) {
        return stream(base("on_play", c).put("stream", c.stream()).put("tcUrl", c.tcUrl()).put("param", c.param())
                .put("pageUrl", c.pageUrl()), c);
    }

    public static ObjectNode onStop(Client c) {
        return stream(base("on_stop", c).put("tcUrl", c.tcUrl()).put("stream", c.stream()).put("param", c.param()), c);
    }

    private static ObjectNode base(String action, Client c) {
        return JsonNodeFactory.instance.objectNode().put("server_id", c.serverId()).put("service_id", c.serviceId())
                .put("action", action).put("client_id", c.clientId()).put("ip", c.ip()).put("vhost", c.vhost())
                .put("app", c.app());
    }

    private static ObjectNode stream(ObjectNode body, Client c) {
        body.put("stream_url", c.streamUrl());
        if (c.streamId() != null) {
            body.put("stream_id", c.streamId());
        }
        return body;
    }
}
