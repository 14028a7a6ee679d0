package dev.rill.server.log;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.OutputStreamAppender;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * Configures Logback from the config's srs_log_* directives: console or file, SRS's level names,
 * and SRS's line shape {@code [time][level][pid][cid] message}.
 */
public final class LogSetup {
    static final String PATTERN = "[%d{yyyy-MM-dd HH:mm:ss.SSS}][%srslevel][%pid][%cid] %boundedmsg%n%shortoomex";

    private LogSetup() {
    }

    /** Maps srs_log_level (verbose, info, trace, warn, error) to Logback's levels. */
    public static Level levelOf(String srsLevel) {
        return switch (srsLevel) {
            case "verbose" -> Level.TRACE;
            case "info" -> Level.DEBUG;
            case "trace" -> Level.INFO;
            case "warn" -> Level.WARN;
            case "error" -> Level.ERROR;
            default -> throw new IllegalArgumentException("unknown srs_log_level '" + srsLevel + "'");
        };
    }

    /** Sends Rill's logs to the console, or to {@code file} when it is not null. */
    public static void apply(String srsLevel, Path file) {
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = ctx.getLogger(Logger.ROOT_LOGGER_NAME);
        OutputStreamAppender<ILoggingEvent> appender = file == null ? new ConsoleAppender<>() : fileAppender(file);
        appender.setContext(ctx);
        appender.setName(file == null ? "console" : "file");
        appender.setEncoder(encoder(ctx));
        // The old appender goes first: Logback refuses a second appender on the same file, and
        // reopening that file by name is what SIGUSR1 (logrotate) asks for.
        root.detachAndStopAllAppenders();
        appender.start();
        root.addAppender(appender);
        root.setLevel(levelOf(srsLevel));
        ctx.getLogger("io.netty").setLevel(Level.INFO);
    }

    private static FileAppender<ILoggingEvent> fileAppender(Path file) {
        FileAppender<ILoggingEvent> fa = new FileAppender<>();
        fa.setFile(file.toString());
        fa.setAppend(true);
        fa.setPrudent(false);
        return fa;
    }

    @SuppressWarnings("unchecked")
    private static PatternLayoutEncoder encoder(LoggerContext ctx) {
        Object registry = ctx.getObject(ch.qos.logback.core.CoreConstants.PATTERN_RULE_REGISTRY);
        Map<String, String> rules = registry instanceof Map<?, ?> m ? (Map<String, String>) m : new HashMap<>();
        rules.put("cid", CidConverter.class.getName());
        rules.put("srslevel", SrsLevelConverter.class.getName());
        rules.put("pid", PidConverter.class.getName());
        rules.put("boundedmsg", BoundedMessageConverter.class.getName());
        rules.put("shortoomex", ShortOomConverter.class.getName());
        ctx.putObject(ch.qos.logback.core.CoreConstants.PATTERN_RULE_REGISTRY, rules);
        PatternLayoutEncoder enc = new PatternLayoutEncoder();
        enc.setContext(ctx);
        enc.setPattern(PATTERN);
        enc.start();
        return enc;
    }
}
