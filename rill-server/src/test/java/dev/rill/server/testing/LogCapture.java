package dev.rill.server.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.LoggerFactory;
import org.slf4j.event.KeyValuePair;

/** Captures the log lines of the server while a test runs. */
public final class LogCapture implements AutoCloseable {
    private final Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    public LogCapture() {
        appender.setContext(root.getLoggerContext());
        appender.start();
        root.addAppender(appender);
    }

    /** The lines at {@code level} or above, as "[cid] message". */
    public List<String> lines(Level level) {
        synchronized (appender.list) {
            return appender.list.stream()
                    .filter(e -> e.getLevel().isGreaterOrEqual(level))
                    .map(e -> "[" + cid(e) + "] " + e.getFormattedMessage())
                    .collect(Collectors.toList());
        }
    }

    private static String cid(ILoggingEvent e) {
        if (e.getKeyValuePairs() != null) {
            for (KeyValuePair kv : e.getKeyValuePairs()) {
                if ("cid".equals(kv.key)) {
                    return String.valueOf(kv.value);
                }
            }
        }
        return "0";
    }

    @Override
    public void close() {
        root.detachAppender(appender);
        appender.stop();
    }
}
