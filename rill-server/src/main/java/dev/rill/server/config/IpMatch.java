package dev.rill.server.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * IP address literals and IPv4 CIDR blocks as security rules write them ({@code 10.0.0.1},
 * {@code 10.0.0.0/8}, {@code ::1}). Never resolves names: only literals are accepted.
 */
public final class IpMatch {
    private static final Pattern IPV4 = Pattern.compile(
            "(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");

    private IpMatch() {
    }

    /** True for an IPv4 or IPv6 literal, or an IPv4 block {@code a.b.c.d/n} with n in 0..32. */
    public static boolean isAddressOrCidr(String value) {
        int slash = value.indexOf('/');
        if (slash < 0) {
            return literal(value) != null;
        }
        String prefix = value.substring(slash + 1);
        return IPV4.matcher(value.substring(0, slash)).matches() && prefix.matches("[0-9]{1,2}")
                && Integer.parseInt(prefix) <= 32;
    }

    /**
     * Whether {@code ip} (a literal) is {@code rule}: the same address, or inside the rule's IPv4
     * block. A rule or ip that is not a literal never matches.
     */
    public static boolean matches(String rule, String ip) {
        InetAddress client = literal(ip);
        if (client == null) {
            return false;
        }
        int slash = rule.indexOf('/');
        if (slash < 0) {
            InetAddress r = literal(rule);
            return r != null && r.equals(client);
        }
        if (!isAddressOrCidr(rule) || client.getAddress().length != 4) {
            return false;
        }
        int bits = Integer.parseInt(rule.substring(slash + 1));
        int mask = bits == 0 ? 0 : -1 << (32 - bits);
        return (toInt(literal(rule.substring(0, slash)).getAddress()) & mask) == (toInt(client.getAddress()) & mask);
    }

    private static InetAddress literal(String value) {
        if (!IPV4.matcher(value).matches() && !IPV6.matcher(value).matches()) {
            return null;
        }
        try {
            return InetAddress.getByName(value);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static int toInt(byte[] b) {
        return ((b[0] & 0xFF) << 24) | ((b[1] & 0xFF) << 16) | ((b[2] & 0xFF) << 8) | (b[3] & 0xFF);
    }
}
