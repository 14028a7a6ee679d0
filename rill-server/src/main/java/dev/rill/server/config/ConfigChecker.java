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
 * (block or not, arity, value type and range), SRS directives Rill does not implement yet give one
 * warning each (the blocks of SRS 3 features are checked by name, {@link SrsFeatureBlocks}), and
 * anything else is an error. As in SRS, a directive given twice is read from its first place (the
 * later ones are checked, then left out of the checked tree) and arguments past those a directive
 * takes are dropped; both are warned about. All errors are gathered and thrown together, one
 * {@code file:line: ...} per line.
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
        return check(parsed, List.of());
    }

    /** Checks {@code parsed}; {@code parseWarnings} (from reading it) come first in the result. */
    static Result check(Directive parsed, List<String> parseWarnings) {
        ConfigChecker checker = new ConfigChecker();
        checker.warnings.addAll(parseWarnings);
        Directive root = LegacyVhostTransform.apply(parsed, checker.warnings, checker.errors);
        root = checker.block(root, DirectiveTable.ROOT);
        checker.uniqueListens(root);
        if (!checker.errors.isEmpty()) {
            throw new RillException(ErrorCode.CONFIG_INVALID, String.join("\n", checker.errors));
        }
        return new Result(root, List.copyOf(checker.warnings));
    }

    /**
     * Checks the children of {@code block} and answers it without the directives SRS does not read:
     * the second and later of a directive given twice ({@code vhost NAME} once per name), which are
     * still checked, as SRS checks every directive of a vhost.
     */
    private Directive block(Directive block, String context) {
        Map<String, Directive> seen = new HashMap<>();
        List<Directive> kept = new ArrayList<>();
        for (Directive d : block.children()) {
            DirectiveRule rule = DirectiveTable.rule(context, d.name());
            if (rule == null) {
                notImplemented(d, context);
                if (context.equals(DirectiveTable.VHOST) && d.name().equals("ingest")) {
                    uniqueIngest(block, d, seen);
                }
                kept.add(d);
                continue;
            }
            String key = rule.repeatable() ? null : rule.named() ? d.name() + " " + d.arg0() : d.name();
            Directive first = key == null ? null : seen.putIfAbsent(key, d);
            if (first != null) {
                duplicate(d, first, rule.named() ? d.name() + " '" + d.arg0() + "'"
                        : "'" + d.name() + "' in '" + context + "'");
            }
            Directive checked = directive(d, rule, context);
            if (first == null) {
                kept.add(checked);
            }
        }
        return block.withChildren(kept);
    }

    /** SRS 3 refuses a vhost with two ingests of one id; so does Rill, though it does not ingest yet. */
    private void uniqueIngest(Directive vhost, Directive ingest, Map<String, Directive> seen) {
        Directive first = seen.putIfAbsent("ingest " + ingest.arg0(), ingest);
        if (first != null) {
            errors.add(ingest.where() + ": ingest id '" + ingest.arg0() + "' is given twice in vhost '"
                    + vhost.arg0() + "' (first at " + first.where() + "); SRS refuses this too");
        }
    }

    /** SRS reads the first of a directive given twice ({@code SrsConfDirective::get}); so does Rill. */
    private void duplicate(Directive again, Directive first, String what) {
        warnings.add(again.where() + ": duplicate " + what + " is ignored; the first, at " + first.where()
                + ", is used (as SRS does)");
    }

    private void notImplemented(Directive d, String context) {
        if (!DirectiveTable.srsOnly(context, d.name())) {
            errors.add(d.where() + ": unknown directive '" + d.name() + "' in '" + context + "'");
            return;
        }
        SrsFeatureBlocks.Block feature = SrsFeatureBlocks.child(context, d.name());
        if (feature == null || !d.isBlock()) {
            warnings.add(d.where() + ": '" + d.name()
                    + "' is an SRS directive Rill does not implement yet; ignored");
            return;
        }
        warnings.add(d.where() + ": '" + d.text() + "': " + feature.feature() + " is not served by Rill yet;"
                + " the block is checked against SRS 3's directives and otherwise ignored");
        featureBlock(d, SrsFeatureBlocks.path(context, d.name()), feature);
    }

    /** The contents of an SRS feature block Rill does not serve, checked by name as SRS 3 does. */
    private void featureBlock(Directive block, String context, SrsFeatureBlocks.Block rules) {
        for (Directive d : block.children()) {
            if (!rules.names().contains(d.name())) {
                String message = d.where() + ": unknown directive '" + d.name() + "' in '" + context
                        + "' (SRS 3 knows " + rules.known() + ")";
                if (rules.srsChecks()) {
                    errors.add(message);
                } else {
                    warnings.add(message + "; SRS 3 does not check this block, so neither does Rill");
                }
                continue;
            }
            SrsFeatureBlocks.Block inner = SrsFeatureBlocks.child(context, d.name());
            if (inner != null && d.isBlock()) {
                featureBlock(d, SrsFeatureBlocks.path(context, d.name()), inner);
            }
        }
    }

    /** Checks one directive Rill implements; answers it with its block's children checked. */
    private Directive directive(Directive d, DirectiveRule rule, String context) {
        List<String> taken = d.args();
        int n = taken.size();
        if (n > rule.maxArgs() && (rule.maxArgs() > 0 || rule.isBlock())) {
            taken = taken.subList(0, rule.maxArgs());
            extraArguments(d, rule, context, taken);
        } else if (n < rule.minArgs() || n > rule.maxArgs()) {
            errors.add(d.where() + ": '" + d.name() + "' takes " + rule.arity() + ", got " + n);
            taken = List.of();
        }
        for (String arg : taken) {
            String problem = rule.type().problem(arg);
            if (problem != null) {
                errors.add(d.where() + ": '" + d.name() + "' " + problem + missingSemicolon(context, List.of(arg)));
            }
        }
        if (rule.isBlock() && !d.isBlock()) {
            errors.add(d.where() + ": '" + d.name() + "' must be a block: '" + d.text() + " { ... }'");
        } else if (rule.isBlock()) {
            return block(d, rule.blockContext());
        } else if (d.isBlock()) {
            errors.add(d.where() + ": '" + d.name() + "' takes no block; write '" + d.name() + " VALUE;'");
        }
        return d;
    }

    /**
     * SRS reads only the arguments it needs and drops the rest without a word, so
     * {@code tcp_nodelay on min_latency on;} (a lost ';') silently loses min_latency there too.
     */
    private void extraArguments(Directive d, DirectiveRule rule, String context, List<String> taken) {
        List<String> dropped = d.args().subList(taken.size(), d.args().size());
        String what = taken.isEmpty() ? "no arguments: '" + String.join(" ", dropped) + "' is ignored"
                : rule.arity() + ": '" + String.join(" ", taken) + "' is taken and '" + String.join(" ", dropped)
                        + "' ignored";
        warnings.add(d.where() + ": '" + d.name() + "' takes " + what + ", as SRS does"
                + missingSemicolon(context, dropped));
    }

    /** A hint when one of {@code words} is a directive of {@code context}: a lost ';' made it an argument. */
    private static String missingSemicolon(String context, List<String> words) {
        for (String word : words) {
            if (DirectiveTable.rule(context, word) != null || DirectiveTable.srsOnly(context, word)) {
                return "; a ';' may be missing before '" + word + "', which is not read as a directive";
            }
        }
        return "";
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
