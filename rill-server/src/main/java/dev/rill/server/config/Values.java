package dev.rill.server.config;

/**
 * Reads the first argument of a child directive with a default, for a tree that
 * {@link ConfigChecker} has already validated (so parsing cannot fail here).
 */
final class Values {
    private Values() {
    }

    static String text(Directive parent, String name, String fallback) {
        Directive d = parent == null ? null : parent.get(name);
        return d == null ? fallback : d.arg0();
    }

    static boolean flag(Directive parent, String name, boolean fallback) {
        return text(parent, name, fallback ? "on" : "off").equals("on");
    }

    static int integer(Directive parent, String name, int fallback) {
        return Integer.parseInt(text(parent, name, Integer.toString(fallback)));
    }

    static double decimal(Directive parent, String name, double fallback) {
        return Double.parseDouble(text(parent, name, Double.toString(fallback)));
    }
}
