package dev.rill.server.reload;

import dev.rill.codec.RillException;
import dev.rill.server.config.RillConfig;
import dev.rill.server.log.ContextLog;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Reloads the config file on SIGHUP or {@code raw?rpc=reload}: the file is parsed and checked
 * first, and only a good one is handed to {@code apply}; a bad one is logged and the running
 * config stays. Reloads run one at a time.
 */
public final class Reloader {
    private static final ContextLog LOG = ContextLog.of(Reloader.class, "reload");

    private final Path file;
    private final Consumer<RillConfig> apply;

    public Reloader(Path file, Consumer<RillConfig> apply) {
        this.file = file;
        this.apply = apply;
    }

    /** True when the new config was applied. Reads files: call it off the event loops. */
    public synchronized boolean reload() {
        if (file == null) {
            LOG.warn("reload asked, but the server was not started from a config file");
            return false;
        }
        RillConfig next;
        try {
            next = RillConfig.load(file);
        } catch (RillException e) {
            LOG.error("reload of {} refused, the running config stays: {}", file, e.getMessage());
            return false;
        }
        for (String warning : next.warnings()) {
            LOG.warn("{}", warning);
        }
        apply.accept(next);
        return true;
    }
}
