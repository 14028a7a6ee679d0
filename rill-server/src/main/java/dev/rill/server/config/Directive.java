package dev.rill.server.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One node of the config tree: {@code name args;} or {@code name args { children }}. Remembers the
 * file and line it was read from so every later complaint can point at it. Immutable.
 */
public final class Directive {
    private final String name;
    private final List<String> args;
    private final List<Directive> children;
    private final boolean block;
    private final String file;
    private final int line;

    public Directive(String name, List<String> args, List<Directive> children, boolean block,
                     String file, int line) {
        this.name = Objects.requireNonNull(name, "name");
        this.args = List.copyOf(args);
        this.children = List.copyOf(children);
        this.block = block;
        this.file = Objects.requireNonNull(file, "file");
        this.line = line;
    }

    /** A directive written as {@code name args;} (no block). */
    public static Directive simple(String name, List<String> args, String file, int line) {
        return new Directive(name, args, List.of(), false, file, line);
    }

    /** A directive written as {@code name args { ... }}. */
    public static Directive block(String name, List<String> args, List<Directive> children,
                                  String file, int line) {
        return new Directive(name, args, children, true, file, line);
    }

    public String name() {
        return name;
    }

    public List<String> args() {
        return args;
    }

    public List<Directive> children() {
        return children;
    }

    /** True when the directive was written with braces, even empty ones. */
    public boolean isBlock() {
        return block;
    }

    public String file() {
        return file;
    }

    public int line() {
        return line;
    }

    /** {@code file:line}, the prefix of every message about this directive. */
    public String where() {
        return file + ":" + line;
    }

    /** The first child with this name, or null (SRS {@code SrsConfDirective::get}). */
    public Directive get(String childName) {
        for (Directive child : children) {
            if (child.name.equals(childName)) {
                return child;
            }
        }
        return null;
    }

    /** Every child with this name, in file order. */
    public List<Directive> getAll(String childName) {
        List<Directive> found = new ArrayList<>();
        for (Directive child : children) {
            if (child.name.equals(childName)) {
                found.add(child);
            }
        }
        return found;
    }

    /** The first argument, or the empty string when there is none (as SRS does). */
    public String arg0() {
        return args.isEmpty() ? "" : args.get(0);
    }

    /** A copy with other children, keeping name, args, place and block form. */
    public Directive withChildren(List<Directive> newChildren) {
        return new Directive(name, args, newChildren, block, file, line);
    }

    /** The name and args as written, e.g. {@code listen 1935}. */
    public String text() {
        return args.isEmpty() ? name : name + " " + String.join(" ", args);
    }

    @Override
    public String toString() {
        return where() + ": " + text() + (block ? " {" + children.size() + "}" : ";");
    }
}
