package dev.rill.bench;

import dev.rill.bench.ProcStats.CpuTime;
import dev.rill.bench.Stats.Distribution;
import java.util.Locale;
import java.util.Map;

/**
 * What a run measured. Times are in nanoseconds, except CPU in seconds.
 *
 * @param connect        TCP connect time of connected players
 * @param firstKeyframe  time from starting the connect to the first keyframe, of players that got one
 * @param latency        end-to-end latency of every tracked message sent in the window, all players
 * @param fullyDelivered players that received every message owed to them
 * @param deliveredGbit  audio and video payload bits received by all players in the window / 1e9
 * @param serverCpu      the server's CPU over the window, or null without a server pid
 * @param failures       counts of why players failed, by reason
 */
record RunResult(String transport, int players, int up, int failed, int closedInWindow, Distribution connect,
                 Distribution firstKeyframe, double deliveredMin, double deliveredMean, int fullyDelivered,
                 Distribution latency, long largestGap, long unknownVideo, double windowSeconds,
                 double deliveredGbit, CpuTime serverCpu, long serverRssMaxKb, long serverRssMeanKb,
                 CpuTime benchCpu, Map<String, Integer> failures) {

    /** Server CPU milliseconds spent per delivered Gbit, or NaN without a server pid or traffic. */
    double serverCpuMsPerGbit() {
        return serverCpu == null || deliveredGbit <= 0 ? Double.NaN : serverCpu.total() * 1000 / deliveredGbit;
    }

    String summaryLine() {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "players %d up %d failed %d dropped %d", players, up, failed,
                closedInWindow));
        s.append(String.format(Locale.ROOT, " | connect p50 %s p95 %s | first-key p50 %s p95 %s",
                ms(connect.p50()), ms(connect.p95()), ms(firstKeyframe.p50()), ms(firstKeyframe.p95())));
        s.append(String.format(Locale.ROOT, " | delivered min %.4f mean %.4f full %d/%d", deliveredMin,
                deliveredMean, fullyDelivered, up));
        s.append(String.format(Locale.ROOT, " | latency p50 %s p95 %s p99 %s max %s (n=%d) | max gap %s",
                ms(latency.p50()), ms(latency.p95()), ms(latency.p99()), ms(latency.max()), latency.count(),
                ms(largestGap)));
        s.append(String.format(Locale.ROOT, " | %.3f Gbit in %.1fs (%.1f Mbit/s)", deliveredGbit, windowSeconds,
                deliveredGbit * 1000 / windowSeconds));
        if (serverCpu != null) {
            s.append(String.format(Locale.ROOT, " | server cpu user %.2fs sys %.2fs = %.0f ms/Gbit, rss max %d MB mean %d MB",
                    serverCpu.user(), serverCpu.system(), serverCpuMsPerGbit(), serverRssMaxKb / 1024,
                    serverRssMeanKb / 1024));
        }
        s.append(String.format(Locale.ROOT, " | bench cpu %.2fs (%s)", benchCpu.total(), transport));
        return s.toString();
    }

    private static String ms(long nanos) {
        return String.format(Locale.ROOT, "%.1fms", nanos / 1e6);
    }
}
