package dev.rill.server.log;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/** Level names as SRS prints them: Verb, Debug, Trace, Warn, Error. */
public final class SrsLevelConverter extends ClassicConverter {
    @Override
    public String convert(ILoggingEvent event) {
        return srsName(event.getLevel());
    }

    static String srsName(Level level) {
        return switch (level.toInt()) {
            case Level.TRACE_INT -> "Verb";
            case Level.DEBUG_INT -> "Debug";
            case Level.INFO_INT -> "Trace";
            case Level.WARN_INT -> "Warn";
            default -> "Error";
        };
    }
}
