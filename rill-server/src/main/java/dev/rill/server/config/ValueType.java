package dev.rill.server.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/** The kind of value a directive argument holds, and how to tell a bad one. */
interface ValueType {
    /** Null when {@code value} is acceptable, else why not (e.g. "takes on or off, not 'yes'"). */
    String problem(String value);

    Pattern INTEGER = Pattern.compile("-?[0-9]+");
    Pattern DECIMAL = Pattern.compile("-?[0-9]+(\\.[0-9]+)?|-?\\.[0-9]+");

    /** {@code on} or {@code off}. SRS reads anything else as a default; Rill refuses it. */
    ValueType FLAG = value -> value.equals("on") || value.equals("off")
            ? null : "takes on or off, not '" + value + "'";

    /** Any non-empty text. */
    ValueType TEXT = value -> value.isEmpty() ? "takes a non-empty value" : null;

    /** A file system path. */
    ValueType PATH = value -> {
        if (value.isEmpty()) {
            return "takes a non-empty path";
        }
        try {
            Path.of(value);
            return null;
        } catch (InvalidPathException e) {
            return "takes a path, not '" + value + "': " + e.getReason();
        }
    };

    /** A listen endpoint: {@code port}, {@code ip:port} or {@code [ipv6]:port}. */
    ValueType ENDPOINT = value -> {
        try {
            ListenEndpoint.parse(value);
            return null;
        } catch (IllegalArgumentException e) {
            return "takes port, ip:port or [ipv6]:port, not '" + value + "': " + e.getMessage();
        }
    };

    /** An upstream server: {@code host}, {@code host:port} or {@code [ipv6]:port} (port 1935 by default). */
    ValueType HOST_PORT = value -> {
        try {
            HostPort.parse(value);
            return null;
        } catch (IllegalArgumentException e) {
            return "takes host, host:port or [ipv6]:port, not '" + value + "': " + e.getMessage();
        }
    };

    /** An http:// or https:// URL (hook and heartbeat targets). */
    ValueType URL = value -> {
        try {
            java.net.URI uri = new java.net.URI(value);
            boolean http = "http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme());
            return http && uri.getHost() != null ? null : "takes an http:// or https:// URL, not '" + value + "'";
        } catch (java.net.URISyntaxException e) {
            return "takes an http:// or https:// URL, not '" + value + "': " + e.getReason();
        }
    };

    /** An {@code allow_origin} entry: {@code *} or an origin, {@code [http://|https://]host[:port]}. */
    ValueType ORIGIN = value -> {
        try {
            WebOrigin.parseAllowed(value);
            return null;
        } catch (IllegalArgumentException e) {
            return "takes * or an origin as http://host:port, not '" + value + "'";
        }
    };

    /** A word of a security rule: publish, play, all, an IP address or an IPv4 CIDR block. */
    ValueType SECURITY_WORD = value -> value.equals("publish") || value.equals("play") || value.equals("all")
            || IpMatch.isAddressOrCidr(value)
            ? null : "takes publish|play then all, an IP or a CIDR block, not '" + value + "'";

    /** A whole number within {@code min..max}. */
    static ValueType integer(long min, long max) {
        return value -> {
            if (!INTEGER.matcher(value).matches()) {
                return "takes a whole number, not '" + value + "'";
            }
            if (value.length() > 18) {
                return value + " is out of range " + min + ".." + max;
            }
            long n = Long.parseLong(value);
            return n < min || n > max ? n + " is out of range " + min + ".." + max : null;
        };
    }

    /** A decimal number of at least {@code min}. */
    static ValueType decimalAtLeast(double min) {
        return value -> {
            if (!DECIMAL.matcher(value).matches()) {
                return "takes a number, not '" + value + "'";
            }
            double d = Double.parseDouble(value);
            return d < min ? value + " is below the minimum " + min : null;
        };
    }

    /** One of a fixed list of words. */
    static ValueType oneOf(String... words) {
        List<String> allowed = List.of(words);
        return value -> allowed.contains(value)
                ? null : "takes one of " + String.join("|", allowed) + ", not '" + value + "'";
    }
}
