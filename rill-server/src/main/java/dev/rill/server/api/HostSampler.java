package dev.rill.server.api;

import dev.rill.server.log.ContextLog;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Reads the host's counters once a period on its own daemon thread (never an event loop: it reads
 * files) and keeps the latest {@link HostSample}, so the summaries' rates span a real interval
 * however often they are asked for. It starts at the first {@link #start} or {@link #latest}, so
 * a server that never shows summaries never samples.
 */
public final class HostSampler implements AutoCloseable {
    public static final long DEFAULT_PERIOD_MS = 1000;
    private static final ContextLog LOG = ContextLog.of(HostSampler.class, "host");

    private final Path proc;
    private final Path sys;
    private final long periodMs;
    private ScheduledExecutorService timer;
    private boolean closed;
    private HostCounters previous;
    private volatile HostSample latest;

    public HostSampler() {
        this(Path.of("/proc"), Path.of("/sys"), DEFAULT_PERIOD_MS);
    }

    HostSampler(Path proc, Path sys, long periodMs) {
        this.proc = proc;
        this.sys = sys;
        this.periodMs = periodMs;
    }

    /** Begins sampling (once; later calls do nothing). */
    public synchronized void start() {
        if (timer != null || closed) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "rill-host-sampler");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleAtFixedRate(this::sample, 0, periodMs, TimeUnit.MILLISECONDS);
    }

    /**
     * The latest sample; before the first one is taken, a reading made now (with rates of 0).
     * Blocks on file reads then, so call it off the event loops.
     */
    HostSample latest() {
        start();
        HostSample s = latest;
        return s != null ? s : HostSample.first(HostCounters.read(proc, sys), internetDevices());
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    private void sample() {
        try {
            HostCounters now = HostCounters.read(proc, sys);
            Set<String> internet = internetDevices();
            latest = previous == null ? HostSample.first(now, internet) : HostSample.between(previous, now, internet);
            previous = now;
        } catch (RuntimeException e) {
            // A scheduled task that throws is never run again; keep sampling.
            LOG.error("host sample failed: {}", e.toString());
        }
    }

    /**
     * The devices with a public address, whose traffic SRS counts as net_recv/send_bytes; the rest
     * (loopback, devices with only private, link-local or site-local addresses) count as intranet.
     */
    static Set<String> internetDevices() {
        Set<String> out = new HashSet<>();
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                for (InetAddress a : Collections.list(nic.getInetAddresses())) {
                    if (isPublic(a)) {
                        out.add(nic.getName());
                    }
                }
            }
        } catch (SocketException e) {
            LOG.warn("cannot list network interfaces: {}", e.getMessage());
        }
        return out;
    }

    /** SRS's test: not loopback, unspecified, link-local, or private (10/8, 172.16/12, 192.168/16, fec0::/10). */
    static boolean isPublic(InetAddress a) {
        return !(a.isLoopbackAddress() || a.isAnyLocalAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress());
    }
}
