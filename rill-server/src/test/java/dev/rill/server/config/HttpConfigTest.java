package dev.rill.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.codec.RillException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** http_server and http_remux: SRS's defaults, values, errors, and their place in conf/full.conf. */
class HttpConfigTest {
    private static RillConfig parse(String text) {
        return RillConfig.parse(text, Path.of("test.conf"));
    }

    @Test
    void httpServerDefaultsAreSrss() {
        assertThat(parse("").httpServer()).isEqualTo(new HttpServerConfig(false,
                new InetSocketAddress("0.0.0.0", 8080), Path.of("objs/nginx/html"), true));
        assertThat(parse("http_server { }").httpServer().enabled()).isFalse();
    }

    @Test
    void httpServerValues() {
        RillConfig c = parse("http_server { enabled on; listen 127.0.0.1:9090; dir /srv/www; crossdomain off; }");
        assertThat(c.httpServer()).isEqualTo(new HttpServerConfig(true,
                new InetSocketAddress("127.0.0.1", 9090), Path.of("/srv/www"), false));
        assertThat(c.warnings()).isEmpty();
    }

    @Test
    void httpRemuxDefaultsAreSrss() {
        RillConfig c = parse("vhost a { http_remux { } } vhost b { }");
        assertThat(c.httpRemux("a")).isEqualTo(new HttpRemuxConfig(false, "[vhost]/[app]/[stream].flv", 0));
        assertThat(c.httpRemux("b")).isEqualTo(HttpRemuxConfig.DISABLED);
        assertThat(c.httpRemux("missing")).isEqualTo(HttpRemuxConfig.DISABLED);
    }

    @Test
    void httpRemuxValues() {
        RillConfig c = parse("vhost a { http_remux { enabled on; mount [vhost]/[app]/[stream].aac; fast_cache 30; } }");
        assertThat(c.httpRemux("a")).isEqualTo(new HttpRemuxConfig(true, "[vhost]/[app]/[stream].aac", 30));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "bad mount extension | vhost a { http_remux { mount [app]/[stream].mp4; } } | ending .flv, .aac, .mp3 or .ts",
            "bad flag | http_server { enabled yes; } | takes on or off",
            "bad listen | http_server { listen 99999; } | 'listen'",
            "negative fast_cache | vhost a { http_remux { fast_cache -1; } } | below the minimum",
            "unknown directive | http_server { root /x; } | unknown directive 'root' in 'http_server'",
    })
    void badValuesAreErrors(String name, String text, String message) {
        assertThatThrownBy(() -> parse(text)).isInstanceOf(RillException.class).hasMessageContaining(message);
    }

    @Test
    void srsOnlyChildrenWarn() {
        RillConfig c = parse("http_server { https { } } vhost a { http_remux { has_audio on; } }");
        assertThat(c.warnings()).hasSize(2);
    }

    @Test
    void fullConfListsEveryHttpDirective() {
        RillConfig config = RillConfig.load(Path.of("../conf/full.conf"));
        assertThat(config.warnings()).isEmpty();
        Directive http = config.root().get("http_server");
        for (String name : new String[]{"enabled", "listen", "dir", "crossdomain"}) {
            assertThat(http.get(name)).as(name).isNotNull();
        }
        Directive remux = config.root().get("vhost").get("http_remux");
        for (String name : new String[]{"enabled", "mount", "fast_cache"}) {
            assertThat(remux.get(name)).as(name).isNotNull();
        }
        assertThat(config.httpServer()).isEqualTo(parse("").httpServer());
        assertThat(config.httpRemux(RillConfig.DEFAULT_VHOST)).isEqualTo(HttpRemuxConfig.DISABLED);
    }
}
