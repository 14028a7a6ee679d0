package dev.rill.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.codec.RillException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Origins as the API's cross-site guard reads them, and http_api's allow_origin. */
class WebOriginTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "http://Console.Example:8080, console.example:8080",
            "console.example:8080, console.example:8080",
            "console.example, console.example:80",
            "https://console.example, console.example:443",
            "https://console.example/, console.example:443",
            "'http://[::1]:1985', '[::1]:1985'",
            "'*', '*'"})
    void allowOriginEntries(String text, String origin) {
        assertThat(WebOrigin.parseAllowed(text)).hasToString(origin);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"http://a.example/console/", "ftp://a.example", "http://a.example?x=1", "http://", ":80",
            "http://user@a.example"})
    void notOrigins(String text) {
        assertThatThrownBy(() -> WebOrigin.parseAllowed(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void headersNameAnOriginOrNone() {
        assertThat(WebOrigin.fromHeader("http://evil.example")).isEqualTo(new WebOrigin("evil.example", 80));
        assertThat(WebOrigin.fromHeader("https://a.example:8443/page.html?x=1#y"))
                .isEqualTo(new WebOrigin("a.example", 8443));
        assertThat(WebOrigin.fromHeader("null")).isNull();
        assertThat(WebOrigin.fromHeader("file:///home/me/page.html")).isNull();
        assertThat(WebOrigin.fromHeader("http://bad host/")).isNull();
    }

    @Test
    void theHostHeaderIsThisServersOrigin() {
        WebOrigin o = new WebOrigin("127.0.0.1", 1985);
        assertThat(o.isHost("127.0.0.1:1985")).isTrue();
        assertThat(o.isHost("127.0.0.1:8080")).isFalse();
        assertThat(o.isHost("127.0.0.1")).isFalse();
        assertThat(o.isHost(null)).isFalse();
        assertThat(new WebOrigin("api.example", 443).isHost("API.example")).isTrue();
        assertThat(new WebOrigin("api.example", 80).isHost("api.example")).isTrue();
        assertThat(new WebOrigin("::1", 1985).isHost("[::1]:1985")).isTrue();
        assertThat(o.isHost("127.0.0.1:1985/x")).isFalse();
    }

    @Test
    void httpApiReadsAllowOriginAndTheJsonpSwitch() {
        RillConfig config = RillConfig.parse("http_api { enabled on; allow_origin http://a.example:8080 b.example; "
                + "allow_origin https://c.example; allow_jsonp_mutation on; }", Path.of("t.conf"));
        HttpApiConfig api = config.httpApi();
        assertThat(api.allowOrigins()).containsExactly(new WebOrigin("a.example", 8080),
                new WebOrigin("b.example", 80), new WebOrigin("c.example", 443));
        assertThat(api.allowsOrigin(new WebOrigin("b.example", 80))).isTrue();
        assertThat(api.allowsOrigin(new WebOrigin("b.example", 8080))).isFalse();
        assertThat(api.allowsAnyOrigin()).isFalse();
        assertThat(api.allowJsonpMutation()).isTrue();

        HttpApiConfig defaults = RillConfig.parse("http_api { enabled on; }", Path.of("t.conf")).httpApi();
        assertThat(defaults.allowOrigins()).isEqualTo(List.of());
        assertThat(defaults.allowJsonpMutation()).isFalse();
        assertThat(RillConfig.parse("http_api { allow_origin *; }", Path.of("t.conf")).httpApi().allowsAnyOrigin())
                .isTrue();
    }

    @Test
    void aBadAllowOriginIsAnError() {
        assertThatThrownBy(() -> RillConfig.parse("http_api { allow_origin http://a.example/console; }",
                Path.of("t.conf"))).isInstanceOf(RillException.class)
                .hasMessageContaining("t.conf:1").hasMessageContaining("allow_origin");
        assertThatThrownBy(() -> RillConfig.parse("http_api { allow_jsonp_mutation yes; }", Path.of("t.conf")))
                .isInstanceOf(RillException.class).hasMessageContaining("allow_jsonp_mutation");
    }
}
