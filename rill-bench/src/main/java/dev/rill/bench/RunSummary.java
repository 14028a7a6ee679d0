package dev.rill.bench;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Turns what the players recorded into a {@link RunResult}, once every event loop has stopped. */
final class RunSummary {
    private final MeasureWindow window;
    private final List<Player> all;
    private final List<Player> up;

    /**
     * @param up the players that were up when the window opened: only they are owed the window's
     *           messages
     */
    RunSummary(MeasureWindow window, List<Player> all, List<Player> up) {
        this.window = window;
        this.all = all;
        this.up = up;
    }

    RunResult result(String transport, LoadRun.Measurement m) {
        double min = up.isEmpty() ? 0 : 1;
        double sum = 0;
        int full = 0;
        long largestGap = 0;
        long unknown = 0;
        int closed = 0;
        int samples = 0;
        for (Player p : up) {
            double f = delivered(p);
            min = Math.min(min, f);
            sum += f;
            full += f == 1.0 ? 1 : 0;
            largestGap = Math.max(largestGap, p.largestGapNanos());
            unknown += p.unknownVideo();
            closed += p.closedInWindow() ? 1 : 0;
            samples += p.latencies().size();
        }
        long[] latencies = new long[samples];
        int at = 0;
        for (Player p : up) {
            at = p.latencies().copyTo(latencies, at);
        }
        long bytes = all.stream().mapToLong(Player::bytesInWindow).sum();
        return new RunResult(transport, all.size(), up.size(), all.size() - up.size(), closed,
                Stats.distribution(all.stream().mapToLong(Player::connectNanos).filter(n -> n >= 0).toArray()),
                Stats.distribution(all.stream().mapToLong(Player::firstKeyframeNanos).filter(n -> n >= 0).toArray()),
                min, up.isEmpty() ? 0 : sum / up.size(), full, Stats.distribution(latencies), largestGap, unknown,
                m.seconds(), bytes * 8 / 1e9, m.serverCpu(), m.rssMaxKb(), m.rssMeanKb(), m.benchCpu(), failures());
    }

    private double delivered(Player p) {
        SendLog log = p.publisher().log();
        long first = log.firstSentAtOrAfter(window.start());
        long end = log.firstSentAtOrAfter(window.end());
        return Stats.deliveredFraction(p.received(), first, end, p.firstSeq() < 0 ? first : p.firstSeq());
    }

    /** Why the players that were not up failed, by the reason's first words. */
    private Map<String, Integer> failures() {
        Map<String, Integer> byReason = new TreeMap<>();
        Set<Player> upSet = new HashSet<>(up);
        for (Player p : all) {
            if (!upSet.contains(p)) {
                String why = p.failure() == null ? "no keyframe" : p.failure().split(":")[0];
                byReason.merge(why, 1, Integer::sum);
            }
        }
        return byReason;
    }
}
