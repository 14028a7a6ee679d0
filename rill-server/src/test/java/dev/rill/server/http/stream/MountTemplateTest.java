package dev.rill.server.http.stream;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** SRS's mount templates: what request path and Host each serves, and the path a player uses. */
class MountTemplateTest {
    @ParameterizedTest(name = "{0} {1} on {2}{3}")
    @CsvSource({
            // vhost, mount, host, path, app (empty: no match), stream
            "__defaultVhost__, [vhost]/[app]/[stream].flv, any, /live/cam.flv, live, cam",
            "__defaultVhost__, [vhost]/[app]/[stream].flv, any, /live/cam.aac, '', ''",
            "__defaultVhost__, [vhost]/[app]/[stream].flv, any, /a/b/cam.flv, '', ''",
            "__defaultVhost__, [vhost]/[app]/[stream].flv, any, /cam.flv, '', ''",
            "__defaultVhost__, /[app]/[stream].aac, any, /radio/one.aac, radio, one",
            "__defaultVhost__, [vhost]/tv/[app]/[stream].flv, any, /tv/live/cam.flv, live, cam",
            "__defaultVhost__, [vhost]/[app]/[stream].flv, any, /live/cam.v2.flv, live, cam.v2",
            "example.com, [vhost]/[app]/[stream].flv, example.com, /live/cam.flv, live, cam",
            "example.com, [vhost]/[app]/[stream].flv, other.com, /live/cam.flv, '', ''",
            "example.com, /[app]/[stream].flv, other.com, /live/cam.flv, live, cam",
            "__defaultVhost__, [vhost]/[app]/[stream].flv, any, '/live/ca(m).flv', live, ca(m)",
    })
    void matches(String vhost, String mount, String host, String path, String app, String stream) {
        MountTemplate.Match m = new MountTemplate(vhost, mount).match(host, path);
        if (app.isEmpty()) {
            assertThat(m).isNull();
        } else {
            assertThat(m).isEqualTo(new MountTemplate.Match(app, stream));
        }
    }

    @ParameterizedTest(name = "{1} for {0}")
    @CsvSource({
            "__defaultVhost__, [vhost]/[app]/[stream].flv, /live/cam.flv, FLV",
            "example.com, [vhost]/[app]/[stream].mp3, /live/cam.mp3, MP3",
            "__defaultVhost__, [vhost]/[app]/[stream].ts, /live/cam.ts, TS",
    })
    void pathAndFormat(String vhost, String mount, String path, StreamFormat format) {
        MountTemplate t = new MountTemplate(vhost, mount);
        assertThat(t.pathFor("live", "cam")).isEqualTo(path);
        assertThat(t.format()).isEqualTo(format);
    }
}
