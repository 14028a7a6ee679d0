package dev.rill.server.config;

import java.util.ArrayList;
import java.util.List;

/**
 * A vhost's {@code refer} block: the pageUrl domains allowed for every client ({@code all}), for
 * publishers and for players. An absent list allows everyone; SRS default: disabled.
 */
public record ReferConfig(boolean enabled, List<String> all, List<String> publish, List<String> play) {
    public static final ReferConfig DISABLED = new ReferConfig(false, List.of(), List.of(), List.of());

    static ReferConfig from(Directive vhost) {
        Directive refer = vhost == null ? null : vhost.get("refer");
        if (refer == null) {
            return DISABLED;
        }
        return new ReferConfig(Values.flag(refer, "enabled", false), domains(refer, "all"), domains(refer, "publish"),
                domains(refer, "play"));
    }

    private static List<String> domains(Directive refer, String name) {
        List<String> out = new ArrayList<>();
        for (Directive d : refer.getAll(name)) {
            out.addAll(d.args());
        }
        return List.copyOf(out);
    }
}
