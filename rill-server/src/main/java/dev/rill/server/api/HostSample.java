package dev.rill.server.api;

import java.util.Set;

/**
 * The host's figures for SRS's summaries: the latest counters and the rates since the sample
 * before, in SRS's units. A rate whose counter went back (a device reset) or could not be read
 * is 0.
 *
 * @param counters       the latest counters (net bytes, sockets, sample time)
 * @param cpuPercent     the host's CPU busy, 0..1 of all CPUs (1 - idle / total)
 * @param cpuTotalDelta  clock ticks of all CPUs between the two samples
 * @param selfCpuPercent this process's CPU use as a fraction of one CPU (can pass 1 on several)
 * @param diskReadKBps   KiB/s read from disks (pgpgin)
 * @param diskWriteKBps  KiB/s written to disks (pgpgout)
 * @param diskBusy       0..1, the share of time the busiest physical disk was doing I/O
 * @param netRecvBytes   bytes received by devices with a public address
 * @param netSendBytes   bytes sent by devices with a public address
 * @param netRecviBytes  bytes received by loopback and devices with only private addresses
 * @param netSendiBytes  bytes sent by loopback and devices with only private addresses
 */
record HostSample(HostCounters counters, double cpuPercent, long cpuTotalDelta, double selfCpuPercent,
                  int diskReadKBps, int diskWriteKBps, double diskBusy, long netRecvBytes, long netSendBytes,
                  long netRecviBytes, long netSendiBytes) {

    /** What is known from one reading: totals, and rates of 0. */
    static HostSample first(HostCounters now, Set<String> internet) {
        return between(now, now, internet);
    }

    /** {@code internet} names the devices that have a public address (SRS's internet devices). */
    static HostSample between(HostCounters before, HostCounters now, Set<String> internet) {
        double seconds = (now.monoNanos() - before.monoNanos()) / 1e9;
        long cpuTotal = now.cpu().total() - before.cpu().total();
        long cpuIdle = now.cpu().idle() - before.cpu().idle();
        double cpu = cpuTotal > 0 ? clamp(1 - (double) cpuIdle / cpuTotal) : 0;
        double self = seconds > 0 && before.selfCpuNanos() >= 0 && now.selfCpuNanos() >= before.selfCpuNanos()
                ? (now.selfCpuNanos() - before.selfCpuNanos()) / 1e9 / seconds : 0;
        long recv = 0;
        long send = 0;
        long recvi = 0;
        long sendi = 0;
        for (HostCounters.NetDevice d : now.net()) {
            if (internet.contains(d.name())) {
                recv += d.recvBytes();
                send += d.sendBytes();
            } else {
                recvi += d.recvBytes();
                sendi += d.sendBytes();
            }
        }
        return new HostSample(now, cpu, Math.max(0, cpuTotal), self,
                perSecond(before.pagesInKb(), now.pagesInKb(), seconds),
                perSecond(before.pagesOutKb(), now.pagesOutKb(), seconds),
                busiest(before, now, seconds), recv, send, recvi, sendi);
    }

    /** Whether every source of the summaries could be read. */
    boolean ok() {
        return counters.cpu().total() > 0 && counters.pagesInKb() >= 0 && counters.sockets().ok()
                && !counters.net().isEmpty();
    }

    private static int perSecond(long before, long now, double seconds) {
        if (before < 0 || now < before || seconds <= 0) {
            return 0;
        }
        return (int) Math.round((now - before) / seconds);
    }

    private static double busiest(HostCounters before, HostCounters now, double seconds) {
        double busiest = 0;
        if (seconds <= 0) {
            return 0;
        }
        for (var disk : now.diskBusyMillis().entrySet()) {
            Long was = before.diskBusyMillis().get(disk.getKey());
            if (was != null && disk.getValue() >= was) {
                busiest = Math.max(busiest, (disk.getValue() - was) / (seconds * 1000));
            }
        }
        return clamp(busiest);
    }

    private static double clamp(double fraction) {
        return Math.max(0, Math.min(1, fraction));
    }
}
