package dev.rill.server.log;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * The log message as {@code %msg} prints it, escaped and capped by {@link LoggedText}: the last
 * guard for lines that carry outside text through any logger, including libraries'.
 */
public final class BoundedMessageConverter extends ClassicConverter {
    @Override
    public String convert(ILoggingEvent event) {
        return LoggedText.bounded(event.getFormattedMessage(), LoggedText.MAX_MESSAGE);
    }
}
