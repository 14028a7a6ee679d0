package dev.rill.server.hooks;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The JSON bodies SRS 3 posts for each hook (srs_app_http_hooks.cpp), field for field. */
public final class HookBodies {
    private HookBodies() {
    }

    /**
     * The facts about a client the bodies are made of.
     *
     * @param clientId the connection's cid
     * @param param    the query string of the stream, e.g. {@code ?token=x}, or empty
     */
    public record Client(String clientId, String ip, String vhost, String app, String tcUrl, String pageUrl,
                         String stream, String param) {
    }

    public static ObjectNode onConnect(Client c) {
        return base("on_connect", c).put("tcUrl", c.tcUrl()).put("pageUrl", c.pageUrl());
    }

    public static ObjectNode onClose(Client c, long sendBytes, long recvBytes) {
        return base("on_close", c).put("send_bytes", sendBytes).put("recv_bytes", recvBytes);
    }

    public static ObjectNode onPublish(Client c) {
        return base("on_publish", c).put("tcUrl", c.tcUrl()).put("stream", c.stream()).put("param", c.param());
    }

    public static ObjectNode onUnpublish(Client c) {
        return base("on_unpublish", c).put("stream", c.stream()).put("param", c.param());
    }

    public static ObjectNode onPlay(Client c) {
        return base("on_play", c).put("stream", c.stream()).put("param", c.param()).put("pageUrl", c.pageUrl());
    }

    public static ObjectNode onStop(Client c) {
        return base("on_stop", c).put("stream", c.stream()).put("param", c.param());
    }

    private static ObjectNode base(String action, Client c) {
        return JsonNodeFactory.instance.objectNode().put("action", action).put("client_id", c.clientId())
                .put("ip", c.ip()).put("vhost", c.vhost()).put("app", c.app());
    }
}
