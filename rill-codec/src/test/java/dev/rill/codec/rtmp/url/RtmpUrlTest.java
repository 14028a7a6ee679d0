package dev.rill.codec.rtmp.url;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.codec.ErrorCode;
import dev.rill.codec.RillException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RtmpUrlTest {
    private static Arguments ok(String name, String tcUrl, String stream, RtmpUrl expected) {
        return Arguments.of(name, tcUrl, stream, expected);
    }

    private static RtmpUrl url(String host, int port, String vhost, String app, String stream, String param) {
        return new RtmpUrl("rtmp", host, port, vhost, app, stream, param);
    }

    static Stream<Arguments> discovered() {
        return Stream.of(
                // SRS's ProtocolUtilityTest.DiscoveryTcUrl
                ok("srs: explicit default port", "rtmp://127.0.0.1:1935/live", "livestream",
                        url("127.0.0.1", 1935, "127.0.0.1", "live", "livestream", "")),
                ok("srs: other port", "rtmp://127.0.0.1:19351/live", "livestream",
                        url("127.0.0.1", 19351, "127.0.0.1", "live", "livestream", "")),
                ok("srs: vhost in tcUrl query", "rtmp://127.0.0.1:19351/live?vhost=demo", "livestream",
                        url("127.0.0.1", 19351, "demo", "live", "livestream", "?vhost=demo")),
                ok("srs: sub-path app with vhost", "rtmp://127.0.0.1:19351/live/show?vhost=demo", "livestream",
                        url("127.0.0.1", 19351, "demo", "live/show", "livestream", "?vhost=demo")),
                // SRS's ProtocolUtilityTest.VhostResolve, on the app of a tcUrl
                ok("srs: vhost then && query", "rtmp://h/app?vhost=changed1&&query=true", "s",
                        url("h", 1935, "changed1", "app", "s", "?vhost=changed1&&query=true")),
                ok("srs: vhost between && items", "rtmp://h/app?other=true&&vhost=changed2&&query=true", "s",
                        url("h", 1935, "changed2", "app", "s", "?other=true&&vhost=changed2&&query=true")),
                ok("srs: ... separators", "rtmp://h/app...other...true...vhost...changed3...query...true", "s",
                        url("h", 1935, "changed3", "app", "s", "")),
                ok("domain host, default port", "rtmp://ossrs.net/live?vhost=demo.srs.com", "livestream",
                        url("ossrs.net", 1935, "demo.srs.com", "live", "livestream", "?vhost=demo.srs.com")),
                ok("host is the vhost", "rtmp://live.example.com/live", "livestream",
                        url("live.example.com", 1935, "live.example.com", "live", "livestream", "")),
                ok("params on the stream name", "rtmp://h/live", "livestream?token=1&vhost=x",
                        url("h", 1935, "x", "live", "livestream", "?token=1&vhost=x")),
                ok("stream params replace app params", "rtmp://h/live?a=1", "s?b=2",
                        url("h", 1935, "h", "live", "s", "?b=2")),
                ok("app params kept when stream has none", "rtmp://h/live?token=abc", "s",
                        url("h", 1935, "h", "live", "s", "?token=abc")),
                ok("stream vhost wins over app vhost", "rtmp://h/live?vhost=a", "s?vhost=b",
                        url("h", 1935, "b", "live", "s", "?vhost=b")),
                ok("app vhost kept when stream names none", "rtmp://h/live?vhost=a", "s?token=t",
                        url("h", 1935, "a", "live", "s", "?token=t")),
                ok("... vhost on the stream name", "rtmp://h/live", "livestream...vhost...example.com",
                        url("h", 1935, "example.com", "live", "livestream", "")),
                ok("comma separated items", "rtmp://h/live?token=1,vhost=v.com", "s",
                        url("h", 1935, "v.com", "live", "s", "?token=1,vhost=v.com")),
                ok("default vhost param dropped", "rtmp://127.0.0.1/live?vhost=__defaultVhost__", "s",
                        url("127.0.0.1", 1935, "__defaultVhost__", "live", "s", "")),
                ok("_definst_ dropped", "rtmp://h/live/_definst_", "s",
                        url("h", 1935, "h", "live", "s", "")),
                ok("_definst_ dropped before the query", "rtmp://h/live/_definst_?vhost=v", "s",
                        url("h", 1935, "v", "live", "s", "?vhost=v")),
                ok("extension kept", "rtmp://h/live", "livestream.flv",
                        url("h", 1935, "h", "live", "livestream.flv", "")),
                ok("m3u8 extension kept", "rtmp://h/live", "livestream.m3u8?token=1",
                        url("h", 1935, "h", "live", "livestream.m3u8", "?token=1")),
                ok("IPv6 with port", "rtmp://[::1]:1936/live", "s",
                        url("::1", 1936, "::1", "live", "s", "")),
                ok("IPv6 without port", "rtmp://[2001:db8::7]/live", "s",
                        url("2001:db8::7", 1935, "2001:db8::7", "live", "s", "")),
                ok("slashes trimmed", "rtmp://h/live/sub/", "/livestream/",
                        url("h", 1935, "h", "live/sub", "livestream", "")),
                ok("blanks removed", "rtmp://h/live ", " live stream\r\n",
                        url("h", 1935, "h", "live", "livestream", "")),
                ok("slash inside the query", "rtmp://h/live?token=a/b", "s",
                        url("h", 1935, "h", "live", "s", "?token=a/b")),
                ok("key must be exactly vhost", "rtmp://h/live?myvhost=x", "s",
                        url("h", 1935, "h", "live", "s", "?myvhost=x")),
                ok("empty vhost value ignored", "rtmp://h/live?vhost=&a=1", "s",
                        url("h", 1935, "h", "live", "s", "?vhost=&a=1")),
                ok("first vhost key wins", "rtmp://h/live?vhost=a&vhost=b", "s",
                        url("h", 1935, "a", "live", "s", "?vhost=a&vhost=b")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("discovered")
    void discovers(String name, String tcUrl, String stream, RtmpUrl expected) {
        assertThat(RtmpUrl.discover(tcUrl, stream)).isEqualTo(expected);
    }

    @Test
    void keepsOtherRtmpSchemas() {
        assertThat(RtmpUrl.discover("rtmps://h:443/live", "s"))
                .isEqualTo(new RtmpUrl("rtmps", "h", 443, "h", "live", "s", ""));
        assertThat(RtmpUrl.discover("RTMP://h/live", "s").schema()).isEqualTo("RTMP");
    }

    @Test
    void streamUrlIsVhostAppStream() {
        assertThat(RtmpUrl.discover("rtmp://127.0.0.1/live/sub?vhost=v.com", "s?token=1").streamUrl())
                .isEqualTo("v.com/live/sub/s");
        assertThat(RtmpUrl.discover("rtmp://127.0.0.1/live?vhost=__defaultVhost__", "s").streamUrl())
                .isEqualTo("__defaultVhost__/live/s");
    }

    static Stream<Arguments> rejected() {
        return Stream.of(
                Arguments.of("empty tcUrl", "", "s", "empty tcUrl"),
                Arguments.of("null tcUrl", null, "s", "empty tcUrl"),
                Arguments.of("no schema", "h/live", "s", "tcUrl h/live has no schema://"),
                Arguments.of("http schema", "http://h/live", "s", "tcUrl http://h/live has schema http, expected rtmp"),
                Arguments.of("no path", "rtmp://h", "s", "tcUrl rtmp://h has no app"),
                Arguments.of("empty app", "rtmp://h/", "s", "tcUrl rtmp://h/ has no app"),
                Arguments.of("query without app", "rtmp://h/?vhost=x", "s", "tcUrl rtmp://h/?vhost=x has no app"),
                Arguments.of("no host", "rtmp:///live", "s", "tcUrl rtmp:///live has no host"),
                Arguments.of("port not a number", "rtmp://h:abc/live", "s",
                        "tcUrl rtmp://h:abc/live has port 'abc', expected 1..65535"),
                Arguments.of("empty port", "rtmp://h:/live", "s", "tcUrl rtmp://h:/live has port '', expected 1..65535"),
                Arguments.of("port 0", "rtmp://h:0/live", "s", "tcUrl rtmp://h:0/live has port 0, expected 1..65535"),
                Arguments.of("port too large", "rtmp://h:65536/live", "s",
                        "tcUrl rtmp://h:65536/live has port 65536, expected 1..65535"),
                Arguments.of("IPv6 without brackets", "rtmp://::1/live", "s",
                        "tcUrl rtmp://::1/live has an IPv6 host without brackets"),
                Arguments.of("IPv6 without ]", "rtmp://[::1/live", "s", "tcUrl rtmp://[::1/live has an IPv6 host without ']'"),
                Arguments.of("junk after IPv6", "rtmp://[::1]x/live", "s", "tcUrl rtmp://[::1]x/live has 'x' after the IPv6 host"),
                Arguments.of("empty IPv6 host", "rtmp://[]:1935/live", "s", "tcUrl rtmp://[]:1935/live has no host"),
                Arguments.of("empty stream", "rtmp://h/live", "", "empty stream name"),
                Arguments.of("null stream", "rtmp://h/live", null, "empty stream name"),
                Arguments.of("stream only a query", "rtmp://h/live", "?token=1", "empty stream name"),
                Arguments.of("stream only slashes and blanks", "rtmp://h/live", " / ", "empty stream name"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejected")
    void rejects(String name, String tcUrl, String stream, String message) {
        assertThatThrownBy(() -> RtmpUrl.discover(tcUrl, stream)).isInstanceOf(RillException.class)
                .hasMessage(message)
                .extracting(e -> ((RillException) e).code()).isEqualTo(ErrorCode.TCURL_INVALID);
    }
}
