package dev.rill.server.http.players;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rill.server.testing.HttpFlvPlayer;
import dev.rill.server.testing.RawHttpSocket;
import dev.rill.server.testing.RtmpClients;
import dev.rill.server.testing.SyntheticPublisher;
import dev.rill.server.testing.TestServer;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /players/srs_player.html?...}, the link SRS's console gives for a stream's preview,
 * over loopback: a redirect to Rill's player page with the stream's URL, which the page's server
 * serves; on a vhost whose mount is bound to its name, the URL's {@code ?vhost=} plays that
 * vhost's stream.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SrsPlayerPageTest {
    @RegisterExtension
    static final RtmpClients CLIENTS = new RtmpClients();
    private static final String VHOST = "bound.rill";

    private TestServer server;
    private int port;

    @BeforeAll
    void start(@TempDir Path tmp) throws Exception {
        Path html = Files.createDirectories(tmp.resolve("html"));
        // The default vhost has no HTTP stream, so only ?vhost= reaches the bound vhost's mount.
        server = TestServer.start("http_server { enabled on; listen 127.0.0.1:0; dir " + html + "; }\n"
                + "vhost " + VHOST + " { http_remux { enabled on; mount [vhost]/[app]/[stream].flv; } }", "");
        port = server.http().getPort();
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void theConsolesPreviewLinkOpensThePlayerPageOnTheStream() throws Exception {
        // As SRS's console builds it for a stream on the default vhost.
        String link = "/players/srs_player.html?vhost=__defaultVhost__&app=live&stream=livestream.flv"
                + "&server=127.0.0.1&port=" + port + "&autostart=true&schema=http";
        String location = redirect(link);
        assertThat(location).isEqualTo("/players/?url="
                + URLEncoder.encode("http://127.0.0.1:" + port + "/live/livestream.flv", StandardCharsets.UTF_8));
        try (RawHttpSocket s = RawHttpSocket.connect(server.http())) {
            String page = s.send("GET " + location + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n\r\n").readResponse();
            assertThat(page).startsWith("HTTP/1.1 200").containsIgnoringCase("content-type: text/html")
                    .contains("<title>Rill player</title>").contains("player.js");
        }
    }

    @Test
    void withoutAutostartThePageOnlyShowsTheStream() throws Exception {
        String location = redirect("/players/srs_player.html?app=live&stream=cam.flv");
        assertThat(location).isEqualTo("/players/?url="
                + URLEncoder.encode("http://127.0.0.1:" + port + "/live/cam.flv", StandardCharsets.UTF_8)
                + "&autostart=false");
    }

    @Test
    void aStreamThePageCannotPlayIsABadRequest() throws Exception {
        for (String query : new String[]{"app=live&stream=../x.flv", "stream=cam.mp3", "schema=rtmp&stream=cam"}) {
            try (RawHttpSocket s = RawHttpSocket.connect(server.http())) {
                String res = s.send("GET /players/srs_player.html?" + query + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                        .readResponse();
                assertThat(res).as(query).startsWith("HTTP/1.1 400").contains("srs_player.html takes");
            }
        }
    }

    @Test
    void aVhostsStreamPlaysAtTheUrlTheLinkGives() throws Exception {
        String tcUrl = "rtmp://127.0.0.1:" + server.rtmp().getPort() + "/live?vhost=" + VHOST;
        SyntheticPublisher publisher = SyntheticPublisher.publishTo(CLIENTS.connector(), server.rtmp(), tcUrl, "live",
                "cam", 2000, 10, 20);
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> publisher.statuses.contains("NetStream.Publish.Start"));
            String location = redirect("/players/srs_player.html?vhost=" + VHOST + "&app=live&stream=cam.flv"
                    + "&server=127.0.0.1&port=" + port + "&autostart=true&schema=http");
            String streamUrl = URLDecoder.decode(location.substring("/players/?url=".length()), StandardCharsets.UTF_8);
            assertThat(streamUrl).isEqualTo("http://127.0.0.1:" + port + "/live/cam.flv?vhost=" + VHOST);
            try (HttpFlvPlayer player = HttpFlvPlayer.play(streamUrl)) {
                await().atMost(Duration.ofSeconds(10)).until(() -> player.recorder.packets.videoCount() >= 20);
                assertThat(player.status()).isEqualTo(200);
                assertThat(player.contentType()).isEqualTo("video/x-flv");
            }
            try (RawHttpSocket s = RawHttpSocket.connect(server.http())) {
                assertThat(s.send("GET /live/cam.flv HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").readResponse())
                        .as("the vhost's mount is bound to its name").startsWith("HTTP/1.1 404");
            }
        } finally {
            publisher.close();
        }
    }

    /** The Location of the 302 that {@code path} answers. */
    private String redirect(String path) throws Exception {
        try (RawHttpSocket s = RawHttpSocket.connect(server.http())) {
            String res = s.send("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n\r\n").readResponse();
            assertThat(res).startsWith("HTTP/1.1 302");
            for (String line : res.split("\r\n")) {
                if (line.toLowerCase().startsWith("location:")) {
                    return line.substring("location:".length()).trim();
                }
            }
            throw new AssertionError("no Location in " + res);
        }
    }
}
