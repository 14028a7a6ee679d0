package dev.rill.server.config;

import java.util.ArrayList;
import java.util.List;

/**
 * A vhost's {@code security} block: {@code allow|deny publish|play all|IP|CIDR;} rules in file
 * order. SRS default: disabled, which allows everyone.
 */
public record SecurityConfig(boolean enabled, List<Rule> rules) {
    public static final SecurityConfig DISABLED = new SecurityConfig(false, List.of());

    /**
     * @param allow  true for {@code allow}, false for {@code deny}
     * @param action {@code publish} or {@code play}
     * @param target {@code all}, an IP or an IPv4 CIDR block
     * @param where  file:line, named when the rule denies someone
     */
    public record Rule(boolean allow, String action, String target, String where) {
        @Override
        public String toString() {
            return (allow ? "allow " : "deny ") + action + " " + target + " (" + where + ")";
        }
    }

    static SecurityConfig from(Directive vhost) {
        Directive sec = vhost == null ? null : vhost.get("security");
        if (sec == null) {
            return DISABLED;
        }
        List<Rule> rules = new ArrayList<>();
        for (Directive d : sec.children()) {
            if (d.name().equals("allow") || d.name().equals("deny")) {
                rules.add(new Rule(d.name().equals("allow"), d.args().get(0), d.args().get(1), d.where()));
            }
        }
        return new SecurityConfig(Values.flag(sec, "enabled", false), List.copyOf(rules));
    }
}
