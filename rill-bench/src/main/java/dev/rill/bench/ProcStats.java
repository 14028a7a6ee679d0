package dev.rill.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** CPU time and resident memory of a process, read from Linux /proc (proc(5)). */
final class ProcStats {
    /** The USER_HZ assumed when {@code getconf CLK_TCK} cannot be run. */
    static final long DEFAULT_CLK_TCK = 100;

    private final long clockTicksPerSecond;

    ProcStats(long clockTicksPerSecond) {
        this.clockTicksPerSecond = clockTicksPerSecond;
    }

    static ProcStats create() {
        return new ProcStats(clockTicks());
    }

    /** User and system CPU seconds of {@code pid} ("self" for this JVM), from /proc/PID/stat. */
    CpuTime cpu(String pid) {
        String stat = read(Path.of("/proc", pid, "stat"));
        return parseStat(stat, clockTicksPerSecond);
    }

    /** VmRSS of {@code pid} in kB, from /proc/PID/status. */
    long rssKb(String pid) {
        for (String line : read(Path.of("/proc", pid, "status")).split("\n")) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.substring(6).trim().split("\\s+")[0]);
            }
        }
        throw new IllegalStateException("/proc/" + pid + "/status has no VmRSS line");
    }

    /**
     * Fields 14 and 15 (utime, stime, in clock ticks) of a stat line; the command name (field 2) is
     * in parentheses and may hold spaces, so fields are counted after the last ')'.
     */
    static CpuTime parseStat(String stat, long ticksPerSecond) {
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
        // f[0] is field 3 (state), so field n is f[n - 3].
        long utime = Long.parseLong(f[14 - 3]);
        long stime = Long.parseLong(f[15 - 3]);
        return new CpuTime((double) utime / ticksPerSecond, (double) stime / ticksPerSecond);
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + p + ": " + e.getMessage(), e);
        }
    }

    private static long clockTicks() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            try (InputStream in = p.getInputStream()) {
                String out = new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim();
                return p.waitFor() == 0 ? Long.parseLong(out) : DEFAULT_CLK_TCK;
            }
        } catch (IOException | NumberFormatException e) {
            return DEFAULT_CLK_TCK;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return DEFAULT_CLK_TCK;
        }
    }

    /** CPU seconds spent in user and kernel mode. */
    record CpuTime(double user, double system) {
        CpuTime minus(CpuTime earlier) {
            return new CpuTime(user - earlier.user, system - earlier.system);
        }

        double total() {
            return user + system;
        }
    }
}
