package dev.rill.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The /proc parsers and the rates between two readings, on text shaped as Linux writes it. */
class HostSampleTest {
    private static final String NET_DEV = """
            Inter-|   Receive                                                |  Transmit
             face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed
                lo: %d   36383    0    0    0     0          0         0 %d   36383    0    0    0     0       0          0
         rilltest0: %d    5164    0    0    0     0          0         0   %d    3658    0    0    0     0       0          0
            """;
    private static final String SOCKSTAT = """
            sockets: used 40
            TCP: inuse 5 orphan 0 tw 70 alloc 26 mem 3
            UDP: inuse 4 mem 0
            UDPLITE: inuse 0
            """;
    private static final String SNMP = """
            Udp: InDatagrams NoPorts
            Udp: 10 2
            Tcp: RtoAlgorithm RtoMin RtoMax MaxConn ActiveOpens PassiveOpens AttemptFails EstabResets CurrEstab InSegs
            Tcp: 1 200 120000 -1 359 326 13 57 21 41284
            """;
    private static final String DISKSTATS = """
               7       0 loop0 10 0 0 0 0 0 0 0 0 900 0 0 0 0 0 0 0
             254       0 vda 35211 6928 2200354 15889 6585 11191 2373344 14710 0 %d 31300 4514 28 111616 484 928 215
             254       1 vda1 35000 6928 2200000 15800 6500 11191 2373000 14700 0 %d 31200 4500 28 111600 484 928 215
            """;

    @Test
    void parsesEachFile() {
        assertThat(HostCounters.cpuTimes("cpu  20061 50 5020 30741 211 0 138 381 7 0\ncpu0 1 2 3 4\n"))
                .isEqualTo(new HostCounters.CpuTimes(20061 + 50 + 5020 + 30741 + 211 + 138 + 381, 30741));
        assertThat(HostCounters.cpuTimes("")).isEqualTo(new HostCounters.CpuTimes(0, 0));
        assertThat(HostCounters.netDevices(NET_DEV.formatted(100, 200, 300, 400))).containsExactly(
                new HostCounters.NetDevice("lo", 100, 200), new HostCounters.NetDevice("rilltest0", 300, 400));
        assertThat(HostCounters.sockets(SOCKSTAT, SNMP))
                .isEqualTo(new HostCounters.SocketCounts(26 + 70, 21, 70, 4, true));
        assertThat(HostCounters.sockets("", "").ok()).isFalse();
        assertThat(HostCounters.diskBusy(DISKSTATS.formatted(6256, 6000), "vda"::equals)).isEqualTo(Map.of("vda", 6256L));
        assertThat(ProcText.spaceField("pgpgin 1081009\npgpgout 1186636\n", "pgpgout")).isEqualTo(1186636);
        assertThat(ProcText.spaceField("pgpgin 1\n", "pgpgout")).isEqualTo(-1);
        assertThat(ProcText.colonField("MemTotal:        8000000 kB\nMemFree: 10 kB\n", "MemFree")).isEqualTo(10);
    }

    @Test
    void ratesSpanTheTwoReadings() {
        HostCounters before = counters(0, 1_000_000_000L, new HostCounters.CpuTimes(1000, 600), 5000, 8000,
                Map.of("vda", 100L), 1000, 2000, 10, 20);
        HostCounters after = counters(2_000_000_000L, 1_500_000_000L, new HostCounters.CpuTimes(1400, 700), 7048, 9024,
                Map.of("vda", 600L), 5000, 9000, 30, 60);
        HostSample s = HostSample.between(before, after, Set.of("eth0"));
        assertThat(s.cpuPercent()).isCloseTo(0.75, within(1e-9));
        assertThat(s.cpuTotalDelta()).isEqualTo(400);
        assertThat(s.selfCpuPercent()).as("0.5 s of CPU in 2 s").isCloseTo(0.25, within(1e-9));
        assertThat(s.diskReadKBps()).isEqualTo(1024);
        assertThat(s.diskWriteKBps()).isEqualTo(512);
        assertThat(s.diskBusy()).as("500 ms busy in 2 s").isCloseTo(0.25, within(1e-9));
        assertThat(s.netRecviBytes()).isEqualTo(5000);
        assertThat(s.netSendiBytes()).isEqualTo(9000);
        assertThat(s.netRecvBytes()).isEqualTo(30);
        assertThat(s.netSendBytes()).isEqualTo(60);
        assertThat(s.ok()).isTrue();
    }

    @Test
    void aCounterThatWentBackGivesNoRate() {
        HostCounters before = counters(0, 0, new HostCounters.CpuTimes(1000, 600), 5000, 8000, Map.of("vda", 900L), 0, 0, 0, 0);
        HostCounters after = counters(1_000_000_000L, 0, new HostCounters.CpuTimes(1000, 600), 10, 20, Map.of("vda", 5L), 0, 0, 0, 0);
        HostSample s = HostSample.between(before, after, Set.of());
        assertThat(s.cpuPercent()).isZero();
        assertThat(s.diskReadKBps()).isZero();
        assertThat(s.diskWriteKBps()).isZero();
        assertThat(s.diskBusy()).isZero();
        assertThat(HostSample.first(after, Set.of()).diskWriteKBps()).isZero();
    }

    @Test
    void publicAddressesAreInternetAsInSrs() throws Exception {
        assertThat(HostSampler.isPublic(InetAddress.getByName("8.8.8.8"))).isTrue();
        assertThat(HostSampler.isPublic(InetAddress.getByName("2001:db8::1"))).isTrue();
        for (String a : List.of("127.0.0.1", "10.1.2.3", "172.16.0.9", "192.168.1.1", "169.254.1.1", "::1", "fe80::1",
                "fec0::1", "0.0.0.0")) {
            assertThat(HostSampler.isPublic(InetAddress.getByName(a))).as(a).isFalse();
        }
    }

    @Test
    void theSamplerReadsItsProcDirectoryEveryPeriod(@TempDir Path root) throws Exception {
        Path proc = root.resolve("proc");
        Files.createDirectories(proc.resolve("net"));
        Path sys = root.resolve("sys");
        Files.createDirectories(sys.resolve("block/vda/device"));
        long[] step = {0};
        try (HostSampler sampler = new HostSampler(proc, sys, 100)) {
            // Each poll advances every counter, as a busy host's do, until a sample spans the advance.
            HostSample s = await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() -> {
                step[0]++;
                writeProc(proc, step[0] * 10_000, step[0] * 5, step[0] * 100_000);
                return sampler.latest();
            }, x -> x.diskReadKBps() > 0 && x.diskWriteKBps() > 0 && x.diskBusy() > 0 && x.cpuPercent() == 0.5);
            assertThat(s.diskReadKBps()).as("10 MB a 50 ms poll").isGreaterThan(10_000);
            assertThat(s.counters().net()).extracting(HostCounters.NetDevice::name).containsExactly("lo", "rilltest0");
            long lo = s.counters().net().get(0).recvBytes();
            assertThat(lo).isPositive();
            assertThat(s.netRecviBytes()).as("lo and a device with no public address are intranet").isEqualTo(2 * lo);
            assertThat(s.netRecvBytes()).isZero();
            assertThat(s.counters().sockets().established()).isEqualTo(21);
            assertThat(s.ok()).isTrue();
        }
    }

    /** Writes each file whole (a rename), as the kernel serves /proc: a reader never sees half of one. */
    private static void writeProc(Path proc, long pages, long ticks, long netBytes) throws Exception {
        write(proc.resolve("stat"), "cpu  %d 0 0 %d 0 0 0 0 0 0\n".formatted(ticks * 10, ticks * 10));
        write(proc.resolve("vmstat"), "pgpgin %d\npgpgout %d\n".formatted(pages, pages));
        write(proc.resolve("diskstats"), DISKSTATS.formatted(ticks, ticks));
        write(proc.resolve("net/dev"), NET_DEV.formatted(netBytes, netBytes, netBytes, netBytes));
        write(proc.resolve("net/sockstat"), SOCKSTAT);
        write(proc.resolve("net/snmp"), SNMP);
    }

    private static void write(Path file, String text) throws Exception {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, text);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static HostCounters counters(long mono, long selfCpu, HostCounters.CpuTimes cpu, long in, long out,
                                         Map<String, Long> disks, long loRecv, long loSend, long ethRecv, long ethSend) {
        return new HostCounters(mono / 1_000_000, mono, selfCpu, cpu, in, out, disks,
                List.of(new HostCounters.NetDevice("lo", loRecv, loSend), new HostCounters.NetDevice("eth0", ethRecv, ethSend)),
                new HostCounters.SocketCounts(96, 21, 70, 4, true));
    }
}
