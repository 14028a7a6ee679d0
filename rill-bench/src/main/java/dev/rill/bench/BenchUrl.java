package dev.rill.bench;

import java.net.URI;
import java.net.URISyntaxException;

/** An RTMP URL split the way a client connects: host, port, app (the tcUrl's path) and stream. */
record BenchUrl(String host, int port, String app, String stream) {
    static final int DEFAULT_PORT = 1935;

    /** Parses {@code rtmp://host[:port]/app[/more]/stream}: the last path segment is the stream. */
    static BenchUrl parse(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("bad URL " + url + ": " + e.getMessage(), e);
        }
        if (!"rtmp".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("URL " + url + " is not rtmp://host[:port]/app/stream");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("^/+|/+$", "");
        int slash = path.lastIndexOf('/');
        if (slash <= 0 || slash == path.length() - 1) {
            throw new IllegalArgumentException("URL " + url + " names no app and stream (rtmp://host/app/stream)");
        }
        int port = uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort();
        return new BenchUrl(uri.getHost(), port, path.substring(0, slash), path.substring(slash + 1));
    }

    String tcUrl() {
        return "rtmp://" + host + ":" + port + "/" + app;
    }

    /** The stream name of publisher {@code index} of {@code count}: suffixed -0, -1... when several. */
    String streamFor(int index, int count) {
        return count == 1 ? stream : stream + "-" + index;
    }
}
