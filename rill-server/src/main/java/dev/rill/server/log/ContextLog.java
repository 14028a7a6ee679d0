package dev.rill.server.log;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * A logger bound to one context id (a connection or a background job). Every line it writes
 * carries the cid as a key-value pair, which the log pattern prints as SRS does:
 * {@code [time][level][pid][cid] message}. Held by the object it describes, never in a ThreadLocal,
 * since one event loop serves many connections. Text arguments are logged through
 * {@link LoggedText}: what a connection's log line quotes is mostly what its client sent.
 */
public final class ContextLog {
    public static final String CID_KEY = "cid";

    private final Logger logger;
    private final String cid;

    public ContextLog(Logger logger, String cid) {
        this.logger = logger;
        this.cid = cid;
    }

    public static ContextLog of(Class<?> type, String cid) {
        return new ContextLog(LoggerFactory.getLogger(type), cid);
    }

    public String cid() {
        return cid;
    }

    /** SRS's verbose is Logback's TRACE (see {@link LogSetup#levelOf}): shown only at srs_log_level verbose. */
    public boolean isVerbose() {
        return logger.isTraceEnabled();
    }

    public void verbose(String format, Object... args) {
        log(Level.TRACE, format, args);
    }

    public void trace(String format, Object... args) {
        log(Level.INFO, format, args);
    }

    public void warn(String format, Object... args) {
        log(Level.WARN, format, args);
    }

    public void error(String format, Object... args) {
        log(Level.ERROR, format, args);
    }

    public void log(Level level, String format, Object... args) {
        if (logger.isEnabledForLevel(level)) {
            logger.atLevel(level).addKeyValue(CID_KEY, cid).log(format, bounded(args));
        }
    }

    private static Object[] bounded(Object[] args) {
        Object[] out = args;
        for (int i = 0; i < args.length; i++) {
            if (args[i] instanceof CharSequence text && text.length() > 0) {
                String safe = LoggedText.of(text);
                if (!safe.contentEquals(text)) {
                    if (out == args) {
                        out = args.clone();
                    }
                    out[i] = safe;
                }
            }
        }
        return out;
    }
}
