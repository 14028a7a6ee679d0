package dev.rill.server.hooks;

/** How one call to a hook URL ended; a bounded set, so it can label a metric. */
public enum HookOutcome {
    /** HTTP 200 or 201 with body {@code 0} or a JSON object whose {@code code} is 0. */
    ALLOW,
    /** The server answered 200 or 201 but with another code or body. */
    DENY,
    /** Another status, an unreadable answer, or the server could not be reached. */
    ERROR,
    /** No whole answer within the timeout. */
    TIMEOUT;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
