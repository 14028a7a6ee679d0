package dev.rill.server.hooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rill.server.rtmp.client.RtmpClientConnector;
import dev.rill.server.testing.HookServer;
import dev.rill.server.testing.RecordingPlayer;
import dev.rill.server.testing.SyntheticPublisher;
import dev.rill.server.testing.TestServer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Hooks through real RTMP sessions: SRS's bodies, allow and deny, and that nobody else waits. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HooksEndToEndTest {
    private static EventLoopGroup group;
    private static RtmpClientConnector connector;
    private static HookServer hooks;

    @BeforeAll
    static void start() throws Exception {
        group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        connector = new RtmpClientConnector(group);
        hooks = new HookServer();
    }

    @AfterAll
    static void stop() {
        hooks.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private static String hooksBlock(String onPlay) {
        return "http_hooks { enabled on; on_connect " + hooks.url("/allow") + "; on_close " + hooks.url("/allow")
                + "; on_publish " + hooks.url("/allow-json") + "; on_unpublish " + hooks.url("/allow")
                + "; on_play " + onPlay + "; on_stop " + hooks.url("/allow") + "; }";
    }

    @Test
    void everyHookGetsSrsBodiesInOrder() throws Exception {
        hooks.calls.clear();
        try (TestServer server = TestServer.start("", hooksBlock(hooks.url("/allow")))) {
            SyntheticPublisher publisher = SyntheticPublisher.publish(connector, server.rtmp(), "live", "s1?token=abc", 2000, 10, 20);
            await().atMost(Duration.ofSeconds(10)).until(() -> publisher.statuses.contains("NetStream.Publish.Start"));
            RecordingPlayer player = RecordingPlayer.play(connector, server.rtmp(), "live", "s1");
            await().atMost(Duration.ofSeconds(10)).until(() -> player.packets.videoCount() > 5);
            player.close();
            publisher.close();
            await().atMost(Duration.ofSeconds(10)).until(() -> hooks.bodies("on_close").size() == 2);

            JsonNode publish = hooks.bodies("on_publish").get(0);
            assertThat(fields(publish)).containsExactly("server_id", "service_id", "action", "client_id", "ip", "vhost",
                    "app", "tcUrl", "stream", "param", "stream_url", "stream_id");
            assertThat(publish.path("vhost").asText()).isEqualTo("__defaultVhost__");
            assertThat(publish.path("app").asText()).isEqualTo("live");
            assertThat(publish.path("stream").asText()).isEqualTo("s1");
            assertThat(publish.path("param").asText()).isEqualTo("?token=abc");
            assertThat(publish.path("ip").asText()).isEqualTo("127.0.0.1");
            assertThat(publish.path("stream_url").asText()).isEqualTo("/live/s1");
            assertThat(publish.path("server_id").asText()).isEqualTo(server.server().context().stats().serverId());
            assertThat(publish.path("service_id").asText()).isEqualTo(server.server().context().stats().serviceId());
            assertThat(fields(hooks.bodies("on_connect").get(0))).containsExactly("server_id", "service_id", "action",
                    "client_id", "ip", "vhost", "app", "stream", "param", "tcUrl", "pageUrl");
            JsonNode play = hooks.bodies("on_play").get(0);
            assertThat(fields(play)).containsExactly("server_id", "service_id", "action", "client_id", "ip", "vhost",
                    "app", "stream", "tcUrl", "param", "pageUrl", "stream_url", "stream_id");
            assertThat(play.path("stream_id").asText()).as("the stream the publisher made, as the API lists it")
                    .isEqualTo(publish.path("stream_id").asText()).startsWith("vid-");
            assertThat(fields(hooks.bodies("on_stop").get(0))).containsExactly("server_id", "service_id", "action",
                    "client_id", "ip", "vhost", "app", "tcUrl", "stream", "param", "stream_url", "stream_id");
            assertThat(fields(hooks.bodies("on_unpublish").get(0))).containsExactly("server_id", "service_id", "action",
                    "client_id", "ip", "vhost", "app", "tcUrl", "stream", "param", "stream_url", "stream_id");
            JsonNode closeOfPlayer = hooks.bodies("on_close").stream()
                    .filter(b -> b.path("client_id").asText().equals(play.path("client_id").asText()))
                    .findFirst().orElseThrow();
            assertThat(fields(closeOfPlayer)).containsExactly("server_id", "service_id", "action", "client_id", "ip",
                    "vhost", "app", "send_bytes", "recv_bytes");
            assertThat(closeOfPlayer.path("send_bytes").asLong()).isGreaterThan(10_000);
            String publisherCid = publish.path("client_id").asText();
            assertThat(hooks.bodies("on_connect")).extracting(b -> b.path("client_id").asText()).contains(publisherCid);
            assertThat(hooks.bodies("on_unpublish").get(0).path("client_id").asText()).isEqualTo(publisherCid);
        }
    }

    @Test
    void deniedOrFailedPlayIsRefusedWhileOthersGoOn() throws Exception {
        for (String path : List.of("/deny", "/garbage", "/error", "/nothing")) {
            try (TestServer server = TestServer.start("", hooksBlock(hooks.url(path)))) {
                SyntheticPublisher publisher = SyntheticPublisher.publish(connector, server.rtmp(), "live", "s", 2000, 10, 20);
                await().atMost(Duration.ofSeconds(10)).until(() -> publisher.statuses.contains("NetStream.Publish.Start"));
                RecordingPlayer player = RecordingPlayer.play(connector, server.rtmp(), "live", "s");
                await(path).atMost(Duration.ofSeconds(10)).until(() -> !player.isActive());
                assertThat(player.statuses).as(path).contains("NetStream.Play.Failed").doesNotContain("NetStream.Play.Start");
                assertThat(player.packets.videoCount()).isZero();
                assertThat(publisher.isActive()).isTrue();
                publisher.close();
            }
        }
    }

    @Test
    void aSlowHookHoldsOnlyItsOwnClient() throws Exception {
        hooks.calls.clear();
        String block = "http_hooks { enabled on; on_play " + hooks.url("/slow") + "; }";
        try (TestServer server = TestServer.start("", block)) {
            SyntheticPublisher publisher = SyntheticPublisher.publish(connector, server.rtmp(), "live", "s", 2000, 10, 20);
            await().atMost(Duration.ofSeconds(10)).until(() -> publisher.statuses.contains("NetStream.Publish.Start"));
            long started = System.nanoTime();
            RecordingPlayer slow = RecordingPlayer.play(connector, server.rtmp(), "live", "s");
            SyntheticPublisher other = SyntheticPublisher.publish(connector, server.rtmp(), "live", "other", 2000, 10, 20);
            await().atMost(Duration.ofSeconds(2)).until(() -> other.statuses.contains("NetStream.Publish.Start"));
            assertThat(slow.statuses).doesNotContain("NetStream.Play.Start");
            await().atMost(Duration.ofSeconds(10)).until(() -> slow.packets.videoCount() > 0);
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isGreaterThanOrEqualTo(2900);
            slow.close();
            other.close();
            publisher.close();
        }
    }

    @Test
    void deniedConnectAndPublishAreRefused() throws Exception {
        String block = "http_hooks { enabled on; on_connect " + hooks.url("/deny") + "; }";
        try (TestServer server = TestServer.start("", block)) {
            SyntheticPublisher publisher = SyntheticPublisher.publish(connector, server.rtmp(), "live", "s", 2000, 10, 20);
            await().atMost(Duration.ofSeconds(10)).until(() -> !publisher.isActive());
            assertThat(publisher.statuses).doesNotContain("NetStream.Publish.Start");
        }
        block = "http_hooks { enabled on; on_publish " + hooks.url("/deny") + "; }";
        try (TestServer server = TestServer.start("", block)) {
            SyntheticPublisher publisher = SyntheticPublisher.publish(connector, server.rtmp(), "live", "s", 2000, 10, 20);
            await().atMost(Duration.ofSeconds(10)).until(() -> !publisher.isActive());
            assertThat(publisher.statuses).contains("NetStream.Publish.Denied").doesNotContain("NetStream.Publish.Start");
        }
    }

    private static List<String> fields(JsonNode body) {
        List<String> names = new java.util.ArrayList<>();
        body.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
