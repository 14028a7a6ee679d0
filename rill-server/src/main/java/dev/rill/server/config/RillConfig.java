package dev.rill.server.config;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The checked config, answering with SRS 3's defaults so no other code walks the directive tree.
 * Built by {@link #load(Path)} or {@link #parse(String, Path)}; both fail with a
 * {@link dev.rill.codec.RillException} of code CONFIG_INVALID naming file:line.
 */
public final class RillConfig {
    public static final String DEFAULT_VHOST = "__defaultVhost__";
    public static final int DEFAULT_PORT = 1935;
    public static final int DEFAULT_MAX_CONNECTIONS = 1000;
    public static final String DEFAULT_PID_FILE = "./objs/srs.pid";
    public static final int DEFAULT_CHUNK_SIZE = 60_000;
    /** SRS writes to a file by default; Rill runs in the foreground and logs to the console. */
    public static final LogTank DEFAULT_LOG_TANK = LogTank.CONSOLE;
    public static final String DEFAULT_LOG_LEVEL = "trace";
    public static final String DEFAULT_LOG_FILE = "./objs/srs.log";
    public static final int DEFAULT_GRACE_FINAL_WAIT_MS = 3200;
    public static final String DEFAULT_WORK_DIR = "./";
    public static final String DEFAULT_FF_LOG_DIR = "./objs";

    private final Directive root;
    private final List<String> warnings;
    private final List<InetSocketAddress> listen;
    private final int chunkSize;
    private final Map<String, VhostConfig> vhosts;

    private RillConfig(ConfigChecker.Result checked) {
        this.root = checked.root();
        this.warnings = checked.warnings();
        this.listen = readListen(root);
        this.chunkSize = Values.integer(root, "chunk_size", DEFAULT_CHUNK_SIZE);
        Map<String, VhostConfig> byName = new LinkedHashMap<>();
        for (Directive vhost : root.getAll("vhost")) {
            byName.putIfAbsent(vhost.arg0(), VhostConfig.from(vhost, chunkSize));
        }
        this.vhosts = Collections.unmodifiableMap(byName);
    }

    /** Reads, parses and checks a config file and its includes. */
    public static RillConfig load(Path file) {
        List<String> warnings = new ArrayList<>();
        Directive parsed = ConfigParser.parseFile(file, warnings);
        return new RillConfig(ConfigChecker.check(parsed, warnings));
    }

    /** Parses and checks text; {@code nameForMessages} names it in messages and anchors includes. */
    public static RillConfig parse(String text, Path nameForMessages) {
        List<String> warnings = new ArrayList<>();
        Directive parsed = ConfigParser.parseText(text, nameForMessages, warnings);
        return new RillConfig(ConfigChecker.check(parsed, warnings));
    }

    /**
     * {@code file:line: ...} for each SRS directive Rill ignores, reads from its SRS 1/2 place, or
     * reads as SRS does where a config says more than SRS reads (a directive given twice, extra
     * arguments), and for each include found next to its including file rather than in the
     * working directory.
     */
    public List<String> warnings() {
        return warnings;
    }

    /** Every {@code listen} endpoint in order; a bare port means 0.0.0.0. Default 1935. */
    public List<InetSocketAddress> listen() {
        return listen;
    }

    public int maxConnections() {
        return Values.integer(root, "max_connections", DEFAULT_MAX_CONNECTIONS);
    }

    public Path pidFile() {
        return fromWorkDir(Values.text(root, "pid", DEFAULT_PID_FILE));
    }

    /**
     * {@code work_dir}: the directory SRS changes into after reading its config, so relative paths
     * in the config ({@code pid}, {@code srs_log_file}, {@code http_server.dir}, {@code hls_path})
     * are read from it; itself relative to the working directory. Default {@value #DEFAULT_WORK_DIR}.
     */
    public Path workDir() {
        return Path.of(Values.text(root, "work_dir", DEFAULT_WORK_DIR)).normalize();
    }

    /**
     * {@code ff_log_dir}, read from {@link #workDir()} like SRS's other paths; default
     * {@value #DEFAULT_FF_LOG_DIR}. SRS writes the logs of the ffmpeg it runs for transcode and
     * ingest there; Rill runs no ffmpeg, so nothing is written to it yet.
     */
    public Path ffLogDir() {
        return fromWorkDir(Values.text(root, "ff_log_dir", DEFAULT_FF_LOG_DIR));
    }

    /** A path from the config, read from {@link #workDir()} when relative, normalized. */
    Path fromWorkDir(String path) {
        return workDir().resolve(path).normalize();
    }

    /** Root {@code chunk_size}, the default for every vhost. */
    public int chunkSize() {
        return chunkSize;
    }

    public LogTank logTank() {
        return LogTank.of(Values.text(root, "srs_log_tank", DEFAULT_LOG_TANK.name()));
    }

    /** One of verbose, info, trace, warn, error. */
    public String logLevel() {
        return Values.text(root, "srs_log_level", DEFAULT_LOG_LEVEL);
    }

    public Path logFile() {
        return fromWorkDir(Values.text(root, "srs_log_file", DEFAULT_LOG_FILE));
    }

    /** The {@code daemon} value (SRS default on); Rill stays in the foreground either way. */
    public boolean daemon() {
        return Values.flag(root, "daemon", true);
    }

    /** The vhost with exactly this name. */
    public Optional<VhostConfig> vhost(String name) {
        return Optional.ofNullable(vhosts.get(name));
    }

    /**
     * The vhost that serves {@code host}, as SRS's {@code get_vhost(host, true)}: the vhost named
     * so, else {@value #DEFAULT_VHOST}; empty when neither exists or the one found is disabled
     * (a disabled named vhost does not fall back to the default one).
     */
    public Optional<VhostConfig> resolveVhost(String host) {
        VhostConfig found = vhosts.get(host);
        if (found == null) {
            found = vhosts.get(DEFAULT_VHOST);
        }
        return found != null && found.enabled() ? Optional.of(found) : Optional.empty();
    }

    /** The vhost's {@code forward} block, or {@link ForwardConfig#OFF} (also for an unknown vhost). */
    public ForwardConfig forward(String vhost) {
        return ForwardConfig.from(vhostBlock(vhost, "forward"));
    }

    /** The vhost's {@code cluster} block with SRS's defaults ({@code mode local}). */
    public ClusterConfig cluster(String vhost) {
        return ClusterConfig.from(vhostBlock(vhost, "cluster"), vhost);
    }

    /** The {@code hls} settings of the vhost named {@code vhost}; disabled when it has none. */
    public HlsConfig hls(String vhost) {
        Directive block = vhostBlock(vhost, "hls");
        return block == null ? HlsConfig.DISABLED : HlsConfig.from(block, workDir());
    }

    /** All vhosts in file order. */
    public Collection<VhostConfig> vhosts() {
        return vhosts.values();
    }

    /** The root {@code http_server} block (SRS defaults when absent). */
    public HttpServerConfig httpServer() {
        return HttpServerConfig.from(root, workDir());
    }

    /** The {@code http_remux} block of the vhost named exactly {@code vhost}; disabled when absent. */
    public HttpRemuxConfig httpRemux(String vhost) {
        for (Directive d : root.getAll("vhost")) {
            if (d.arg0().equals(vhost)) {
                return HttpRemuxConfig.from(d);
            }
        }
        return HttpRemuxConfig.DISABLED;
    }

    /** {@code grace_final_wait} in ms: how long a graceful quit waits for clients. SRS default 3200. */
    public long graceFinalWaitMs() {
        return Values.integer(root, "grace_final_wait", DEFAULT_GRACE_FINAL_WAIT_MS);
    }

    public HttpApiConfig httpApi() {
        return HttpApiConfig.from(root);
    }

    /** The root {@code limits} block; defaults scaled to {@code maxDirectMemory} where they are. */
    public MemoryLimits limits(long maxDirectMemory) {
        return MemoryLimits.from(root, maxDirectMemory);
    }

    public HeartbeatConfig heartbeat() {
        return HeartbeatConfig.from(root);
    }

    /** The {@code http_hooks} of the vhost named {@code vhost} (disabled when it has none). */
    public HooksConfig hooks(String vhost) {
        return HooksConfig.from(vhostBlock(vhost));
    }

    /** The {@code security} of the vhost named {@code vhost} (disabled when it has none). */
    public SecurityConfig security(String vhost) {
        return SecurityConfig.from(vhostBlock(vhost));
    }

    /** The {@code refer} of the vhost named {@code vhost} (disabled when it has none). */
    public ReferConfig refer(String vhost) {
        return ReferConfig.from(vhostBlock(vhost));
    }

    /** The {@code vhost NAME { }} block, or null. */
    public Directive vhostBlock(String name) {
        for (Directive vhost : root.getAll("vhost")) {
            if (vhost.arg0().equals(name)) {
                return vhost;
            }
        }
        return null;
    }

    /** The checked directive tree (SRS 2 vhost spellings already moved into play/publish). */
    public Directive root() {
        return root;
    }

    private Directive vhostBlock(String vhost, String block) {
        for (Directive d : root.getAll("vhost")) {
            if (d.arg0().equals(vhost)) {
                return d.get(block);
            }
        }
        return null;
    }

    private static List<InetSocketAddress> readListen(Directive root) {
        List<InetSocketAddress> out = new ArrayList<>();
        for (Directive listen : root.getAll("listen")) {
            for (String arg : listen.args()) {
                out.add(ListenEndpoint.parse(arg));
            }
        }
        if (out.isEmpty()) {
            out.add(ListenEndpoint.parse(Integer.toString(DEFAULT_PORT)));
        }
        return List.copyOf(out);
    }
}
