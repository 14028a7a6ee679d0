package dev.rill.server.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rill.server.Version;
import dev.rill.server.stats.StatsRegistry;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Process and system facts for {@code summaries}, {@code rusages}, {@code self_proc_stats},
 * {@code system_proc_stats} and {@code meminfos}, from the JVM's management beans and Linux's
 * /proc. Reads files, so it runs off the event loops. A fact that cannot be read is 0 and the
 * object's {@code ok} is false.
 */
final class SystemInfo {
    private static final Path PROC = Path.of("/proc");

    private SystemInfo() {
    }

    static ObjectNode summaries(StatsRegistry stats, int connections) {
        ObjectNode data = ApiJson.F.objectNode();
        data.put("ok", true);
        data.put("now_ms", stats.now());
        ProcessHandle self = ProcessHandle.current();
        com.sun.management.OperatingSystemMXBean os = osBean();
        long rssKb = meminfoOf(PROC.resolve("self/status"), "VmRSS");
        long totalKb = meminfoOf(PROC.resolve("meminfo"), "MemTotal");
        ObjectNode s = data.putObject("self");
        s.put("version", Version.get());
        s.put("pid", self.pid());
        s.put("ppid", self.parent().map(ProcessHandle::pid).orElse(0L));
        s.put("argv", self.info().commandLine().orElse(""));
        s.put("cwd", Path.of("").toAbsolutePath().toString());
        s.put("mem_kbyte", rssKb);
        s.put("mem_percent", totalKb > 0 ? (double) rssKb / totalKb : 0);
        s.put("cpu_percent", Math.max(0, os.getProcessCpuLoad()));
        s.put("srs_uptime", (stats.now() - stats.startMillis()) / 1000);
        ObjectNode sys = data.putObject("system");
        sys.put("cpu_percent", Math.max(0, os.getCpuLoad()));
        sys.put("mem_ram_kbyte", totalKb);
        sys.put("mem_ram_percent", totalKb > 0 ? 1 - (double) meminfoOf(PROC.resolve("meminfo"), "MemAvailable") / totalKb : 0);
        long swapTotal = meminfoOf(PROC.resolve("meminfo"), "SwapTotal");
        sys.put("mem_swap_kbyte", swapTotal);
        sys.put("mem_swap_percent", swapTotal > 0 ? 1 - (double) meminfoOf(PROC.resolve("meminfo"), "SwapFree") / swapTotal : 0);
        sys.put("cpus", Runtime.getRuntime().availableProcessors());
        sys.put("cpus_online", Runtime.getRuntime().availableProcessors());
        double[] load = loadAverages();
        sys.put("uptime", uptimeSeconds());
        sys.put("load_1m", load[0]);
        sys.put("load_5m", load[1]);
        sys.put("load_15m", load[2]);
        sys.put("srs_sample_time", stats.now());
        sys.put("srs_recv_bytes", stats.total().recvBytes());
        sys.put("srs_send_bytes", stats.total().sendBytes());
        sys.put("conn_srs", connections);
        return data;
    }

    static ObjectNode rusages() {
        ObjectNode data = ApiJson.F.objectNode();
        com.sun.management.OperatingSystemMXBean os = osBean();
        long cpuNanos = os.getProcessCpuTime();
        data.put("ok", cpuNanos >= 0);
        data.put("sample_time", System.currentTimeMillis());
        data.put("ru_utime", Math.max(0, cpuNanos) / 1_000_000_000L);
        data.put("ru_maxrss", meminfoOf(PROC.resolve("self/status"), "VmHWM"));
        data.put("ru_nvcsw", meminfoOf(PROC.resolve("self/status"), "voluntary_ctxt_switches"));
        data.put("ru_nivcsw", meminfoOf(PROC.resolve("self/status"), "nonvoluntary_ctxt_switches"));
        return data;
    }

    /** /proc/self/stat fields by their proc(5) names. */
    static ObjectNode selfProcStats() {
        ObjectNode data = ApiJson.F.objectNode();
        String stat = read(PROC.resolve("self/stat"));
        int close = stat.lastIndexOf(')');
        data.put("ok", close > 0);
        data.put("sample_time", System.currentTimeMillis());
        data.put("percent", Math.max(0, osBean().getProcessCpuLoad()));
        if (close > 0) {
            data.put("pid", ProcessHandle.current().pid());
            data.put("comm", stat.substring(stat.indexOf('(') + 1, close));
            String[] f = stat.substring(close + 2).trim().split("\\s+");
            String[] names = {"state", "ppid", "pgrp", "session", "tty_nr", "tpgid", "flags", "minflt", "cminflt",
                    "majflt", "cmajflt", "utime", "stime", "cutime", "cstime", "priority", "nice", "num_threads",
                    "itrealvalue", "starttime", "vsize", "rss"};
            for (int i = 0; i < names.length && i < f.length; i++) {
                if (i == 0) {
                    data.put(names[i], f[i]);
                } else {
                    data.put(names[i], parseLong(f[i]));
                }
            }
        }
        return data;
    }

    /** The first line of /proc/stat: cpu time by kind, in clock ticks. */
    static ObjectNode systemProcStats() {
        ObjectNode data = ApiJson.F.objectNode();
        List<String> lines = read(PROC.resolve("stat")).lines().toList();
        boolean ok = !lines.isEmpty() && lines.get(0).startsWith("cpu ");
        data.put("ok", ok);
        data.put("sample_time", System.currentTimeMillis());
        data.put("percent", Math.max(0, osBean().getCpuLoad()));
        if (ok) {
            String[] f = lines.get(0).trim().split("\\s+");
            String[] names = {"user", "nice", "sys", "idle", "iowait", "irq", "softirq", "steal", "guest"};
            long total = 0;
            for (int i = 0; i < names.length && i + 1 < f.length; i++) {
                long v = parseLong(f[i + 1]);
                data.put(names[i], v);
                total += v;
            }
            data.put("total_delta", total);
        }
        return data;
    }

    static ObjectNode meminfos() {
        ObjectNode data = ApiJson.F.objectNode();
        Path mem = PROC.resolve("meminfo");
        long total = meminfoOf(mem, "MemTotal");
        data.put("ok", total > 0);
        data.put("sample_time", System.currentTimeMillis());
        long available = meminfoOf(mem, "MemAvailable");
        data.put("percent_ram", total > 0 ? 1 - (double) available / total : 0);
        long swapTotal = meminfoOf(mem, "SwapTotal");
        long swapFree = meminfoOf(mem, "SwapFree");
        data.put("percent_swap", swapTotal > 0 ? 1 - (double) swapFree / swapTotal : 0);
        data.put("MemActive", total - available);
        data.put("RealInUse", total - available);
        data.put("NotInUse", available);
        data.put("MemTotal", total);
        data.put("MemFree", meminfoOf(mem, "MemFree"));
        data.put("Buffers", meminfoOf(mem, "Buffers"));
        data.put("Cached", meminfoOf(mem, "Cached"));
        data.put("SwapTotal", swapTotal);
        data.put("SwapFree", swapFree);
        return data;
    }

    private static com.sun.management.OperatingSystemMXBean osBean() {
        return (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    }

    private static double[] loadAverages() {
        String[] f = read(PROC.resolve("loadavg")).trim().split("\\s+");
        double[] out = new double[3];
        for (int i = 0; i < 3 && i < f.length; i++) {
            try {
                out[i] = Double.parseDouble(f[i]);
            } catch (NumberFormatException e) {
                out[i] = 0;
            }
        }
        return out;
    }

    private static double uptimeSeconds() {
        String[] f = read(PROC.resolve("uptime")).trim().split("\\s+");
        try {
            return Double.parseDouble(f[0]);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** A {@code Name: value kB} line of /proc/meminfo or /proc/self/status, or 0. */
    private static long meminfoOf(Path file, String name) {
        for (String line : read(file).lines().toList()) {
            if (line.startsWith(name + ":")) {
                return parseLong(line.substring(name.length() + 1).trim().split("\\s+")[0]);
            }
        }
        return 0;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException | SecurityException e) {
            return "";
        }
    }

    private static long parseLong(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
