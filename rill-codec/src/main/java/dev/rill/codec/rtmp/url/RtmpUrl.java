package dev.rill.codec.rtmp.url;

import dev.rill.codec.ErrorCode;
import dev.rill.codec.RillException;
import java.util.Locale;
import java.util.Set;

/**
 * Where an RTMP client asked to go, discovered from the connect command's tcUrl and the stream
 * name of publish or play, the way SRS 3 does it ({@code srs_discovery_tc_url},
 * {@code srs_vhost_resolve}, then {@code SrsRequest::strip}).
 *
 * <ul>
 *   <li>tcUrl is {@code schema://host[:port]/app[/more/app][?query]}; the port defaults to 1935 and
 *       an IPv6 host is written in brackets ({@code [::1]:1935}, kept without them here).</li>
 *   <li>The query may sit on the app or on the stream name ({@code live?token=1}). {@link #param}
 *       is the raw query with its leading '?'; one on the stream name replaces one on the app, as
 *       SRS 3 does. A param that is only {@code ?vhost=__defaultVhost__} is dropped.</li>
 *   <li>The vhost is the host unless a {@code vhost} key in either query names another; the stream
 *       name's wins. Besides {@code ?k=v&k=v}, SRS's older separators are understood: {@code ...}
 *       and {@code ,} between items and {@code &&} as well as {@code &}, so
 *       {@code live...vhost...example.com} names vhost {@code example.com}. Unlike SRS, which
 *       matches the text {@code vhost=} anywhere, the key must be exactly {@code vhost} (so
 *       {@code myvhost=x} names none) and an empty value is ignored.</li>
 *   <li>A trailing {@code /_definst_} (Wowza/FMLE's default instance) is dropped from the app.</li>
 *   <li>Blanks are removed from every part and slashes trimmed from the ends of app and stream.
 *       The stream keeps any extension ({@code livestream.flv}): over RTMP it is part of the name,
 *       and only the HTTP side strips it.</li>
 * </ul>
 * Mapping the vhost to {@code __defaultVhost__} when no such vhost is configured is the server's
 * job, not this parser's.
 */
public record RtmpUrl(String schema, String host, int port, String vhost, String app, String stream, String param) {
    public static final int DEFAULT_PORT = 1935;

    /** The vhost name SRS clients send when they mean no particular vhost. */
    public static final String DEFAULT_VHOST = "__defaultVhost__";

    private static final Set<String> SCHEMAS = Set.of("rtmp", "rtmps", "rtmpt", "rtmpts", "rtmpe", "rtmpte");
    private static final String DEFINST = "/_definst_";

    /**
     * Discovers the parts of a tcUrl and a stream name.
     *
     * @param streamName the name from publish or play, possibly with a query; null or empty fails
     * @throws RillException TCURL_INVALID naming what was wrong
     */
    public static RtmpUrl discover(String tcUrl, String streamName) {
        return discover(tcUrl, streamName, true);
    }

    /**
     * Discovers the parts of a tcUrl alone, as at connect time, before any stream is named: the
     * stream is empty and the param is the tcUrl's query.
     */
    public static RtmpUrl discoverApp(String tcUrl) {
        return discover(tcUrl, "", false);
    }

    private static RtmpUrl discover(String tcUrl, String streamName, boolean requireStream) {
        Authority authority = Authority.parse(tcUrl);
        String afterHost = tcUrl.substring(authority.end());

        QueryPart app = QueryPart.split(afterHost);
        String appName = trimSlashes(removeBlanks(stripDefinst(app.name())));
        if (appName.isEmpty()) {
            throw invalid("tcUrl " + tcUrl + " has no app");
        }
        if (streamName == null) {
            throw invalid("empty stream name");
        }
        QueryPart stream = QueryPart.split(streamName);
        String streamId = trimSlashes(removeBlanks(stream.name()));
        if (streamId.isEmpty() && requireStream) {
            throw invalid("empty stream name");
        }

        String vhost = authority.host();
        vhost = app.vhostOr(vhost);
        vhost = stream.vhostOr(vhost);
        String param = stream.param().isEmpty() ? app.param() : stream.param();
        if (param.equals("?vhost=" + DEFAULT_VHOST)) {
            param = "";
        }
        return new RtmpUrl(authority.schema(), authority.host(), authority.port(),
                removeBlanks(vhost).replace("/", ""), appName, streamId, param);
    }

    /** The key the server files a stream under: {@code vhost/app/stream}. */
    public String streamUrl() {
        return vhost + "/" + app + "/" + stream;
    }

    static RillException invalid(String message) {
        return new RillException(ErrorCode.TCURL_INVALID, message);
    }

    private static String stripDefinst(String app) {
        return app.endsWith(DEFINST) ? app.substring(0, app.length() - DEFINST.length()) : app;
    }

    private static String removeBlanks(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String trimSlashes(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && s.charAt(start) == '/') {
            start++;
        }
        while (end > start && s.charAt(end - 1) == '/') {
            end--;
        }
        return s.substring(start, end);
    }

    /** schema://host[:port]/ of a tcUrl; {@code end} is the index just past the slash. */
    private record Authority(String schema, String host, int port, int end) {
        static Authority parse(String tcUrl) {
            if (tcUrl == null || tcUrl.isEmpty()) {
                throw invalid("empty tcUrl");
            }
            int schemaEnd = tcUrl.indexOf("://");
            if (schemaEnd < 0) {
                throw invalid("tcUrl " + tcUrl + " has no schema://");
            }
            String schema = tcUrl.substring(0, schemaEnd);
            if (!SCHEMAS.contains(schema.toLowerCase(Locale.ROOT))) {
                throw invalid("tcUrl " + tcUrl + " has schema " + schema + ", expected rtmp");
            }
            int hostStart = schemaEnd + 3;
            int slash = tcUrl.indexOf('/', hostStart);
            if (slash < 0) {
                throw invalid("tcUrl " + tcUrl + " has no app");
            }
            String hostPort = removeBlanks(tcUrl.substring(hostStart, slash));
            return hostPort.startsWith("[") ? bracketed(tcUrl, schema, hostPort, slash + 1)
                    : plain(tcUrl, schema, hostPort, slash + 1);
        }

        private static Authority bracketed(String tcUrl, String schema, String hostPort, int end) {
            int close = hostPort.indexOf(']');
            if (close < 0) {
                throw invalid("tcUrl " + tcUrl + " has an IPv6 host without ']'");
            }
            String host = hostPort.substring(1, close);
            String rest = hostPort.substring(close + 1);
            if (!rest.isEmpty() && !rest.startsWith(":")) {
                throw invalid("tcUrl " + tcUrl + " has '" + rest + "' after the IPv6 host");
            }
            int port = rest.isEmpty() ? DEFAULT_PORT : port(tcUrl, rest.substring(1));
            return checked(tcUrl, schema, host, port, end);
        }

        private static Authority plain(String tcUrl, String schema, String hostPort, int end) {
            int colon = hostPort.indexOf(':');
            if (colon < 0) {
                return checked(tcUrl, schema, hostPort, DEFAULT_PORT, end);
            }
            if (hostPort.indexOf(':', colon + 1) >= 0) {
                throw invalid("tcUrl " + tcUrl + " has an IPv6 host without brackets");
            }
            return checked(tcUrl, schema, hostPort.substring(0, colon), port(tcUrl, hostPort.substring(colon + 1)), end);
        }

        private static Authority checked(String tcUrl, String schema, String host, int port, int end) {
            if (host.isEmpty()) {
                throw invalid("tcUrl " + tcUrl + " has no host");
            }
            return new Authority(schema, host, port, end);
        }

        private static int port(String tcUrl, String text) {
            if (text.isEmpty() || text.length() > 5 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw invalid("tcUrl " + tcUrl + " has port '" + text + "', expected 1..65535");
            }
            int port = Integer.parseInt(text);
            if (port < 1 || port > 65535) {
                throw invalid("tcUrl " + tcUrl + " has port " + port + ", expected 1..65535");
            }
            return port;
        }
    }
}
