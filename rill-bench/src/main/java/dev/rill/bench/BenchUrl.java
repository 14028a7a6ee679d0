package dev.rill.bench;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * A stream URL split the way a client connects: scheme, host, port, app (the path before the
 * stream) and stream. {@code rtmp://host[:port]/app/stream} plays or publishes over RTMP;
 * {@code http://host[:port]/app/stream.flv} plays over HTTP-FLV and {@code ws://...} over
 * WebSocket-FLV (the stream is the name without {@code .flv}, so that publishers and players
 * agree on it).
 */
record BenchUrl(String scheme, String host, int port, String app, String stream) {
    static final int DEFAULT_PORT = 1935;
    static final int DEFAULT_HTTP_PORT = 80;
    private static final String FLV = ".flv";

    /** Parses an RTMP, HTTP-FLV or WebSocket-FLV URL: the last path segment is the stream. */
    static BenchUrl parse(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("bad URL " + url + ": " + e.getMessage(), e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("rtmp") || scheme.equals("http") || scheme.equals("ws")) || uri.getHost() == null) {
            throw new IllegalArgumentException("URL " + url + " is none of rtmp://host[:port]/app/stream,"
                    + " http://host[:port]/app/stream.flv and ws://host[:port]/app/stream.flv");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("^/+|/+$", "");
        int slash = path.lastIndexOf('/');
        if (slash <= 0 || slash == path.length() - 1) {
            throw new IllegalArgumentException("URL " + url + " names no app and stream ("
                    + scheme + "://host/app/stream)");
        }
        String stream = path.substring(slash + 1);
        if (!scheme.equals("rtmp")) {
            if (!stream.endsWith(FLV) || stream.length() == FLV.length()) {
                throw new IllegalArgumentException("URL " + url
                        + " is not an FLV stream (" + scheme + "://host/app/stream.flv)");
            }
            stream = stream.substring(0, stream.length() - FLV.length());
        }
        int port = uri.getPort() >= 0 ? uri.getPort() : scheme.equals("rtmp") ? DEFAULT_PORT : DEFAULT_HTTP_PORT;
        return new BenchUrl(scheme, uri.getHost(), port, path.substring(0, slash), stream);
    }

    boolean isRtmp() {
        return scheme.equals("rtmp");
    }

    boolean isWebSocket() {
        return scheme.equals("ws");
    }

    String tcUrl() {
        return "rtmp://" + host + ":" + port + "/" + app;
    }

    /** The HTTP request path that plays {@code stream} over HTTP-FLV or WebSocket-FLV. */
    String flvPath(String stream) {
        return "/" + app + "/" + stream + FLV;
    }

    /** The URL again, with its port spelled out. */
    String display() {
        return isRtmp() ? tcUrl() + "/" + stream : scheme + "://" + host + ":" + port + flvPath(stream);
    }

    /** The stream name of publisher {@code index} of {@code count}: suffixed -0, -1... when several. */
    String streamFor(int index, int count) {
        return count == 1 ? stream : stream + "-" + index;
    }
}
