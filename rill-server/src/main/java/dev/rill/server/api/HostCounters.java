package dev.rill.server.api;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The host's running counters at one instant, as SRS reads them for its summaries: CPU time
 * (/proc/stat), pages in and out (/proc/vmstat), time each disk was busy (/proc/diskstats), bytes
 * per network device (/proc/net/dev) and socket counts (/proc/net/sockstat, /proc/net/snmp). Rates
 * come from two of these ({@link HostSample#between}). The parsers take the files' text, so they
 * are tested without a host.
 *
 * @param wallMillis     when it was read, for the API's sample times
 * @param monoNanos      when it was read, for rates (never goes back)
 * @param selfCpuNanos   CPU time this process has used, -1 when unknown
 * @param cpu            CPU time of the whole host, by kind
 * @param pagesInKb      /proc/vmstat pgpgin: KiB read from disks since boot, -1 when unknown
 * @param pagesOutKb     /proc/vmstat pgpgout: KiB written to disks since boot, -1 when unknown
 * @param diskBusyMillis per physical disk, the ms it spent doing I/O since boot
 * @param net            every network device with its byte totals
 * @param sockets        the host's socket counts
 */
record HostCounters(long wallMillis, long monoNanos, long selfCpuNanos, CpuTimes cpu, long pagesInKb,
                    long pagesOutKb, Map<String, Long> diskBusyMillis, List<NetDevice> net, SocketCounts sockets) {

    /** /proc/stat's first line in clock ticks: the sum of user to steal, and idle; total 0 when unread. */
    record CpuTimes(long total, long idle) {
    }

    record NetDevice(String name, long recvBytes, long sendBytes) {
    }

    /**
     * @param sys         TCP sockets allocated plus those in TIME_WAIT, as SRS's conn_sys
     * @param established TCP connections established (snmp CurrEstab)
     * @param timeWait    TCP sockets in TIME_WAIT
     * @param udp         UDP sockets in use
     * @param ok          whether sockstat could be read
     */
    record SocketCounts(int sys, int established, int timeWait, int udp, boolean ok) {
    }

    /** Reads the counters now from {@code proc} (/proc) and {@code sys} (/sys). Blocks on file reads. */
    static HostCounters read(Path proc, Path sys) {
        long wall = System.currentTimeMillis();
        long mono = System.nanoTime();
        String vmstat = ProcText.read(proc.resolve("vmstat"));
        Path block = sys.resolve("block");
        return new HostCounters(wall, mono, processCpuNanos(), cpuTimes(ProcText.read(proc.resolve("stat"))),
                ProcText.spaceField(vmstat, "pgpgin"), ProcText.spaceField(vmstat, "pgpgout"),
                diskBusy(ProcText.read(proc.resolve("diskstats")), name -> Files.exists(block.resolve(name).resolve("device"))),
                netDevices(ProcText.read(proc.resolve("net/dev"))),
                sockets(ProcText.read(proc.resolve("net/sockstat")), ProcText.read(proc.resolve("net/snmp"))));
    }

    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    /** proc(5): {@code cpu user nice system idle iowait irq softirq steal guest guest_nice}; guest is inside user. */
    static CpuTimes cpuTimes(String stat) {
        String first = stat.lines().findFirst().orElse("");
        if (!first.startsWith("cpu ")) {
            return new CpuTimes(0, 0);
        }
        String[] f = ProcText.words(first);
        long total = 0;
        for (int i = 1; i <= 8 && i < f.length; i++) {
            total += ProcText.parseLong(f[i]);
        }
        return new CpuTimes(total, f.length > 4 ? ProcText.parseLong(f[4]) : 0);
    }

    /**
     * The io_ticks column (ms spent doing I/O, the 13th) of each device that {@code physical}
     * accepts: whole disks, not partitions, loop or RAM devices, whose time would count twice or
     * mean nothing.
     */
    static Map<String, Long> diskBusy(String diskstats, Predicate<String> physical) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (String line : diskstats.lines().toList()) {
            String[] f = ProcText.words(line);
            if (f.length >= 13 && physical.test(f[2])) {
                out.put(f[2], ProcText.parseLong(f[12]));
            }
        }
        return out;
    }

    /** /proc/net/dev: two title lines, then {@code name: rbytes rpackets ... (8 receive columns) sbytes ...}. */
    static List<NetDevice> netDevices(String netDev) {
        List<NetDevice> out = new ArrayList<>();
        for (String line : netDev.lines().skip(2).toList()) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String[] f = ProcText.words(line.substring(colon + 1));
            if (f.length >= 9) {
                out.add(new NetDevice(line.substring(0, colon).trim(), ProcText.parseLong(f[0]), ProcText.parseLong(f[8])));
            }
        }
        return out;
    }

    /**
     * sockstat's {@code TCP: inuse N orphan N tw N alloc N mem N} and {@code UDP: inuse N}, and
     * snmp's {@code Tcp:} title and value lines, where CurrEstab is looked up by its title.
     */
    static SocketCounts sockets(String sockstat, String snmp) {
        Map<String, Long> tcp = pairs(sockstat, "TCP:");
        Map<String, Long> udp = pairs(sockstat, "UDP:");
        long established = 0;
        List<String> tcpLines = snmp.lines().filter(l -> l.startsWith("Tcp:")).toList();
        if (tcpLines.size() >= 2) {
            List<String> titles = Arrays.asList(ProcText.words(tcpLines.get(0)));
            String[] values = ProcText.words(tcpLines.get(1));
            int at = titles.indexOf("CurrEstab");
            if (at > 0 && at < values.length) {
                established = ProcText.parseLong(values[at]);
            }
        }
        long tw = tcp.getOrDefault("tw", 0L);
        return new SocketCounts((int) (tcp.getOrDefault("alloc", 0L) + tw), (int) established, (int) tw,
                udp.getOrDefault("inuse", 0L).intValue(), !tcp.isEmpty());
    }

    /** The {@code name value} pairs of the line starting with {@code title}, empty when there is none. */
    private static Map<String, Long> pairs(String text, String title) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (String line : text.lines().toList()) {
            if (line.startsWith(title + " ")) {
                String[] f = ProcText.words(line.substring(title.length()));
                for (int i = 0; i + 1 < f.length; i += 2) {
                    out.put(f[i], ProcText.parseLong(f[i + 1]));
                }
            }
        }
        return out;
    }
}
