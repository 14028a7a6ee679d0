package dev.rill.server.http.stream;

import dev.rill.server.config.HttpRemuxConfig;
import dev.rill.server.config.RillConfig;
import dev.rill.server.config.VhostConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code http_remux} mounts of every enabled vhost of one config. A request is tried against
 * the mounts bound to its Host first, then the rest, as SRS's mux prefers host patterns.
 */
public final class Mounts {
    private final RillConfig config;
    private final List<MountTemplate> templates;

    private Mounts(RillConfig config, List<MountTemplate> templates) {
        this.config = config;
        this.templates = templates;
    }

    public static Mounts of(RillConfig config) {
        List<MountTemplate> out = new ArrayList<>();
        for (VhostConfig vhost : config.vhosts()) {
            HttpRemuxConfig remux = config.httpRemux(vhost.name());
            if (vhost.enabled() && remux.enabled()) {
                out.add(new MountTemplate(vhost.name(), remux.mount()));
            }
        }
        return new Mounts(config, List.copyOf(out));
    }

    public RillConfig config() {
        return config;
    }

    public List<MountTemplate> templates() {
        return templates;
    }

    /** A mount and what it names, for a request to {@code host} (no port) and {@code path} (decoded). */
    public record Found(MountTemplate mount, MountTemplate.Match match) {
    }

    public Found find(String host, String path) {
        for (MountTemplate t : templates) {
            if (t.vhost().equalsIgnoreCase(host)) {
                MountTemplate.Match m = t.match(host, path);
                if (m != null) {
                    return new Found(t, m);
                }
            }
        }
        for (MountTemplate t : templates) {
            MountTemplate.Match m = t.match(host, path);
            if (m != null) {
                return new Found(t, m);
            }
        }
        return null;
    }

    /** The mount serving {@code vhost} in {@code format}, or null. */
    public MountTemplate forVhost(String vhost, StreamFormat format) {
        for (MountTemplate t : templates) {
            if (t.vhost().equals(vhost) && t.format() == format) {
                return t;
            }
        }
        return null;
    }
}
