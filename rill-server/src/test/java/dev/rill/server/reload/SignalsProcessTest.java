package dev.rill.server.reload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rill.server.rtmp.client.RtmpClientConnector;
import dev.rill.server.testing.ApiClient;
import dev.rill.server.testing.HookServer;
import dev.rill.server.testing.RecordingPlayer;
import dev.rill.server.testing.SyntheticPublisher;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real server process driven by signals, as operators run it: SIGHUP reloads (a port opened, a
 * vhost added, gop_cache changed, hooks turned on) without dropping a playing client; a bad config
 * on SIGHUP keeps the old one; raw?rpc=reload reloads too; SIGUSR1 reopens a rotated log file;
 * SIGUSR2 quits gracefully and removes the pid file; a second start on the same pid file is
 * refused.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SignalsProcessTest {
    @TempDir
    Path dir;

    @Test
    void reloadAndSignalsOnARunningProcess() throws Exception {
        int rtmp1 = freePort();
        int rtmp2 = freePort();
        int apiPort = freePort();
        Path conf = dir.resolve("rill.conf");
        Path pid = dir.resolve("rill.pid");
        Path log = dir.resolve("rill.log");
        String root = "listen 127.0.0.1:%d;\npid " + pid + ";\ndaemon off;\nsrs_log_tank file;\nsrs_log_file " + log
                + ";\ngrace_final_wait 500;\nhttp_api { enabled on; listen 127.0.0.1:" + apiPort
                + "; raw_api { enabled on; allow_reload on; } }\n";
        Files.writeString(conf, root.formatted(rtmp1) + "vhost __defaultVhost__ { play { gop_cache off; } }\n");
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        Process rill = startRill(conf, dir.resolve("stdout.log"));
        try (HookServer hooks = new HookServer()) {
            RtmpClientConnector connector = new RtmpClientConnector(group);
            ApiClient api = new ApiClient(new InetSocketAddress("127.0.0.1", apiPort));
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> api.json("/api/v1/versions").path("code").asInt() == 0);
            assertThat(Files.readString(pid).trim()).isEqualTo(Long.toString(rill.pid()));

            SyntheticPublisher publisher = SyntheticPublisher.publish(connector, new InetSocketAddress("127.0.0.1", rtmp1),
                    "live", "s", 2000, 25, 20);
            RecordingPlayer player = RecordingPlayer.play(connector, new InetSocketAddress("127.0.0.1", rtmp1), "live", "s");
            await().atMost(Duration.ofSeconds(10)).until(() -> player.packets.videoCount() > 20);

            // SIGHUP with a second port, a new vhost, gop_cache on and hooks on.
            Files.writeString(conf, root.formatted(rtmp1).replace("listen 127.0.0.1:" + rtmp1 + ";",
                    "listen 127.0.0.1:" + rtmp1 + " 127.0.0.1:" + rtmp2 + ";")
                    + "vhost __defaultVhost__ { play { gop_cache on; } http_hooks { enabled on; on_play "
                    + hooks.url("/allow") + "; } }\n"
                    + "vhost other.example { http_hooks { enabled on; on_play " + hooks.url("/allow-json") + "; } }\n");
            signal(rill, "HUP");
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.readString(log).contains("reload applied"));
            assertThat(Files.readString(log)).contains("listen +[/127.0.0.1:" + rtmp2 + "]")
                    .contains("vhosts +[other.example]").contains("~[__defaultVhost__]");
            RecordingPlayer viaNewPort = RecordingPlayer.play(connector, new InetSocketAddress("127.0.0.1", rtmp2), "live", "s");
            await().atMost(Duration.ofSeconds(10)).until(() -> viaNewPort.packets.videoCount() > 0);
            RecordingPlayer onNewVhost = RecordingPlayer.play(connector, new InetSocketAddress("127.0.0.1", rtmp1),
                    "live?vhost=other.example", "s");
            await().atMost(Duration.ofSeconds(10)).until(() -> onNewVhost.statuses.contains("NetStream.Play.Start"));
            assertThat(hooks.bodies("on_play")).extracting(b -> b.path("vhost").asText())
                    .containsExactly("__defaultVhost__", "other.example");
            long before = player.packets.videoCount();
            await().atMost(Duration.ofSeconds(5)).until(() -> player.packets.videoCount() > before + 20);
            assertThat(player.isActive()).isTrue();
            assertThat(player.statuses).doesNotContain("NetStream.Play.UnpublishNotify");

            // A bad config on SIGHUP keeps the running one.
            Files.writeString(conf, "listen 127.0.0.1:" + rtmp1 + ";\nvhost x { play { gop_cache maybe; } }\n");
            signal(rill, "HUP");
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.readString(log).contains("refused, the running config stays"));
            assertThat(Files.readString(log)).contains("'gop_cache' takes on or off, not 'maybe'");
            assertThat(rill.isAlive()).isTrue();
            JsonNode streams = api.json("/api/v1/streams").path("streams");
            assertThat(streams).hasSize(2);
            assertThat(streams.get(0).path("clients").asInt()).isEqualTo(3);

            // raw?rpc=reload: the second port is closed again.
            Files.writeString(conf, root.formatted(rtmp1) + "vhost __defaultVhost__ { }\n");
            JsonNode reloaded = api.json("/api/v1/raw?rpc=reload");
            assertThat(reloaded.path("code").asInt()).isZero();
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.readString(log).contains("listen +[] -[/127.0.0.1:" + rtmp2 + "]"));
            assertThat(player.isActive()).isTrue();

            // SIGUSR1 after logrotate moved the file: a new file is opened by name.
            Path rotated = dir.resolve("rill.log.1");
            Files.move(log, rotated);
            signal(rill, "USR1");
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(log));
            api.json("/api/v1/raw?rpc=reload");
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.readString(log).contains("reload applied"));
            assertThat(Files.readString(rotated)).contains("signal SIGUSR1 received");

            // A second server on the same pid file is refused.
            Process second = startRill(conf, dir.resolve("second.log"));
            assertThat(second.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(second.exitValue()).isNotZero();
            assertThat(Files.readString(dir.resolve("second.log"))).contains("is held by running process " + rill.pid());

            // SIGUSR2: graceful quit within grace_final_wait, pid file removed.
            player.close();
            viaNewPort.close();
            onNewVhost.close();
            publisher.close();
            signal(rill, "USR2");
            assertThat(rill.waitFor(15, TimeUnit.SECONDS)).isTrue();
            assertThat(rill.exitValue()).isZero();
            assertThat(pid).doesNotExist();
            assertThat(Files.readString(log)).contains("graceful quit");
        } finally {
            rill.destroyForcibly();
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    private static Process startRill(Path conf, Path out) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = List.of(java, "--enable-native-access=ALL-UNNAMED", "-Xmx128m", "-cp",
                System.getProperty("java.class.path"), "dev.rill.server.cli.RillCommand", "-c", conf.toString());
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
    }

    private static void signal(Process p, String name) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(p.pid())).inheritIO().start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(kill.exitValue()).isZero();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
