package dev.rill.server.cli;

import dev.rill.codec.RillException;
import dev.rill.server.RillServer;
import dev.rill.server.Version;
import dev.rill.server.config.LogTank;
import dev.rill.server.config.RillConfig;
import dev.rill.server.log.ContextLog;
import dev.rill.server.log.LogSetup;
import dev.rill.server.log.UncaughtErrors;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code rill} command: run the server on a config, check a config, or print the version. */
@Command(name = "rill", description = "Rill live-streaming server (SRS-compatible).",
        versionProvider = RillCommand.VersionProvider.class, sortOptions = false)
public final class RillCommand implements Callable<Integer> {
    static final int EXIT_CONFIG = 2;

    @Option(names = {"-c", "--conf"}, paramLabel = "FILE", description = "Config file (default: ${DEFAULT-VALUE}).")
    Path conf = Path.of("conf", "rill.conf");

    @Option(names = {"-t", "--test"}, description = "Check the config file and exit.")
    boolean test;

    @Option(names = {"-v", "-V", "--version"}, versionHelp = true, description = "Print the version and exit.")
    boolean version;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    private final PrintWriter out;
    private final PrintWriter err;

    RillCommand(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        int code = commandLine(out, err).execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    /** The command line with picocli's own output (version, usage, errors) going to {@code out} and {@code err}. */
    static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        return new CommandLine(new RillCommand(out, err)).setOut(out).setErr(err);
    }

    @Override
    public Integer call() throws Exception {
        RillConfig config;
        try {
            config = RillConfig.load(conf);
        } catch (RillException e) {
            err.println("rill: config " + conf + " is invalid: " + e.getMessage());
            return EXIT_CONFIG;
        }
        for (String warning : config.warnings()) {
            err.println("rill: warning: " + warning);
        }
        if (test) {
            out.println("rill: the config file " + conf + " syntax is ok");
            out.println("rill: config file " + conf + " test is successful");
            return 0;
        }
        return run(config);
    }

    private int run(RillConfig config) throws InterruptedException {
        // SRS changes into work_dir after reading its config; Rill reads the config's relative paths
        // from it instead (RillConfig.workDir), so it must be there.
        if (!Files.isDirectory(config.workDir().toAbsolutePath())) {
            err.println("rill: work_dir " + config.workDir().toAbsolutePath() + " is not a directory");
            return EXIT_CONFIG;
        }
        LogSetup.apply(config.logLevel(), config.logTank() == LogTank.FILE ? config.logFile() : null);
        UncaughtErrors.install();
        ContextLog log = ContextLog.of(RillCommand.class, "main");
        log.trace("Rill/{} starting, config {}, pid {}, cwd {}, work_dir {}", Version.get(), conf.toAbsolutePath(),
                ProcessHandle.current().pid(), Path.of("").toAbsolutePath(), config.workDir().toAbsolutePath());
        for (String warning : config.warnings()) {
            log.warn("{}", warning);
        }
        if (config.daemon()) {
            log.trace("daemon on: Rill stays in the foreground; run it under systemd or another supervisor");
        }
        PidFile pid = PidFile.acquire(config.pidFile());
        RillServer server = new RillServer(config, conf);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.trace("quitting fast");
            server.close();
            pid.release();
            stopped.countDown();
        }, "rill-shutdown"));
        server.start();
        Signals.on("HUP", server::reload);
        Signals.on("USR1", () -> reopenLog(server));
        Signals.on("USR2", () -> quitGracefully(server, log));
        log.trace("Rill/{} is ready", Version.get());
        stopped.await();
        return 0;
    }

    /** logrotate moved the file away: open it again by its name. */
    private static void reopenLog(RillServer server) {
        RillConfig c = server.config();
        if (c.logTank() == LogTank.FILE) {
            LogSetup.apply(c.logLevel(), c.logFile());
        }
    }

    /** Stop accepting, let clients finish for up to grace_final_wait, then exit through the shutdown hook. */
    private static void quitGracefully(RillServer server, ContextLog log) {
        try {
            server.closeGracefully(server.config().graceFinalWaitMs());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        log.trace("graceful quit done");
        System.exit(0);
    }

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {Version.get()};
        }
    }
}
