package dev.rill.server.config;

/**
 * What Rill accepts for one directive it implements: how many arguments, of what type, whether it
 * is a block (whose children are checked in context {@code blockContext}), and whether every one
 * given in a block counts ({@code repeatable}). SRS reads the first of a directive given twice, so
 * only the security rules and Rill's own lists are repeatable; a named block ({@code vhost NAME}) is read once per name.
 */
record DirectiveRule(String name, int minArgs, int maxArgs, ValueType type, String blockContext,
                     boolean repeatable) {

    /** {@code name VALUE;}, at most once per block. */
    static DirectiveRule value(String name, ValueType type) {
        return new DirectiveRule(name, 1, 1, type, null, false);
    }

    /** {@code name VALUE...;}, any number of values, at most once per block. */
    static DirectiveRule values(String name, ValueType type) {
        return new DirectiveRule(name, 1, Integer.MAX_VALUE, type, null, false);
    }

    /** {@code name VALUE...;}, any number of values and of directives, all counted (Rill's lists). */
    static DirectiveRule list(String name, ValueType type) {
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

    /** {@code name ARG { ... }}, at most once per ARG (one per vhost name). */
    static DirectiveRule namedSection(String name, String context) {
        return new DirectiveRule(name, 1, 1, ValueType.TEXT, context, false);
    }

    boolean isBlock() {
        return blockContext != null;
    }

    /** A block told apart by its argument ({@code vhost NAME}), so given once per argument. */
    boolean named() {
        return isBlock() && maxArgs == 1;
    }

    String arity() {
        if (minArgs == maxArgs) {
            return minArgs + (minArgs == 1 ? " argument" : " arguments");
        }
        return "at least " + minArgs + (minArgs == 1 ? " argument" : " arguments");
    }
}
