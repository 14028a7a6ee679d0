package dev.rill.server.security;

import dev.rill.server.config.IpMatch;
import dev.rill.server.config.ReferConfig;
import dev.rill.server.config.SecurityConfig;
import java.util.List;
import java.util.Locale;

/**
 * Who may publish or play: a vhost's {@code security} rules (SrsSecurity) and its {@code refer}
 * domains (SrsRefer). Each check answers null to allow, or the reason a client is denied,
 * naming the rule.
 */
public final class AccessRules {
    private AccessRules() {
    }

    /**
     * SRS's order: any matching {@code deny} denies; then a matching {@code allow} allows; with no
     * match, the client is denied when there are allow rules or no rules at all, and allowed when
     * there are only deny rules.
     */
    public static String checkSecurity(SecurityConfig security, boolean publish, String ip) {
        if (!security.enabled()) {
            return null;
        }
        String action = publish ? "publish" : "play";
        for (SecurityConfig.Rule rule : security.rules()) {
            if (!rule.allow() && rule.action().equals(action) && matches(rule.target(), ip)) {
                return "denied by rule " + rule;
            }
        }
        int allowRules = 0;
        for (SecurityConfig.Rule rule : security.rules()) {
            if (rule.allow()) {
                allowRules++;
                if (rule.action().equals(action) && matches(rule.target(), ip)) {
                    return null;
                }
            }
        }
        if (allowRules > 0 || security.rules().isEmpty()) {
            return "not allowed by any of " + allowRules + " allow rules for " + action + " from " + ip;
        }
        return null;
    }

    /** The {@code all} domains, checked at connect as SRS does. */
    public static String checkReferAll(ReferConfig refer, String pageUrl) {
        return refer.enabled() ? checkDomains("refer all", refer.all(), pageUrl) : null;
    }

    /** The {@code publish} or {@code play} domains, checked when the client asks for a stream. */
    public static String checkReferStream(ReferConfig refer, boolean publish, String pageUrl) {
        if (!refer.enabled()) {
            return null;
        }
        return checkDomains(publish ? "refer publish" : "refer play", publish ? refer.publish() : refer.play(), pageUrl);
    }

    /**
     * Whether {@code pageUrl}'s host is one of {@code domains} or under one. An empty list allows
     * everyone. Unlike SRS's bare suffix test, a domain matches only at a dot, so
     * {@code evilexample.com} is not under {@code example.com}.
     */
    static String checkDomains(String what, List<String> domains, String pageUrl) {
        if (domains.isEmpty()) {
            return null;
        }
        String host = host(pageUrl);
        for (String domain : domains) {
            String d = domain.toLowerCase(Locale.ROOT);
            if (host != null && (host.equals(d) || host.endsWith(d.startsWith(".") ? d : "." + d))) {
                return null;
            }
        }
        return "pageUrl '" + pageUrl + "' is not under " + what + " " + String.join(" ", domains);
    }

    private static String host(String pageUrl) {
        int scheme = pageUrl.indexOf("//");
        if (scheme < 0) {
            return null;
        }
        String rest = pageUrl.substring(scheme + 2);
        int end = rest.length();
        for (char c : new char[] {'/', '?', '#'}) {
            int i = rest.indexOf(c);
            if (i >= 0 && i < end) {
                end = i;
            }
        }
        String hostPort = rest.substring(0, end);
        int at = hostPort.lastIndexOf('@');
        hostPort = hostPort.substring(at + 1);
        int colon = hostPort.lastIndexOf(':');
        String host = colon >= 0 && !hostPort.endsWith("]") ? hostPort.substring(0, colon) : hostPort;
        return host.toLowerCase(Locale.ROOT);
    }

    private static boolean matches(String target, String ip) {
        return target.equals("all") || target.equals(ip) || IpMatch.matches(target, ip);
    }
}
