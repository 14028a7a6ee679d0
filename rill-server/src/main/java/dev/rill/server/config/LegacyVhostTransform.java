package dev.rill.server.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Moves the SRS 1/2 spellings into their SRS 3 places, as SRS 3's {@code srs_config_transform_vhost}
 * does, so they keep their meaning: root {@code http_stream} is {@code http_server}; in a vhost,
 * {@code gop_cache on;} is {@code play { gop_cache on; }}, {@code publish_1stpkt_timeout} is
 * {@code publish.firstpkt_timeout}, {@code mr { enabled; latency; }} is {@code publish.mr} and
 * {@code publish.mr_latency}, {@code mode}, {@code origin}, {@code token_traverse}, {@code vhost}
 * and {@code debug_srs_upnode} go into {@code cluster}, {@code refer A B;}, {@code refer_play} and
 * {@code refer_publish} become {@code refer { enabled on; all|play|publish A B; }} (an
 * {@code enabled} already there is kept), {@code forward A B;} becomes
 * {@code forward { enabled on; destination A B; }}, {@code http { }} is {@code http_static}, and the
 * first {@code hstrs} of an {@code http_remux} is dropped (SRS 3 always behaves so). Like SRS, a
 * moved value replaces the same directive already in the section, and the first section of the
 * name is the one used. Moved directives keep their own file and line; each move is a warning.
 */
final class LegacyVhostTransform {
    private static final Set<String> PLAY_SHADOWS = Set.of("time_jitter", "mix_correct", "atc",
            "atc_auto", "mw_latency", "gop_cache", "queue_length", "send_min_interval",
            "reduce_sequence_header");
    private static final Set<String> CLUSTER_SHADOWS = Set.of("mode", "origin", "token_traverse", "vhost",
            "debug_srs_upnode");
    private static final Map<String, String> PUBLISH_RENAMES = Map.of(
            "publish_1stpkt_timeout", "firstpkt_timeout",
            "publish_normal_timeout", "normal_timeout",
            "mr_latency", "mr_latency");
    private static final Map<String, String> MR_BLOCK_RENAMES = Map.of(
            "enabled", "mr",
            "latency", "mr_latency");
    private static final Map<String, String> REFER_RENAMES = Map.of(
            "refer", "all",
            "refer_play", "play",
            "refer_publish", "publish");

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
            if (child.name().equals("http_stream")) {
                children.add(renamed(child, "http_server"));
                warnings.add(child.where() + ": 'http_stream' is the SRS 1 name of 'http_server'; read as http_server");
            } else {
                boolean vhost = child.name().equals("vhost") && child.isBlock();
                children.add(vhost ? transform.vhost(child) : child);
            }
        }
        return root.withChildren(children);
    }

    private Directive vhost(Directive vhost) {
        List<Directive> kept = new ArrayList<>();
        List<Directive> toPlay = new ArrayList<>();
        List<Directive> toPublish = new ArrayList<>();
        List<Directive> toCluster = new ArrayList<>();
        List<Directive> toRefer = new ArrayList<>();
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
            } else if (CLUSTER_SHADOWS.contains(name)) {
                toCluster.add(child);
                moved(child, name, "cluster." + name);
            } else if (REFER_RENAMES.containsKey(name) && !child.isBlock()) {
                toRefer.add(renamed(child, REFER_RENAMES.get(name)));
                moved(child, name, "refer { enabled on; " + REFER_RENAMES.get(name) + " ...; }");
            } else if (name.equals("forward") && child.children().isEmpty() && !child.args().isEmpty()) {
                kept.add(forward(child));
            } else if (name.equals("http")) {
                kept.add(renamed(child, "http_static"));
                moved(child, name, "http_static");
            } else if (name.equals("http_remux") && child.get("hstrs") != null) {
                kept.add(withoutFirst(child, "hstrs"));
            } else {
                kept.add(child);
            }
        }
        merge(kept, "play", toPlay, vhost);
        merge(kept, "publish", toPublish, vhost);
        merge(kept, "cluster", toCluster, vhost);
        if (!toRefer.isEmpty()) {
            Directive first = toRefer.get(0);
            toRefer.add(0, Directive.simple("enabled", List.of("on"), first.file(), first.line()));
            mergeRefer(kept, toRefer, vhost);
        }
        return vhost.withChildren(kept);
    }

    /** SRS 1 {@code forward HOST...;}: an enabled forward block with those destinations. */
    private Directive forward(Directive forward) {
        moved(forward, "forward " + String.join(" ", forward.args()), "forward { enabled on; destination "
                + String.join(" ", forward.args()) + "; }");
        List<Directive> children = List.of(
                Directive.simple("enabled", List.of("on"), forward.file(), forward.line()),
                Directive.simple("destination", forward.args(), forward.file(), forward.line()));
        return Directive.block("forward", List.of(), children, forward.file(), forward.line());
    }

    private Directive withoutFirst(Directive block, String name) {
        Directive drop = block.get(name);
        warnings.add(drop.where() + ": '" + name + "' in '" + block.name() + "' is an SRS 1/2 switch that SRS 3"
                + " ignores (always on); ignored");
        List<Directive> out = new ArrayList<>(block.children());
        out.remove(drop);
        return block.withChildren(out);
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
        warnings.add(child.where() + ": '" + from + "' directly in vhost is the SRS 1/2 form;"
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

    /** As {@link #merge}, but an {@code enabled} already in the refer block stays (SRS's get_or_create). */
    private static void mergeRefer(List<Directive> kept, List<Directive> moved, Directive vhost) {
        Directive refer = kept.stream().filter(d -> d.name().equals("refer")).findFirst().orElse(null);
        boolean keepEnabled = refer != null && refer.get("enabled") != null;
        merge(kept, "refer", keepEnabled ? moved.subList(1, moved.size()) : moved, vhost);
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
