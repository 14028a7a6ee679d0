package dev.rill.server.log;

/**
 * Text from outside (a client's tcUrl, a stream name, a hook server's reply) made safe to log: control
 * characters are escaped, so one line stays one line and a terminal sees no escape sequences, and
 * the length is capped, so a client cannot grow the log by sending long strings.
 */
public final class LoggedText {
    /** The most characters of one client-supplied value a log line shows. */
    public static final int MAX_VALUE = 256;
    /** The most characters of one whole log message. */
    public static final int MAX_MESSAGE = 4096;

    private LoggedText() {
    }

    /** {@code text} escaped and cut after {@link #MAX_VALUE} characters. */
    public static String of(CharSequence text) {
        return bounded(text, MAX_VALUE);
    }

    /** {@code text} with control characters escaped ({@code \n}, {@code \xNN}) and cut after {@code max}. */
    public static String bounded(CharSequence text, int max) {
        if (text == null) {
            return "null";
        }
        int length = text.length();
        if (length <= max && clean(text)) {
            return text.toString();
        }
        StringBuilder out = new StringBuilder(Math.min(length, max) + 32);
        int i = 0;
        for (; i < length && out.length() < max; i++) {
            escape(text.charAt(i), out);
        }
        if (i < length) {
            out.append("...(").append(length - i).append(" more chars)");
        }
        return out.toString();
    }

    private static boolean clean(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return false;
            }
        }
        return true;
    }

    private static void escape(char c, StringBuilder out) {
        switch (c) {
            case '\n' -> out.append("\\n");
            case '\r' -> out.append("\\r");
            case '\t' -> out.append("\\t");
            default -> {
                if (c < 0x20 || c == 0x7f) {
                    out.append(String.format("\\x%02x", (int) c));
                } else {
                    out.append(c);
                }
            }
        }
    }
}
