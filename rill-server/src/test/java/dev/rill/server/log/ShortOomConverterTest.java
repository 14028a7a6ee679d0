package dev.rill.server.log;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import io.netty.handler.codec.DecoderException;
import org.junit.jupiter.api.Test;

/** An out-of-memory error is one line in the log, wherever it is in the cause chain. */
class ShortOomConverterTest {
    private final LoggerContext context = new LoggerContext();
    private final Logger logger = context.getLogger("test");

    @Test
    void outOfMemoryAnywhereInTheChainIsOneLine() {
        String text = render(new DecoderException(new OutOfMemoryError("Direct buffer memory")));
        assertThat(text.trim()).isEqualTo("out of memory: Direct buffer memory (stack trace left out)");
    }

    @Test
    void otherExceptionsKeepTheirStackTrace() {
        String text = render(new IllegalStateException("boom"));
        assertThat(text).contains("java.lang.IllegalStateException: boom").contains("\tat ");
    }

    private String render(Throwable t) {
        ShortOomConverter converter = new ShortOomConverter();
        converter.setContext(context);
        converter.start();
        LoggingEvent event = new LoggingEvent(Logger.class.getName(), logger, Level.ERROR, "failed", t, null);
        return converter.convert(event);
    }
}
