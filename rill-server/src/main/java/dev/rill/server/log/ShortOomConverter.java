package dev.rill.server.log;

import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.CoreConstants;

/**
 * {@code %ex} as logback prints it, except that an out-of-memory error anywhere in the cause
 * chain is one line: its stack says nothing an operator can use, and printing it (from every
 * thread that meets it) would only add to the trouble.
 */
public final class ShortOomConverter extends ThrowableProxyConverter {
    @Override
    protected String throwableProxyToString(IThrowableProxy tp) {
        for (IThrowableProxy t = tp; t != null; t = t.getCause()) {
            if (isOutOfMemory(t.getClassName())) {
                return "  out of memory: " + LoggedText.bounded(String.valueOf(t.getMessage()), LoggedText.MAX_MESSAGE)
                        + " (stack trace left out)" + CoreConstants.LINE_SEPARATOR;
            }
        }
        return super.throwableProxyToString(tp);
    }

    static boolean isOutOfMemory(String className) {
        return className.endsWith("OutOfMemoryError") || className.endsWith("OutOfDirectMemoryError");
    }
}
