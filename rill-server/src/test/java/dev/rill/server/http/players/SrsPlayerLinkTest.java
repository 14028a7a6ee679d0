package dev.rill.server.http.players;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.server.config.RillConfig;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The stream URL of SRS's player link. SRS's console (sc_filter_preview_url, SRS 3 to 6) links a
 * stream's preview to {@code srs_player.html?vhost=VHOST&app=APP&stream=STREAM.flv&server=HOST
 * &port=HTTP&autostart=true&schema=SCHEMA}, HOST being the console's host and HTTP 8080 unless the
 * console was opened with {@code ?http=}; the first rows are such queries.
 */
class SrsPlayerLinkTest {
    private static final RillConfig CONFIG = RillConfig.parse("listen 1935;\n"
            + "vhost __defaultVhost__ { http_remux { enabled on; mount [vhost]/[app]/[stream].flv; } }\n"
            + "vhost flv.rill { http_remux { enabled on; mount /flv/[stream].flv; } }\n"
            + "vhost bound.rill { http_remux { enabled on; mount [vhost]/[app]/[stream].flv; } }\n"
            + "vhost ts.rill { http_remux { enabled on; mount [vhost]/[app]/[stream].ts; } }\n"
            + "vhost radio.rill { http_remux { enabled on; mount [vhost]/[app]/[stream].mp3; } }\n"
            + "vhost plain.rill { }\n", Path.of("test.conf"));

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
            "console, default vhost|vhost=__defaultVhost__&app=live&stream=livestream.flv&server=192.168.1.10&port=8080&autostart=true&schema=http|http://192.168.1.10:8080/live/livestream.flv",
            "console over https|vhost=__defaultVhost__&app=live&stream=livestream.flv&server=rill.example&port=8088&autostart=true&schema=https|https://rill.example:8088/live/livestream.flv",
            "console, a vhost with its own mount|vhost=flv.rill&app=live&stream=cam.flv&server=192.168.1.10&port=8080&autostart=true&schema=http|http://192.168.1.10:8080/flv/cam.flv?vhost=flv.rill",
            "console, a vhost whose mount is bound to its name|vhost=bound.rill&app=live&stream=cam.flv&server=192.168.1.10&port=8080&autostart=true&schema=http|http://192.168.1.10:8080/live/cam.flv?vhost=bound.rill",
            "console, a vhost served over HTTP-TS|vhost=ts.rill&app=live&stream=cam.flv&server=192.168.1.10&port=8080&autostart=true&schema=http|http://192.168.1.10:8080/live/cam.ts?vhost=ts.rill",
            "console, a vhost with no mount|vhost=plain.rill&app=live&stream=cam.flv&server=192.168.1.10&port=8080&autostart=true&schema=http|http://192.168.1.10:8080/live/cam.flv?vhost=plain.rill",
            "console, a vhost with an audio mount|vhost=radio.rill&app=live&stream=cam.flv&server=192.168.1.10&port=8080&autostart=true&schema=http|http://192.168.1.10:8080/live/cam.flv?vhost=radio.rill",
            "console, the server is the vhost|vhost=bound.rill&app=live&stream=cam.flv&server=bound.rill&port=8080&autostart=true&schema=http|http://bound.rill:8080/live/cam.flv",
            "console, a vhost the config lacks|vhost=gone.rill&app=live&stream=cam.flv&server=192.168.1.10&port=8080&autostart=true&schema=http|http://192.168.1.10:8080/live/cam.flv",
            "console on port 80|vhost=__defaultVhost__&app=live&stream=cam.flv&server=rill.example&port=80&autostart=true&schema=http|http://rill.example/live/cam.flv",
            "no extension means flv|app=live&stream=cam&server=10.0.0.5&port=8080|http://10.0.0.5:8080/live/cam.flv",
            "a dot in the name|app=live&stream=cam.v2&server=10.0.0.5&port=8080|http://10.0.0.5:8080/live/cam.v2.flv",
            "the page's host and port by default|stream=cam.flv|http://rill.example:8081/live/cam.flv",
            "SRS's default stream|''|http://rill.example:8081/live/livestream.flv",
            "a vhost named by the server|app=live&stream=cam.flv&server=flv.rill&port=8080|http://flv.rill:8080/flv/cam.flv",
            "hls is the app's playlist|vhost=flv.rill&app=live&stream=cam.m3u8&server=10.0.0.5&port=8080|http://10.0.0.5:8080/live/cam.m3u8?vhost=flv.rill",
            "ts on a vhost that streams flv|app=live&stream=cam.ts&server=10.0.0.5&port=8080|http://10.0.0.5:8080/live/cam.flv",
            "websocket|schema=ws&app=live&stream=cam.flv&server=10.0.0.5&port=8080|ws://10.0.0.5:8080/live/cam.flv",
            "other parameters go to the stream|app=live&stream=cam.flv&server=10.0.0.5&port=8080&auth_key=a%20b&autostart=true&buffer=3&empty=|http://10.0.0.5:8080/live/cam.flv?auth_key=a+b",
            "a vhost and a token|vhost=bound.rill&app=live&stream=cam.flv&server=10.0.0.5&port=8080&token=t1|http://10.0.0.5:8080/live/cam.flv?vhost=bound.rill&token=t1",
            "an ipv6 server|app=live&stream=cam.flv&server=[::1]&port=8080|http://[::1]:8080/live/cam.flv",
            "punctuation in the name|app=live&stream=ca(m)!.flv&server=10.0.0.5|http://10.0.0.5:8081/live/ca(m)!.flv",
            "an audio stream the page does not play|app=live&stream=cam.mp3&server=10.0.0.5|NULL",
            "an mp4|app=live&stream=cam.mp4&server=10.0.0.5|NULL",
            "a path in the stream|app=live&stream=../../etc/passwd&server=10.0.0.5|NULL",
            "the parent as the app|app=..&stream=cam.flv&server=10.0.0.5|NULL",
            "a path in the app|app=a/b&stream=cam.flv&server=10.0.0.5|NULL",
            "a server that is no host|app=live&stream=cam.flv&server=evil.example/x?|NULL",
            "a port that is no port|app=live&stream=cam.flv&server=10.0.0.5&port=99999|NULL",
            "rtmp, which the page does not play|schema=rtmp&stream=cam&server=10.0.0.5&port=1935|NULL",
            "a schema that is no stream|schema=javascript&stream=cam.flv&server=10.0.0.5|NULL",
    })
    void buildsTheStreamUrl(String name, String query, String expected) {
        assertThat(SrsPlayerLink.streamUrl(new QueryStringDecoder("?" + query).parameters(), "rill.example:8081", CONFIG))
                .isEqualTo(expected);
    }
}
