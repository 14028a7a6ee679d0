package dev.rill.server.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rill.server.Version;
import dev.rill.server.stats.StatsRegistry;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Process and system facts for {@code summaries}, {@code rusages}, {@code self_proc_stats},
 * {@code system_proc_stats} and {@code meminfos}, from Linux's /proc, the JVM's management beans
 * and the rates of the latest {@link HostSample}. Reads files, so it runs off the event loops. A
 * fact that cannot be read is 0 and the object's {@code ok} is false.
 */
final class SystemInfo {
    private static final Path PROC = Path.of("/proc");

    private SystemInfo() {
    }

    /**
     * SRS's {@code summaries} data: this process ({@code self}) and the host ({@code system}),
     * with the rates of {@code host}, the latest sample. {@code connections} is Rill's own count.
     */
    static ObjectNode summaries(StatsRegistry stats, int connections, HostSample host) {
        ObjectNode data = ApiJson.F.objectNode();
        String meminfo = ProcText.read(PROC.resolve("meminfo"));
        long totalKb = ProcText.colonField(meminfo, "MemTotal");
        data.put("ok", host.ok() && totalKb > 0);
        data.put("now_ms", stats.now());
        data.set("self", self(stats, totalKb, host));
        ObjectNode sys = data.putObject("system");
        sys.put("cpu_percent", host.cpuPercent());
        sys.put("disk_read_KBps", host.diskReadKBps());
        sys.put("disk_write_KBps", host.diskWriteKBps());
        sys.put("disk_busy_percent", host.diskBusy());
        sys.put("mem_ram_kbyte", totalKb);
        sys.put("mem_ram_percent", totalKb > 0 ? 1 - (double) ProcText.colonField(meminfo, "MemAvailable") / totalKb : 0);
        long swapTotal = ProcText.colonField(meminfo, "SwapTotal");
        sys.put("mem_swap_kbyte", swapTotal);
        sys.put("mem_swap_percent", swapTotal > 0 ? 1 - (double) ProcText.colonField(meminfo, "SwapFree") / swapTotal : 0);
        sys.put("cpus", cpus(false));
        sys.put("cpus_online", cpus(true));
        String[] uptime = ProcText.words(ProcText.read(PROC.resolve("uptime")));
        sys.put("uptime", ProcText.parseDouble(uptime[0]));
        sys.put("ilde_time", uptime.length > 1 ? ProcText.parseDouble(uptime[1]) : 0);
        String[] load = ProcText.words(ProcText.read(PROC.resolve("loadavg")));
        sys.put("load_1m", ProcText.parseDouble(load[0]));
        sys.put("load_5m", load.length > 1 ? ProcText.parseDouble(load[1]) : 0);
        sys.put("load_15m", load.length > 2 ? ProcText.parseDouble(load[2]) : 0);
        sys.put("net_sample_time", host.counters().wallMillis());
        sys.put("net_recv_bytes", host.netRecvBytes());
        sys.put("net_send_bytes", host.netSendBytes());
        sys.put("net_recvi_bytes", host.netRecviBytes());
        sys.put("net_sendi_bytes", host.netSendiBytes());
        sys.put("srs_sample_time", stats.now());
        sys.put("srs_recv_bytes", stats.total().recvBytes());
        sys.put("srs_send_bytes", stats.total().sendBytes());
        HostCounters.SocketCounts sockets = host.counters().sockets();
        sys.put("conn_sys", sockets.sys());
        sys.put("conn_sys_et", sockets.established());
        sys.put("conn_sys_tw", sockets.timeWait());
        sys.put("conn_sys_udp", sockets.udp());
        sys.put("conn_srs", connections);
        return data;
    }

    /** SRS's {@code self}; mem_kbyte is the resident set now (SRS shows its peak, ru_maxrss). */
    private static ObjectNode self(StatsRegistry stats, long totalKb, HostSample host) {
        ProcessHandle self = ProcessHandle.current();
        long rssKb = ProcText.colonField(ProcText.read(PROC.resolve("self/status")), "VmRSS");
        ObjectNode s = ApiJson.F.objectNode();
        s.put("version", Version.get());
        s.put("pid", self.pid());
        s.put("ppid", self.parent().map(ProcessHandle::pid).orElse(0L));
        s.put("argv", self.info().commandLine().orElse(""));
        s.put("cwd", Path.of("").toAbsolutePath().toString());
        s.put("mem_kbyte", rssKb);
        s.put("mem_percent", totalKb > 0 ? (double) rssKb / totalKb : 0);
        s.put("cpu_percent", host.selfCpuPercent());
        s.put("srs_uptime", (stats.now() - stats.startMillis()) / 1000);
        return s;
    }

    /**
     * The CPUs the kernel knows ({@code cpuN} under /sys/devices/system/cpu) or those online (the
     * {@code cpuN} lines of /proc/stat), as SRS's sysconf counts; the JVM's count if unreadable.
     */
    private static int cpus(boolean online) {
        long n;
        if (online) {
            n = ProcText.read(PROC.resolve("stat")).lines().filter(l -> l.matches("cpu\\d+ .*")).count();
        } else {
            try (Stream<Path> list = Files.list(Path.of("/sys/devices/system/cpu"))) {
                n = list.filter(p -> p.getFileName().toString().matches("cpu\\d+")).count();
            } catch (IOException | SecurityException e) {
                n = 0;
            }
        }
        return n > 0 ? (int) n : Runtime.getRuntime().availableProcessors();
    }

    static ObjectNode rusages() {
        ObjectNode data = ApiJson.F.objectNode();
        com.sun.management.OperatingSystemMXBean os = osBean();
        long cpuNanos = os.getProcessCpuTime();
        data.put("ok", cpuNanos >= 0);
        data.put("sample_time", System.currentTimeMillis());
        data.put("ru_utime", Math.max(0, cpuNanos) / 1_000_000_000L);
        String status = ProcText.read(PROC.resolve("self/status"));
        data.put("ru_maxrss", ProcText.colonField(status, "VmHWM"));
        data.put("ru_nvcsw", ProcText.colonField(status, "voluntary_ctxt_switches"));
        data.put("ru_nivcsw", ProcText.colonField(status, "nonvoluntary_ctxt_switches"));
        return data;
    }

    /** /proc/self/stat fields by their proc(5) names. */
    static ObjectNode selfProcStats(HostSample host) {
        ObjectNode data = ApiJson.F.objectNode();
        String stat = ProcText.read(PROC.resolve("self/stat"));
        int close = stat.lastIndexOf(')');
        data.put("ok", close > 0);
        data.put("sample_time", System.currentTimeMillis());
        data.put("percent", host.selfCpuPercent());
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
                    data.put(names[i], ProcText.parseLong(f[i]));
                }
            }
        }
        return data;
    }

    /** The first line of /proc/stat: cpu time by kind, in clock ticks; the busy share and ticks of the last sample. */
    static ObjectNode systemProcStats(HostSample host) {
        ObjectNode data = ApiJson.F.objectNode();
        List<String> lines = ProcText.read(PROC.resolve("stat")).lines().toList();
        boolean ok = !lines.isEmpty() && lines.get(0).startsWith("cpu ");
        data.put("ok", ok);
        data.put("sample_time", System.currentTimeMillis());
        data.put("percent", host.cpuPercent());
        if (ok) {
            String[] f = lines.get(0).trim().split("\\s+");
            String[] names = {"user", "nice", "sys", "idle", "iowait", "irq", "softirq", "steal", "guest"};
            for (int i = 0; i < names.length && i + 1 < f.length; i++) {
                data.put(names[i], ProcText.parseLong(f[i + 1]));
            }
            data.put("total_delta", host.cpuTotalDelta());
        }
        return data;
    }

    static ObjectNode meminfos() {
        ObjectNode data = ApiJson.F.objectNode();
        String mem = ProcText.read(PROC.resolve("meminfo"));
        long total = ProcText.colonField(mem, "MemTotal");
        data.put("ok", total > 0);
        data.put("sample_time", System.currentTimeMillis());
        long available = ProcText.colonField(mem, "MemAvailable");
        data.put("percent_ram", total > 0 ? 1 - (double) available / total : 0);
        long swapTotal = ProcText.colonField(mem, "SwapTotal");
        long swapFree = ProcText.colonField(mem, "SwapFree");
        data.put("percent_swap", swapTotal > 0 ? 1 - (double) swapFree / swapTotal : 0);
        data.put("MemActive", total - available);
        data.put("RealInUse", total - available);
        data.put("NotInUse", available);
        data.put("MemTotal", total);
        data.put("MemFree", ProcText.colonField(mem, "MemFree"));
        data.put("Buffers", ProcText.colonField(mem, "Buffers"));
        data.put("Cached", ProcText.colonField(mem, "Cached"));
        data.put("SwapTotal", swapTotal);
        data.put("SwapFree", swapFree);
        return data;
    }

    private static com.sun.management.OperatingSystemMXBean osBean() {
        return (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    }
}
