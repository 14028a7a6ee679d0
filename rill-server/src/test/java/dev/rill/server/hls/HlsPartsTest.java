package dev.rill.server.hls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.codec.RillException;
import dev.rill.server.config.HlsConfig;
import dev.rill.server.config.RillConfig;
import dev.rill.server.live.StreamKey;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The HLS config view with SRS's defaults, path variables, segment URIs and the playlist text. */
class HlsPartsTest {
    private static final StreamKey KEY = new StreamKey("v.example", "live", "cam");

    @Test
    void defaultsAreSrs3s() {
        RillConfig config = RillConfig.parse("vhost __defaultVhost__ { hls { enabled on; } }", Path.of("t.conf"));
        HlsConfig hls = config.hls(RillConfig.DEFAULT_VHOST);
        assertThat(hls).isEqualTo(new HlsConfig(true, 10, 1.5, 2.0, 60, Path.of("objs/nginx/html"),
                "[app]/[stream].m3u8", "[app]/[stream]-[seq].ts", false, "", "aac", "h264", true, 0, true, true,
                HlsConfig.OnError.CONTINUE));
        assertThat(config.warnings()).isEmpty();
        assertThat(config.hls("absent")).isEqualTo(HlsConfig.DISABLED);
        assertThat(HlsConfig.DISABLED.enabled()).isFalse();
    }

    @Test
    void everyDirectiveIsRead() {
        RillConfig config = RillConfig.parse("""
                vhost a { hls { enabled on; hls_fragment 2.5; hls_td_ratio 2; hls_aof_ratio 3; hls_window 20;
                  hls_path /tmp/h; hls_m3u8_file [stream].m3u8; hls_ts_file [stream]/[seq].ts; hls_ts_floor on;
                  hls_entry_prefix http://cdn/; hls_acodec an; hls_vcodec vn; hls_cleanup off; hls_dispose 30;
                  hls_wait_keyframe off; hls_dts_directly off; hls_on_error disconnect; hls_nb_notify 64; } }
                """, Path.of("t.conf"));
        assertThat(config.hls("a")).isEqualTo(new HlsConfig(true, 2.5, 2, 3, 20, Path.of("/tmp/h"), "[stream].m3u8",
                "[stream]/[seq].ts", true, "http://cdn/", "an", "vn", false, 30, false, false,
                HlsConfig.OnError.DISCONNECT));
        assertThat(config.hls("a").audioDisabled()).isTrue();
        assertThat(config.hls("a").videoDisabled()).isTrue();
        assertThat(config.warnings()).singleElement().asString().contains("hls_nb_notify");
    }

    static Stream<Arguments> badDirectives() {
        return Stream.of(
                Arguments.of("hls_on_error stop", "'hls_on_error' takes one of ignore|disconnect|continue, not 'stop'"),
                Arguments.of("hls_fragment 0", "'hls_fragment' 0 is below the minimum 0.1"),
                Arguments.of("hls_vcodec h265", "'hls_vcodec' takes one of h264|vn, not 'h265'"),
                Arguments.of("hls_bogus 1", "unknown directive 'hls_bogus' in 'vhost.hls'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badDirectives")
    void badDirectivesAreErrors(String directive, String message) {
        assertThatThrownBy(() -> RillConfig.parse("vhost a { hls { " + directive + "; } }", Path.of("t.conf")))
                .isInstanceOf(RillException.class).hasMessageContaining(message);
    }

    @Test
    void pathVariables() {
        ZoneId utc = ZoneId.of("UTC");
        long now = ZonedDateTime.of(2024, 3, 7, 9, 5, 4, 12_000_000, utc).toInstant().toEpochMilli();
        assertThat(HlsPaths.expand("[vhost]/[app]/[stream]-[seq]-[timestamp]", KEY, 42, "1700", now, utc))
                .isEqualTo("v.example/live/cam-42-1700");
        assertThat(HlsPaths.expand("[app]/[2006][01][02]T[15][04][05].[999]-[stream].ts", KEY, 0, "", now, utc))
                .isEqualTo("live/20240307T090504.012-cam.ts");
    }

    static Stream<Arguments> uris() {
        return Stream.of(
                Arguments.of("no prefix: relative to the playlist", "", "live/cam.m3u8", "live/cam-3.ts", "cam-3.ts"),
                Arguments.of("segment elsewhere", "", "live/cam.m3u8", "ts/cam-3.ts", "ts/cam-3.ts"),
                Arguments.of("prefix ending in /", "http://cdn/", "live/cam.m3u8", "live/cam-3.ts", "http://cdn/cam-3.ts"),
                Arguments.of("prefix without /: the playlist dir is added", "http://cdn", "live/cam.m3u8",
                        "live/cam-3.ts", "http://cdn/live/cam-3.ts"),
                Arguments.of("flat layout", "", "cam.m3u8", "cam-3.ts", "cam-3.ts"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("uris")
    void segmentUri(String name, String prefix, String m3u8, String ts, String expected) {
        assertThat(HlsPaths.segmentUri(prefix, m3u8, ts)).isEqualTo(expected);
    }

    @Test
    void playlistShrinksToTheWindowAndRenders() {
        HlsPlaylist playlist = new HlsPlaylist();
        for (int i = 0; i < 6; i++) {
            playlist.add(new HlsSegment(i, "cam-" + i + ".ts", Path.of("cam-" + i + ".ts"), i == 5 ? 3400 : 2000, i == 4));
        }
        assertThat(playlist.shrink(7000)).extracting(HlsSegment::seq).as("the oldest segment that crosses the window stays").containsExactly(0L, 1L, 2L);
        assertThat(playlist.render(2 * 1.5)).isEqualTo("""
                #EXTM3U
                #EXT-X-VERSION:3
                #EXT-X-MEDIA-SEQUENCE:3
                #EXT-X-TARGETDURATION:4
                #EXTINF:2.000, no desc
                cam-3.ts
                #EXT-X-DISCONTINUITY
                #EXTINF:2.000, no desc
                cam-4.ts
                #EXTINF:3.400, no desc
                cam-5.ts
                """);
        assertThat(playlist.clear()).hasSize(3);
        assertThat(playlist.render(15)).contains("#EXT-X-TARGETDURATION:15\n").doesNotContain("EXTINF");
    }

    @Test
    void audioClockFollowsSamplesAndResyncsOnGaps() {
        AudioClock clock = new AudioClock();
        double frame = 1024 * 1000.0 / 44100;
        assertThat(clock.next(1000, frame)).isEqualTo(1000);
        assertThat(clock.next(1030, frame)).as("jitter smoothed").isEqualTo(1023);
        assertThat(clock.next(1040, frame)).isEqualTo(1046);
        assertThat(clock.next(5000, frame)).as("gap: resync").isEqualTo(5000);
    }
}
