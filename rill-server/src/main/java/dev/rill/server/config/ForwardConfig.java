package dev.rill.server.config;

import java.util.ArrayList;
import java.util.List;

/**
 * A vhost's {@code forward { enabled; destination HOST:PORT ...; }}: every stream published on the
 * vhost is pushed to each destination, same app and stream (SRS's forward). Default off, none.
 */
public record ForwardConfig(boolean enabled, List<HostPort> destinations) {
    public static final ForwardConfig OFF = new ForwardConfig(false, List.of());

    public ForwardConfig {
        destinations = List.copyOf(destinations);
    }

    /** True when streams of the vhost are pushed anywhere. */
    public boolean active() {
        return enabled && !destinations.isEmpty();
    }

    static ForwardConfig from(Directive forward) {
        if (forward == null) {
            return OFF;
        }
        return new ForwardConfig(Values.flag(forward, "enabled", false), hostPorts(forward, "destination"));
    }

    /** Every argument of every {@code name} directive in {@code parent}, in order. */
    static List<HostPort> hostPorts(Directive parent, String name) {
        List<HostPort> out = new ArrayList<>();
        if (parent != null) {
            for (Directive d : parent.getAll(name)) {
                for (String arg : d.args()) {
                    out.add(HostPort.parse(arg));
                }
            }
        }
        return out;
    }
}
