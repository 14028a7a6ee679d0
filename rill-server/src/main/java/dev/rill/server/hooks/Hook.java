package dev.rill.server.hooks;

/** The HTTP callbacks SRS 3 defines, by their config name and {@code action} value. */
public enum Hook {
    ON_CONNECT("on_connect", true),
    ON_CLOSE("on_close", false),
    ON_PUBLISH("on_publish", true),
    ON_UNPUBLISH("on_unpublish", false),
    ON_PLAY("on_play", true),
    ON_STOP("on_stop", false);

    private final String action;
    private final boolean gate;

    Hook(String action, boolean gate) {
        this.action = action;
        this.gate = gate;
    }

    public String action() {
        return action;
    }

    /** Whether the client waits for this hook and is refused unless it allows. */
    public boolean isGate() {
        return gate;
    }
}
