package dev.rill.bench;

import dev.rill.bench.ProcStats.CpuTime;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One load run, top to bottom: start the publishers, ramp up the players, wait until every player
 * has its first keyframe (or failed) and a warm-up has passed, open the measured window (sampling
 * the server's CPU and RSS), close it, wait a grace period for messages sent in it, stop everyone
 * and summarize.
 */
final class LoadRun {
    private static final long PUBLISH_START_TIMEOUT_S = 10;

    private final BenchConfig config;
    private final PrintStream progress;
    private final ProcStats proc = ProcStats.create();
    private final MeasureWindow window = new MeasureWindow();
    private final List<Publisher> publishers = new ArrayList<>();
    private final List<Player> players = new ArrayList<>();

    LoadRun(BenchConfig config, PrintStream progress) {
        this.config = config;
        this.progress = progress;
    }

    RunResult run() throws IOException, InterruptedException {
        Transport transport = Transport.create(config.threads());
        try {
            startPublishers(new RtmpConnector(transport, config.publishUrl()));
            rampPlayers(config.url().isRtmp() ? new RtmpConnector(transport, config.url())
                    : new HttpFlvConnector(transport, config.url()), transport);
            awaitSettled();
            sleepSeconds(config.warmupSeconds());
            List<Player> up = players.stream().filter(Player::isUp).toList();
            Measurement m = measure();
            sleepSeconds(config.graceSeconds());
            players.forEach(Player::close);
            publishers.forEach(Publisher::stop);
            transport.shutdown();
            return new RunSummary(window, players, up).result(transport.name(), m);
        } finally {
            if (!transport.group().isShutdown()) {
                publishers.forEach(Publisher::stop);
                transport.shutdown();
            }
        }
    }

    private void startPublishers(RtmpConnector connector) throws IOException, InterruptedException {
        for (int i = 0; i < config.publishers(); i++) {
            MediaSource source = config.publishFile() == null
                    ? new SyntheticSource(config.bitrateKbps(), config.fps(), config.gopSeconds())
                    : new FlvFileSource(config.publishFile());
            Publisher p = new Publisher(config.publishUrl().streamFor(i, config.publishers()), source);
            publishers.add(p);
            p.connect(connector);
        }
        for (Publisher p : publishers) {
            try {
                p.started().get(PUBLISH_START_TIMEOUT_S, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
            } catch (TimeoutException e) {
                throw new IllegalStateException("publisher " + p.stream() + " did not start within "
                        + PUBLISH_START_TIMEOUT_S + "s");
            }
        }
        progress.printf("rill-bench: %d publisher(s) started%n", publishers.size());
    }

    /** Starts player i at i / ramp seconds, on the event loops' scheduler. */
    private void rampPlayers(PlayerConnector connector, Transport transport) {
        boolean stamped = config.publishFile() == null;
        int expected = (int) Math.min(1 << 20, (config.durationSeconds() + config.graceSeconds() + 2) * 120);
        long t0 = System.nanoTime();
        for (int i = 0; i < config.players(); i++) {
            Player player = new Player(publishers.get(i % publishers.size()), window, stamped, expected);
            players.add(player);
            long at = (long) (i * 1e9 / config.rampPerSecond());
            transport.group().schedule(() -> player.connect(connector), Math.max(0, t0 + at - System.nanoTime()),
                    TimeUnit.NANOSECONDS);
        }
    }

    private void awaitSettled() throws InterruptedException {
        double rampSeconds = config.players() / config.rampPerSecond();
        long deadline = System.nanoTime() + (long) ((rampSeconds + config.settleSeconds()) * 1e9);
        long nextReport = System.nanoTime();
        while (System.nanoTime() < deadline && !players.stream().allMatch(Player::isSettled)) {
            if (System.nanoTime() >= nextReport) {
                progress.printf("rill-bench: %d/%d players up%n", players.stream().filter(Player::isUp).count(),
                        players.size());
                nextReport += TimeUnit.SECONDS.toNanos(2);
            }
            Thread.sleep(50);
        }
        progress.printf("rill-bench: %d/%d players up, measuring %.0fs%n",
                players.stream().filter(Player::isUp).count(), players.size(), config.durationSeconds());
    }

    /** Opens the window, samples server RSS every second, closes it; CPU is read at both ends. */
    private Measurement measure() throws InterruptedException {
        String pid = config.serverPid();
        CpuTime serverStart = pid == null ? null : proc.cpu(pid);
        CpuTime benchStart = proc.cpu("self");
        long start = System.nanoTime();
        window.open(start);
        long end = start + (long) (config.durationSeconds() * 1e9);
        long rssMax = 0;
        long rssSum = 0;
        int rssSamples = 0;
        for (long next = start; next < end; next += TimeUnit.SECONDS.toNanos(1)) {
            sleepUntil(next);
            if (pid != null) {
                long rss = proc.rssKb(pid);
                rssMax = Math.max(rssMax, rss);
                rssSum += rss;
                rssSamples++;
            }
        }
        sleepUntil(end);
        window.close(end);
        CpuTime serverCpu = pid == null ? null : proc.cpu(pid).minus(serverStart);
        CpuTime benchCpu = proc.cpu("self").minus(benchStart);
        return new Measurement((end - start) / 1e9, serverCpu, rssMax, rssSamples == 0 ? 0 : rssSum / rssSamples,
                benchCpu);
    }

    private static void sleepUntil(long nanos) throws InterruptedException {
        long left = nanos - System.nanoTime();
        if (left > 0) {
            TimeUnit.NANOSECONDS.sleep(left);
        }
    }

    private static void sleepSeconds(double seconds) throws InterruptedException {
        sleepUntil(System.nanoTime() + (long) (seconds * 1e9));
    }

    /** What the window itself measured, apart from the players. */
    record Measurement(double seconds, CpuTime serverCpu, long rssMaxKb, long rssMeanKb, CpuTime benchCpu) {
    }
}
