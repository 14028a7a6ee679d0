package dev.rill.server.log;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a thread that dies of an exception leaves: one log line through the server's log (so an
 * out-of-memory error is one line, see {@link ShortOomConverter}), never a raw stack trace on
 * standard error.
 */
public final class UncaughtErrors implements Thread.UncaughtExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(UncaughtErrors.class);

    /** Makes this the handler of every thread without one of its own. */
    public static void install() {
        Thread.setDefaultUncaughtExceptionHandler(new UncaughtErrors());
    }

    @Override
    public void uncaughtException(Thread t, Throwable e) {
        if (ShortOomConverter.isOutOfMemory(e.getClass().getName())) {
            LOG.error("thread {} ended: out of memory: {}", t.getName(), e.getMessage());
        } else {
            LOG.error("thread {} ended: {}", t.getName(), e.toString(), e);
        }
    }
}
