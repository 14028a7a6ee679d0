package dev.rill.server.config;

import java.util.ArrayList;
import java.util.List;

/**
 * A vhost's {@code http_hooks} block: the URLs called, in order, for each event. Empty lists
 * when the block is absent or {@code enabled} is off (SRS default off).
 */
public record HooksConfig(boolean enabled, List<String> onConnect, List<String> onClose, List<String> onPublish,
                          List<String> onUnpublish, List<String> onPlay, List<String> onStop) {
    public static final HooksConfig DISABLED = new HooksConfig(false, List.of(), List.of(), List.of(), List.of(),
            List.of(), List.of());

    static HooksConfig from(Directive vhost) {
        Directive hooks = vhost == null ? null : vhost.get("http_hooks");
        if (hooks == null || !Values.flag(hooks, "enabled", false)) {
            return DISABLED;
        }
        return new HooksConfig(true, urls(hooks, "on_connect"), urls(hooks, "on_close"), urls(hooks, "on_publish"),
                urls(hooks, "on_unpublish"), urls(hooks, "on_play"), urls(hooks, "on_stop"));
    }

    /** Every URL of every {@code name} directive, in file order (SRS allows several per line). */
    private static List<String> urls(Directive hooks, String name) {
        List<String> out = new ArrayList<>();
        for (Directive d : hooks.getAll(name)) {
            out.addAll(d.args());
        }
        return List.copyOf(out);
    }
}
