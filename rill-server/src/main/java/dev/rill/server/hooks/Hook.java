package dev.rill.server.hooks;

/**
 * The HTTP callbacks SRS 3 defines, by their config name and {@code action} value. The client
 * waits for on_connect, on_publish and on_play ({@link HookCaller#gate}); the others are sent for
 * the record ({@link HookCaller#notify}).
 */
public enum Hook {
    ON_CONNECT("on_connect"),
    ON_CLOSE("on_close"),
    ON_PUBLISH("on_publish"),
    ON_UNPUBLISH("on_unpublish"),
    ON_PLAY("on_play"),
    ON_STOP("on_stop");

    private final String action;

    Hook(String action) {
        this.action = action;
    }

    public String action() {
        return action;
    }
}
