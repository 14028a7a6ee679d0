package dev.rill.server.config;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses one {@code listen} argument the way SRS's {@code srs_parse_endpoint} does, restricted to
 * IP literals (SRS refuses host names too): {@code 1935} (all IPv4 interfaces), {@code ip:port},
 * {@code [ipv6]:port}. Never touches DNS.
 */
final class ListenEndpoint {
    private static final Pattern PORT = Pattern.compile("[0-9]{1,5}");
    private static final Pattern IPV4 = Pattern.compile("([0-9]{1,3})\\.([0-9]{1,3})\\.([0-9]{1,3})\\.([0-9]{1,3})");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private ListenEndpoint() {
    }

    /** The socket address for {@code text}; IllegalArgumentException says what was wrong. */
    static InetSocketAddress parse(String text) {
        if (PORT.matcher(text).matches()) {
            return new InetSocketAddress(anyIpv4(), port(text));
        }
        if (text.startsWith("[")) {
            int close = text.indexOf("]:");
            if (close < 0) {
                throw new IllegalArgumentException("an IPv6 address needs the form [address]:port");
            }
            return new InetSocketAddress(ipv6(text.substring(1, close)), port(text.substring(close + 2)));
        }
        int colon = text.indexOf(':');
        if (colon < 0 || colon != text.lastIndexOf(':')) {
            throw new IllegalArgumentException(colon < 0 ? "not a port number"
                    : "write an IPv6 address in brackets, as [::]:1935");
        }
        return new InetSocketAddress(ipv4(text.substring(0, colon)), port(text.substring(colon + 1)));
    }

    private static int port(String text) {
        if (!PORT.matcher(text).matches()) {
            throw new IllegalArgumentException("port '" + text + "' is not a number");
        }
        int port = Integer.parseInt(text);
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is out of range 0..65535 (0 picks a free port)");
        }
        return port;
    }

    private static InetAddress ipv4(String text) {
        Matcher m = IPV4.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not an IPv4 address");
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            int octet = Integer.parseInt(m.group(i + 1));
            if (octet > 255) {
                throw new IllegalArgumentException("'" + text + "' is not an IPv4 address");
            }
            bytes[i] = (byte) octet;
        }
        return byAddress(bytes);
    }

    private static InetAddress ipv6(String text) {
        if (!IPV6.matcher(text).matches()) {
            throw new IllegalArgumentException("'" + text + "' is not an IPv6 address");
        }
        try {
            // A bracketed literal is parsed, never looked up.
            return InetAddress.getByName("[" + text + "]");
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + text + "' is not an IPv6 address");
        }
    }

    private static InetAddress anyIpv4() {
        return byAddress(new byte[4]);
    }

    private static InetAddress byAddress(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("a 4-byte address is always valid", e);
        }
    }
}
