package dev.rill.server.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * A web page's origin as the HTTP API compares it: host and port (the scheme only gives the
 * default port, 80 or 443). Read from {@code allow_origin} entries and from a request's
 * {@code Origin} or {@code Referer}, and matched against its {@code Host}.
 */
public record WebOrigin(String host, int port) {
    /** {@code allow_origin *}: every origin. */
    public static final WebOrigin ANY = new WebOrigin("*", 0);

    /**
     * An {@code allow_origin} entry: {@code *}, or {@code [http://|https://]host[:port]} with no
     * path; without a scheme, http. Fails with IllegalArgumentException.
     */
    public static WebOrigin parseAllowed(String text) {
        if (text.equals("*")) {
            return ANY;
        }
        String url = text.contains("://") ? text : "http://" + text;
        URI uri = uri(url);
        WebOrigin origin = uri == null ? null : of(uri);
        boolean bare = uri != null && (uri.getRawPath() == null || uri.getRawPath().isEmpty()
                || uri.getRawPath().equals("/")) && uri.getRawQuery() == null && uri.getRawFragment() == null
                && uri.getRawUserInfo() == null;
        if (origin == null || !bare) {
            throw new IllegalArgumentException("not an origin");
        }
        return origin;
    }

    /**
     * The origin an {@code Origin} or {@code Referer} value names, or null when it names none a
     * server can check: an opaque {@code null}, another scheme, or text that does not parse.
     */
    public static WebOrigin fromHeader(String value) {
        URI uri = uri(value.strip());
        return uri == null ? null : of(uri);
    }

    /**
     * Whether this is the origin a request with this {@code Host} header was sent to (the
     * same-origin case). A Host without a port stands for the scheme's default one, which a
     * server behind a TLS proxy cannot tell, so either default port matches it.
     */
    public boolean isHost(String hostHeader) {
        if (hostHeader == null || hostHeader.isBlank()) {
            return false;
        }
        URI uri = uri("http://" + hostHeader.strip());
        if (uri == null || uri.getHost() == null || !(uri.getRawPath() == null || uri.getRawPath().isEmpty())) {
            return false;
        }
        if (!host.equals(bare(uri.getHost()))) {
            return false;
        }
        return uri.getPort() < 0 ? port == 80 || port == 443 : port == uri.getPort();
    }

    private static WebOrigin of(URI uri) {
        String scheme = uri.getScheme();
        boolean https = "https".equalsIgnoreCase(scheme);
        if (uri.getHost() == null || !(https || "http".equalsIgnoreCase(scheme))) {
            return null;
        }
        int port = uri.getPort() < 0 ? (https ? 443 : 80) : uri.getPort();
        return new WebOrigin(bare(uri.getHost()), port);
    }

    private static URI uri(String text) {
        try {
            return new URI(text);
        } catch (URISyntaxException e) {
            return null;
        }
    }

    /** The host without IPv6 brackets, lower case: hosts compare case-insensitively. */
    private static String bare(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        return h.toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        if (equals(ANY)) {
            return "*";
        }
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
