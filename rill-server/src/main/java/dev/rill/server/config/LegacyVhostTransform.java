package dev.rill.server.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Moves the SRS 1/2 vhost-level spellings into the SRS 3 sections, as SRS's
 * {@code srs_config_transform_vhost} does: {@code vhost { gop_cache on; }} is read as
 * {@code vhost { play { gop_cache on; } }}, {@code publish_1stpkt_timeout} as
 * {@code publish.firstpkt_timeout}, {@code mr { enabled; latency; }} as {@code publish.mr} and
 * {@code publish.mr_latency}. Like SRS, a moved value replaces the same directive already in the
 * section. Moved directives keep their own file and line; each move is reported as a warning.
 */
final class LegacyVhostTransform {
    private static final Set<String> PLAY_SHADOWS = Set.of("time_jitter", "mix_correct", "atc",
            "atc_auto", "mw_latency", "gop_cache", "queue_length", "send_min_interval",
            "reduce_sequence_header");
    private static final Map<String, String> PUBLISH_RENAMES = Map.of(
            "publish_1stpkt_timeout", "firstpkt_timeout",
            "publish_normal_timeout", "normal_timeout",
            "mr_latency", "mr_latency");
    private static final Map<String, String> MR_BLOCK_RENAMES = Map.of(
            "enabled", "mr",
            "latency", "mr_latency");

    private final List<String> warnings;
    private final List<String> errors;

    private LegacyVhostTransform(List<String> warnings, List<String> errors) {
        this.warnings = warnings;
        this.errors = errors;
    }

    /** The root with every vhost rewritten; appends to {@code warnings} and {@code errors}. */
    static Directive apply(Directive root, List<String> warnings, List<String> errors) {
        LegacyVhostTransform transform = new LegacyVhostTransform(warnings, errors);
        List<Directive> children = new ArrayList<>();
        for (Directive child : root.children()) {
            boolean vhost = child.name().equals("vhost") && child.isBlock();
            children.add(vhost ? transform.vhost(child) : child);
        }
        return root.withChildren(children);
    }

    private Directive vhost(Directive vhost) {
        List<Directive> kept = new ArrayList<>();
        List<Directive> toPlay = new ArrayList<>();
        List<Directive> toPublish = new ArrayList<>();
        for (Directive child : vhost.children()) {
            String name = child.name();
            if (PLAY_SHADOWS.contains(name)) {
                toPlay.add(child);
                moved(child, name, "play." + name);
            } else if (PUBLISH_RENAMES.containsKey(name)) {
                toPublish.add(renamed(child, PUBLISH_RENAMES.get(name)));
                moved(child, name, "publish." + PUBLISH_RENAMES.get(name));
            } else if (name.equals("mr")) {
                toPublish.addAll(mr(child));
            } else {
                kept.add(child);
            }
        }
        if (toPlay.isEmpty() && toPublish.isEmpty()) {
            return vhost;
        }
        merge(kept, "play", toPlay, vhost);
        merge(kept, "publish", toPublish, vhost);
        return vhost.withChildren(kept);
    }

    /** SRS 2 {@code mr { enabled on; latency 350; }}, or the plain {@code mr on;}. */
    private List<Directive> mr(Directive mr) {
        if (!mr.isBlock()) {
            moved(mr, "mr", "publish.mr");
            return List.of(mr);
        }
        List<Directive> out = new ArrayList<>();
        for (Directive child : mr.children()) {
            String target = MR_BLOCK_RENAMES.get(child.name());
            if (target == null) {
                errors.add(child.where() + ": unknown directive '" + child.name() + "' in 'vhost.mr'");
            } else {
                out.add(renamed(child, target));
                moved(child, "mr." + child.name(), "publish." + target);
            }
        }
        return out;
    }

    private void moved(Directive child, String from, String to) {
        warnings.add(child.where() + ": '" + from + "' directly in vhost is the SRS 2 form;"
                + " read as vhost." + to);
    }

    private static void merge(List<Directive> kept, String section, List<Directive> moved,
                              Directive vhost) {
        if (moved.isEmpty()) {
            return;
        }
        for (int i = 0; i < kept.size(); i++) {
            Directive existing = kept.get(i);
            if (existing.name().equals(section)) {
                kept.set(i, existing.withChildren(overlay(existing.children(), moved)));
                return;
            }
        }
        kept.add(Directive.block(section, List.of(), overlay(List.of(), moved), vhost.file(), vhost.line()));
    }

    /** Each moved directive replaces the first of the same name, else is appended. */
    private static List<Directive> overlay(List<Directive> existing, List<Directive> moved) {
        List<Directive> out = new ArrayList<>(existing);
        for (Directive m : moved) {
            int at = -1;
            for (int i = 0; i < out.size() && at < 0; i++) {
                if (out.get(i).name().equals(m.name())) {
                    at = i;
                }
            }
            if (at >= 0) {
                out.set(at, m);
            } else {
                out.add(m);
            }
        }
        return out;
    }

    private static Directive renamed(Directive d, String name) {
        return new Directive(name, d.args(), d.children(), d.isBlock(), d.file(), d.line());
    }
}
