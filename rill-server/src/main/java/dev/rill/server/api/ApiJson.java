package dev.rill.server.api;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rill.codec.media.AudioInfo;
import dev.rill.codec.media.VideoInfo;
import dev.rill.server.config.HlsConfig;
import dev.rill.server.stats.ClientStat;
import dev.rill.server.stats.StreamStat;
import dev.rill.server.stats.Traffic;
import dev.rill.server.stats.VhostStat;

/** The vhost, stream and client objects of SRS 4's API (SrsStatistic*::dumps), field for field. */
final class ApiJson {
    static final JsonNodeFactory F = JsonNodeFactory.instance;

    private ApiJson() {
    }

    /** {@code hls} is the vhost's HLS as configured: SRS shows the fragment (seconds) only when it is on. */
    static ObjectNode vhost(VhostStat v, boolean enabled, HlsConfig hls) {
        ObjectNode o = F.objectNode();
        o.put("id", v.id());
        o.put("name", v.name());
        o.put("enabled", enabled);
        o.put("clients", v.clients());
        o.put("streams", v.streams());
        o.put("send_bytes", v.traffic().sendBytes());
        o.put("recv_bytes", v.traffic().recvBytes());
        o.set("kbps", kbps(v.traffic()));
        ObjectNode h = o.putObject("hls").put("enabled", hls.enabled());
        if (hls.enabled()) {
            h.put("fragment", hls.fragmentSeconds());
        }
        return o;
    }

    static ObjectNode stream(StreamStat s, long nowMillis) {
        ObjectNode o = F.objectNode();
        o.put("id", s.id());
        o.put("name", s.key().stream());
        o.put("vhost", s.vhost().id());
        o.put("app", s.key().app());
        o.put("tcUrl", s.tcUrl());
        o.put("url", s.url());
        o.put("live_ms", nowMillis);
        o.put("clients", s.clients());
        o.put("frames", s.frames());
        o.put("send_bytes", s.traffic().sendBytes());
        o.put("recv_bytes", s.traffic().recvBytes());
        o.set("kbps", kbps(s.traffic()));
        String publisher = s.publisherCid();
        o.set("publish", F.objectNode().put("active", publisher != null).put("cid", publisher == null ? "" : publisher));
        VideoInfo v = s.video();
        if (v == null) {
            o.putNull("video");
        } else {
            o.set("video", F.objectNode().put("codec", v.codec()).put("profile", v.profile()).put("level", v.level())
                    .put("width", v.width()).put("height", v.height()));
        }
        AudioInfo a = s.audio();
        if (a == null) {
            o.putNull("audio");
        } else {
            o.set("audio", F.objectNode().put("codec", a.codec()).put("sample_rate", a.sampleRate())
                    .put("channel", a.channels()).put("profile", a.profile()));
        }
        return o;
    }

    static ObjectNode client(ClientStat c, long nowMillis) {
        ObjectNode o = F.objectNode();
        o.put("id", c.id());
        o.put("vhost", c.stream().vhost().id());
        o.put("stream", c.stream().id());
        o.put("ip", c.info().ip());
        o.put("pageUrl", c.info().pageUrl());
        o.put("swfUrl", c.info().swfUrl());
        o.put("tcUrl", c.info().tcUrl());
        o.put("url", c.stream().url());
        o.put("name", c.stream().key().stream());
        o.put("type", c.info().type());
        o.put("publish", c.info().publish());
        o.put("alive", (nowMillis - c.createdMillis()) / 1000.0);
        o.put("send_bytes", c.traffic().sendBytes());
        o.put("recv_bytes", c.traffic().recvBytes());
        o.set("kbps", kbps(c.traffic()));
        return o;
    }

    /** SRS shows the 30 s rates; Rill adds the 5 min ones beside them. */
    static ObjectNode kbps(Traffic t) {
        return F.objectNode().put("recv_30s", t.recvKbps30s()).put("send_30s", t.sendKbps30s())
                .put("recv_5m", t.recvKbps5m()).put("send_5m", t.sendKbps5m());
    }
}
