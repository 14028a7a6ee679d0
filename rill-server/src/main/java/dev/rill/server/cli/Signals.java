package dev.rill.server.cli;

import dev.rill.server.log.ContextLog;
import sun.misc.Signal;

/**
 * SRS's signals, as far as the JVM lets a program have them: SIGHUP reloads, SIGUSR1 reopens the
 * log file, SIGUSR2 quits gracefully, SIGTERM and SIGINT quit fast (the JVM's shutdown hook).
 * SIGQUIT is the JVM's own (a thread dump) and cannot be taken, so the graceful quit SRS does on
 * SIGQUIT is on SIGUSR2 here. Each handler runs on the JVM's signal thread and hands its work to
 * a new virtual thread so a slow reload never delays the next signal.
 */
final class Signals {
    private static final ContextLog LOG = ContextLog.of(Signals.class, "main");

    private Signals() {
    }

    static void on(String name, Runnable action) {
        try {
            Signal.handle(new Signal(name), s -> {
                LOG.trace("signal SIG{} received", name);
                Thread.ofVirtual().name("rill-signal-" + name).start(action);
            });
        } catch (IllegalArgumentException e) {
            LOG.warn("cannot handle SIG{} on this JVM: {}", name, e.getMessage());
        }
    }
}
