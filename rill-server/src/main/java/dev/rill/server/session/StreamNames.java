package dev.rill.server.session;

/**
 * Which app and stream names a client may use. Names become paths (HLS playlists and segments,
 * recordings) and log text, so the gate refuses, for every protocol, a name that could leave its
 * directory or break a line: an empty name, a {@code .} or {@code ..} segment, a backslash, a
 * control character, a slash in a stream name (an app may have slashes between non-empty
 * segments, as {@code live/sub}), or more than {@link #MAX_LENGTH} characters.
 */
public final class StreamNames {
    /** Longer names are refused: a file name holds 255 bytes, and segment names add to it. */
    public static final int MAX_LENGTH = 200;

    private StreamNames() {
    }

    /** Why {@code app} and {@code stream} are refused, or null when both are fine. */
    public static String problem(String app, String stream) {
        String why = problem("app", app, true);
        return why != null ? why : problem("stream", stream, false);
    }

    private static String problem(String what, String name, boolean slashes) {
        if (name == null || name.isEmpty()) {
            return "empty " + what + " name";
        }
        if (name.length() > MAX_LENGTH) {
            return what + " name of " + name.length() + " characters (at most " + MAX_LENGTH + ")";
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return what + " name with control character " + String.format("0x%02x", (int) c);
            }
            if (c == '\\') {
                return what + " name with a backslash";
            }
            if (c == '/' && !slashes) {
                return what + " name with a slash";
            }
        }
        for (String segment : name.split("/", -1)) {
            if (segment.isEmpty()) {
                return what + " name with an empty path segment";
            }
            if (segment.equals(".") || segment.equals("..")) {
                return what + " name with a '" + segment + "' segment";
            }
        }
        return null;
    }
}
