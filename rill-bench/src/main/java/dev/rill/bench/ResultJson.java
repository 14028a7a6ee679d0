package dev.rill.bench;

import dev.rill.bench.ProcStats.CpuTime;
import dev.rill.bench.Stats.Distribution;
import java.util.Locale;
import java.util.Map;

/** Writes a {@link RunResult} as JSON, times in milliseconds; small enough to write by hand. */
final class ResultJson {
    private final StringBuilder out = new StringBuilder();
    private boolean first = true;

    private ResultJson() {
    }

    static String of(BenchConfig config, RunResult r) {
        ResultJson j = new ResultJson();
        j.open();
        j.objectStart("config");
        j.string("url", config.url().display());
        j.number("players", config.players());
        j.number("ramp_per_s", config.rampPerSecond());
        j.number("duration_s", config.durationSeconds());
        j.number("publishers", config.publishers());
        j.string("publish", config.publishFile() == null ? "synthetic" : config.publishFile().toString());
        if (config.publishFile() == null) {
            j.number("bitrate_kbps", config.bitrateKbps());
            j.number("fps", config.fps());
            j.number("gop_s", config.gopSeconds());
        }
        j.string("transport", r.transport());
        j.objectEnd();
        j.objectStart("players");
        j.number("total", r.players());
        j.number("up", r.up());
        j.number("failed", r.failed());
        j.number("closed_in_window", r.closedInWindow());
        j.objectStart("failures");
        for (Map.Entry<String, Integer> e : r.failures().entrySet()) {
            j.number(e.getKey(), e.getValue());
        }
        j.objectEnd();
        j.objectEnd();
        j.distribution("connect_ms", r.connect());
        j.distribution("first_keyframe_ms", r.firstKeyframe());
        j.objectStart("delivered");
        j.number("min", r.deliveredMin());
        j.number("mean", r.deliveredMean());
        j.number("players_full", r.fullyDelivered());
        j.objectEnd();
        j.distribution("latency_ms", r.latency());
        j.number("largest_gap_ms", r.largestGap() / 1e6);
        j.number("unidentified_video_messages", r.unknownVideo());
        j.number("window_s", r.windowSeconds());
        j.number("delivered_gbit", r.deliveredGbit());
        if (r.serverCpu() != null) {
            j.objectStart("server");
            j.cpu(r.serverCpu());
            j.number("cpu_ms_per_gbit", r.serverCpuMsPerGbit());
            j.number("rss_max_kb", r.serverRssMaxKb());
            j.number("rss_mean_kb", r.serverRssMeanKb());
            j.objectEnd();
        }
        j.objectStart("bench");
        j.cpu(r.benchCpu());
        j.objectEnd();
        j.close();
        return j.out.toString();
    }

    private void distribution(String name, Distribution d) {
        objectStart(name);
        number("count", d.count());
        number("p50", d.p50() / 1e6);
        number("p95", d.p95() / 1e6);
        number("p99", d.p99() / 1e6);
        number("max", d.max() / 1e6);
        objectEnd();
    }

    private void cpu(CpuTime cpu) {
        number("cpu_user_s", cpu.user());
        number("cpu_system_s", cpu.system());
    }

    private void open() {
        out.append('{');
        first = true;
    }

    private void close() {
        out.append("}\n");
    }

    private void objectStart(String name) {
        key(name);
        out.append('{');
        first = true;
    }

    private void objectEnd() {
        out.append('}');
        first = false;
    }

    private void string(String name, String value) {
        key(name);
        quote(value);
    }

    private void number(String name, double value) {
        key(name);
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            out.append("null");
        } else if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            out.append((long) value);
        } else {
            out.append(String.format(Locale.ROOT, "%.6g", value));
        }
    }

    private void key(String name) {
        if (!first) {
            out.append(',');
        }
        first = false;
        quote(name);
        out.append(':');
    }

    private void quote(String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
