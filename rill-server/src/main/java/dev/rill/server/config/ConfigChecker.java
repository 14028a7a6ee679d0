package dev.rill.server.config;

import dev.rill.codec.ErrorCode;
import dev.rill.codec.RillException;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks a parsed tree as a whole against {@link DirectiveTable}: Rill's directives are validated
 * (block or not, arity, value type and range, no duplicates), SRS directives Rill does not
 * implement yet give one warning each (an SRS-only block is not looked into), and anything else is
 * an error. All errors are gathered and thrown together, one {@code file:line: ...} per line.
 */
final class ConfigChecker {
    /** The checked tree (with SRS 2 vhost spellings moved into place) and the warnings. */
    record Result(Directive root, List<String> warnings) {
    }

    private final List<String> warnings = new ArrayList<>();
    private final List<String> errors = new ArrayList<>();

    private ConfigChecker() {
    }

    static Result check(Directive parsed) {
        ConfigChecker checker = new ConfigChecker();
        Directive root = LegacyVhostTransform.apply(parsed, checker.warnings, checker.errors);
        checker.block(root, DirectiveTable.ROOT);
        checker.uniqueVhosts(root);
        checker.uniqueListens(root);
        if (!checker.errors.isEmpty()) {
            throw new RillException(ErrorCode.CONFIG_INVALID, String.join("\n", checker.errors));
        }
        return new Result(root, List.copyOf(checker.warnings));
    }

    private void block(Directive block, String context) {
        Map<String, Directive> seen = new HashMap<>();
        for (Directive d : block.children()) {
            DirectiveRule rule = DirectiveTable.rule(context, d.name());
            if (rule == null) {
                if (DirectiveTable.srsOnly(context, d.name())) {
                    warnings.add(d.where() + ": '" + d.name()
                            + "' is an SRS directive Rill does not implement yet; ignored");
                } else {
                    errors.add(d.where() + ": unknown directive '" + d.name() + "' in '" + context + "'");
                }
                continue;
            }
            Directive first = rule.repeatable() ? null : seen.putIfAbsent(d.name(), d);
            if (first != null) {
                errors.add(d.where() + ": duplicate '" + d.name() + "' in '" + context
                        + "' (first at " + first.where() + ")");
            }
            directive(d, rule);
        }
    }

    private void directive(Directive d, DirectiveRule rule) {
        int n = d.args().size();
        if (n < rule.minArgs() || n > rule.maxArgs()) {
            errors.add(d.where() + ": '" + d.name() + "' takes " + rule.arity() + ", got " + n);
        } else {
            for (String arg : d.args()) {
                String problem = rule.type().problem(arg);
                if (problem != null) {
                    errors.add(d.where() + ": '" + d.name() + "' " + problem);
                }
            }
        }
        if (rule.isBlock() && !d.isBlock()) {
            errors.add(d.where() + ": '" + d.name() + "' must be a block: '" + d.text() + " { ... }'");
        } else if (rule.isBlock()) {
            block(d, rule.blockContext());
        } else if (d.isBlock()) {
            errors.add(d.where() + ": '" + d.name() + "' takes no block; write '" + d.name() + " VALUE;'");
        }
    }

    private void uniqueVhosts(Directive root) {
        Map<String, Directive> seen = new HashMap<>();
        for (Directive vhost : root.getAll("vhost")) {
            Directive first = seen.putIfAbsent(vhost.arg0(), vhost);
            if (first != null) {
                errors.add(vhost.where() + ": duplicate vhost '" + vhost.arg0() + "' (first at "
                        + first.where() + ")");
            }
        }
    }

    private void uniqueListens(Directive root) {
        Map<InetSocketAddress, Directive> seen = new HashMap<>();
        for (Directive listen : root.getAll("listen")) {
            for (String arg : listen.args()) {
                if (ValueType.ENDPOINT.problem(arg) != null) {
                    continue;
                }
                Directive first = seen.putIfAbsent(ListenEndpoint.parse(arg), listen);
                if (first != null) {
                    errors.add(listen.where() + ": 'listen' " + arg + " is already listened on (at "
                            + first.where() + ")");
                }
            }
        }
    }
}
