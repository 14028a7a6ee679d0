package dev.rill.server.config;

/**
 * What Rill accepts for one directive it implements: how many arguments, of what type, whether it
 * is a block (whose children are checked in context {@code blockContext}), and whether it may be
 * given more than once in the same block.
 */
record DirectiveRule(String name, int minArgs, int maxArgs, ValueType type, String blockContext,
                     boolean repeatable) {

    /** {@code name VALUE;}, at most once per block. */
    static DirectiveRule value(String name, ValueType type) {
        return new DirectiveRule(name, 1, 1, type, null, false);
    }

    /** {@code name VALUE...;}, any number of values and directives. */
    static DirectiveRule values(String name, ValueType type) {
        return new DirectiveRule(name, 1, Integer.MAX_VALUE, type, null, true);
    }

    /** {@code name A B;}, exactly two values, any number of directives (security rules). */
    static DirectiveRule pair(String name, ValueType type) {
        return new DirectiveRule(name, 2, 2, type, null, true);
    }

    /** {@code name { ... }} without arguments, at most once per block. */
    static DirectiveRule section(String name, String context) {
        return new DirectiveRule(name, 0, 0, ValueType.TEXT, context, false);
    }

    /** {@code name ARG { ... }}, repeatable (e.g. one per vhost). */
    static DirectiveRule namedSection(String name, String context) {
        return new DirectiveRule(name, 1, 1, ValueType.TEXT, context, true);
    }

    boolean isBlock() {
        return blockContext != null;
    }

    String arity() {
        if (minArgs == maxArgs) {
            return minArgs + (minArgs == 1 ? " argument" : " arguments");
        }
        return "at least " + minArgs + (minArgs == 1 ? " argument" : " arguments");
    }
}
