package dev.rill.server.reload;

import dev.rill.server.config.RillConfig;
import dev.rill.server.config.VhostConfig;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What changed between the running config and a new one, per component, so a reload touches only
 * that: RTMP endpoints to open and close, vhosts added, removed or changed, and the log settings.
 */
public record ConfigDiff(List<InetSocketAddress> listenAdded, List<InetSocketAddress> listenRemoved,
                         List<String> vhostsAdded, List<String> vhostsRemoved, List<String> vhostsChanged,
                         boolean logChanged, boolean httpApiChanged) {

    public static ConfigDiff of(RillConfig old, RillConfig next) {
        Set<InetSocketAddress> before = new LinkedHashSet<>(old.listen());
        Set<InetSocketAddress> after = new LinkedHashSet<>(next.listen());
        List<InetSocketAddress> added = new ArrayList<>(after);
        added.removeAll(before);
        List<InetSocketAddress> removed = new ArrayList<>(before);
        removed.removeAll(after);
        List<String> vAdded = new ArrayList<>();
        List<String> vChanged = new ArrayList<>();
        for (VhostConfig v : next.vhosts()) {
            VhostConfig was = old.vhost(v.name()).orElse(null);
            if (was == null) {
                vAdded.add(v.name());
            } else if (!was.equals(v) || !sameBlock(old, next, v.name())) {
                vChanged.add(v.name());
            }
        }
        List<String> vRemoved = new ArrayList<>();
        for (VhostConfig v : old.vhosts()) {
            if (next.vhost(v.name()).isEmpty()) {
                vRemoved.add(v.name());
            }
        }
        boolean log = !old.logLevel().equals(next.logLevel()) || old.logTank() != next.logTank()
                || !old.logFile().equals(next.logFile());
        return new ConfigDiff(List.copyOf(added), List.copyOf(removed), List.copyOf(vAdded), List.copyOf(vRemoved),
                List.copyOf(vChanged), log, !old.httpApi().equals(next.httpApi()));
    }

    /** Hooks, security, refer and the blocks other features read are compared as written. */
    private static boolean sameBlock(RillConfig old, RillConfig next, String vhost) {
        return Objects.equals(text(old, vhost), text(next, vhost));
    }

    private static String text(RillConfig c, String vhost) {
        StringBuilder sb = new StringBuilder();
        append(sb, c.vhostBlock(vhost));
        return sb.toString();
    }

    private static void append(StringBuilder sb, dev.rill.server.config.Directive d) {
        if (d == null) {
            return;
        }
        sb.append(d.text()).append(d.isBlock() ? "{" : ";");
        d.children().forEach(child -> append(sb, child));
        sb.append(d.isBlock() ? "}" : "");
    }

    public boolean isEmpty() {
        return listenAdded.isEmpty() && listenRemoved.isEmpty() && vhostsAdded.isEmpty() && vhostsRemoved.isEmpty()
                && vhostsChanged.isEmpty() && !logChanged && !httpApiChanged;
    }

    @Override
    public String toString() {
        return "listen +" + listenAdded + " -" + listenRemoved + ", vhosts +" + vhostsAdded + " -" + vhostsRemoved
                + " ~" + vhostsChanged + (logChanged ? ", log" : "") + (httpApiChanged ? ", http_api" : "");
    }
}
