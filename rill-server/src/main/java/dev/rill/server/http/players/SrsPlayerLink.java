package dev.rill.server.http.players;

import dev.rill.server.config.RillConfig;
import dev.rill.server.config.VhostConfig;
import dev.rill.server.http.stream.MountTemplate;
import dev.rill.server.http.stream.Mounts;
import dev.rill.server.http.stream.StreamFormat;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The stream URL that SRS's player page ({@code srs_player.html}) builds from its query, which is
 * what SRS's console links to for a stream's preview
 * ({@code ?vhost=V&app=A&stream=S.flv&server=H&port=P&autostart=true&schema=http}):
 * {@code schema://server[:port]/app/stream}, then {@code ?vhost=V} when the vhost is neither the
 * default one nor the server's name, then the rest of the query (an auth token, say), as SRS's page
 * passes them on. Rill's HTTP streams read {@code ?vhost=} as SRS's do.
 *
 * <p>Where Rill differs, it is to play what this server serves: the path is the vhost's
 * {@code http_remux} mount (so {@code /flv/[stream].flv} plays too), in the mount's format when that
 * is FLV or MPEG-TS (the console names {@code .flv} for every stream); a stream without an
 * extension is taken as FLV; a vhost the config lacks is the default one; a missing server and port
 * are the page's own host and port (SRS's page takes port 8080). Other parts take SRS's defaults:
 * {@code http}, app {@code live}, stream {@code livestream.flv}.
 */
final class SrsPlayerLink {
    static final String PAGE = "srs_player.html";
    /** The parameters SRS's page reads itself and does not pass on to the stream. */
    private static final Set<String> OWN = Set.of("app", "autostart", "dir", "filename", "host", "hostname",
            "http_port", "pathname", "port", "server", "stream", "buffer", "schema", "vhost", "api", "path");
    private static final Set<String> SCHEMAS = Set.of("http", "https", "ws", "wss");
    /** What Rill's player page plays. */
    private static final Set<String> PLAYABLE = Set.of(".flv", ".ts", ".m3u8");
    /** What Rill serves but its player page does not play. */
    private static final Set<String> UNPLAYABLE = Set.of(".aac", ".mp3", ".mp4");
    /** One path segment of RFC 3986's pchar, without percent-escapes. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_~.!$'()*+,;:@-]+");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.-]+|\\[[0-9A-Fa-f:.]+]");

    private SrsPlayerLink() {
    }

    /**
     * The stream URL for the page's {@code query}, or null when it names no stream this server's
     * player page plays: a part that is not a plain name, host, port or schema, or an audio-only
     * or MP4 stream. {@code hostHeader} is the request's Host, the default server and port.
     */
    static String streamUrl(Map<String, List<String>> query, String hostHeader, RillConfig config) {
        String schema = first(query, "schema", "http");
        String server = first(query, "server", hostOf(hostHeader));
        String port = first(query, "port", portOf(hostHeader));
        String app = first(query, "app", "live");
        String stream = first(query, "stream", "livestream.flv");
        if (!SCHEMAS.contains(schema) || !HOST.matcher(server).matches() || !validPort(port)
                || !isName(app) || !isName(stream)) {
            return null;
        }
        int dot = stream.lastIndexOf('.');
        String extension = dot > 0 ? stream.substring(dot) : "";
        if (UNPLAYABLE.contains(extension)) {
            return null;
        }
        if (!PLAYABLE.contains(extension)) {
            extension = StreamFormat.FLV.extension();
            dot = stream.length();
        }
        String name = stream.substring(0, dot);
        String vhost = config.resolveVhost(first(query, "vhost", server)).map(VhostConfig::name)
                .orElse(RillConfig.DEFAULT_VHOST);
        StringBuilder url = new StringBuilder(schema).append("://").append(server);
        if (!port.isEmpty() && !isDefaultPort(schema, port)) {
            url.append(':').append(port);
        }
        url.append(path(config, vhost, app, name, extension));
        StringBuilder params = new StringBuilder();
        if (!vhost.equals(RillConfig.DEFAULT_VHOST) && !vhost.equalsIgnoreCase(server)) {
            params.append("vhost=").append(URLEncoder.encode(vhost, StandardCharsets.UTF_8));
        }
        extraParams(query, params);
        if (!params.isEmpty()) {
            url.append('?').append(params);
        }
        return url.toString();
    }

    /**
     * The vhost's mount path, in the mount's format when the page plays it and a live format (FLV
     * or TS) was asked; else SRS's {@code /app/stream.ext}.
     */
    private static String path(RillConfig config, String vhost, String app, String name, String extension) {
        if (!extension.equals(".m3u8")) {
            for (MountTemplate mount : Mounts.of(config).templates()) {
                if (mount.vhost().equals(vhost)
                        && (mount.format() == StreamFormat.FLV || mount.format() == StreamFormat.TS)) {
                    return mount.pathFor(app, name);
                }
            }
        }
        return "/" + app + "/" + name + extension;
    }

    /** What SRS's page passes on: every parameter with a value that it does not read itself. */
    private static void extraParams(Map<String, List<String>> query, StringBuilder out) {
        for (Map.Entry<String, List<String>> p : query.entrySet()) {
            if (OWN.contains(p.getKey())) {
                continue;
            }
            for (String v : p.getValue()) {
                if (v.isEmpty()) {
                    continue;
                }
                if (!out.isEmpty()) {
                    out.append('&');
                }
                out.append(URLEncoder.encode(p.getKey(), StandardCharsets.UTF_8)).append('=')
                        .append(URLEncoder.encode(v, StandardCharsets.UTF_8));
            }
        }
    }

    private static String first(Map<String, List<String>> query, String name, String otherwise) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() || values.get(0).isEmpty() ? otherwise : values.get(0);
    }

    private static boolean isName(String segment) {
        return NAME.matcher(segment).matches() && !segment.equals(".") && !segment.equals("..");
    }

    private static boolean validPort(String port) {
        if (port.isEmpty()) {
            return true;
        }
        if (!port.matches("[0-9]{1,5}")) {
            return false;
        }
        int p = Integer.parseInt(port);
        return p > 0 && p < 65536;
    }

    /** As SRS's page leaves the port out: 80 for http and ws, 443 for https and wss. */
    private static boolean isDefaultPort(String schema, String port) {
        int p = Integer.parseInt(port);
        return p == 80 && (schema.equals("http") || schema.equals("ws"))
                || p == 443 && (schema.equals("https") || schema.equals("wss"));
    }

    /** The host part of a Host header ({@code name}, {@code name:port}, {@code [v6]:port}). */
    private static String hostOf(String hostHeader) {
        if (hostHeader == null) {
            return "";
        }
        int colon = hostHeader.lastIndexOf(':');
        return colon > hostHeader.lastIndexOf(']') ? hostHeader.substring(0, colon) : hostHeader;
    }

    private static String portOf(String hostHeader) {
        if (hostHeader == null) {
            return "";
        }
        int colon = hostHeader.lastIndexOf(':');
        return colon > hostHeader.lastIndexOf(']') ? hostHeader.substring(colon + 1) : "";
    }
}
