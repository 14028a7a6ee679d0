package dev.rill.server.config;

/**
 * An upstream server as SRS writes it in {@code destination}, {@code origin} and {@code coworkers}:
 * {@code host}, {@code host:port} or {@code [ipv6]:port}; the port defaults to 1935.
 */
public record HostPort(String host, int port) {
    public static final int DEFAULT_PORT = 1935;

    public HostPort {
        if (host.isEmpty()) {
            throw new IllegalArgumentException("empty host");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is out of range 1..65535");
        }
    }

    /** Parses {@code host[:port]} or {@code [ipv6][:port]}; fails with IllegalArgumentException. */
    public static HostPort parse(String text) {
        String host = text;
        String port = null;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("missing ']'");
            }
            host = text.substring(1, close);
            String rest = text.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    throw new IllegalArgumentException("expected ':' after ']'");
                }
                port = rest.substring(1);
            }
        } else {
            int colon = text.lastIndexOf(':');
            if (colon >= 0) {
                if (text.indexOf(':') != colon) {
                    throw new IllegalArgumentException("an IPv6 address goes in brackets: [addr]:port");
                }
                host = text.substring(0, colon);
                port = text.substring(colon + 1);
            }
        }
        if (port == null) {
            return new HostPort(host, DEFAULT_PORT);
        }
        if (!ValueType.INTEGER.matcher(port).matches() || port.length() > 5) {
            throw new IllegalArgumentException("bad port '" + port + "'");
        }
        return new HostPort(host, Integer.parseInt(port));
    }

    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
