package dev.rill.server.log;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.core.joran.spi.JoranException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** {@link LogSetup} writes SRS's line shape {@code [time][level][pid][cid] message} to the configured file. */
class LogSetupTest {
    private static final String PID = Long.toString(ProcessHandle.current().pid());
    private static final String TIME = "\\[\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}\\.\\d{3}]";

    @TempDir
    Path dir;

    /** Back to the configuration the tests started with (logback.xml on the classpath). */
    @AfterEach
    void restoreLogback() throws JoranException {
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        ctx.reset();
        new ContextInitializer(ctx).autoConfig();
    }

    @Test
    void fileTankLinesHaveTimeLevelPidAndCid() throws IOException {
        Path file = dir.resolve("objs/rill.log");
        Files.createDirectories(file.getParent());
        LogSetup.apply("trace", file);
        ContextLog log = ContextLog.of(LogSetupTest.class, "k3x9ab7q");
        log.trace("connect app ok, vhost={}", "__defaultVhost__");
        log.warn("player too slow");
        log.verbose("below the trace level, not written");
        LoggerFactory.getLogger(LogSetupTest.class).error("process-wide");

        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).matches(TIME + Pattern.quote("[Trace][" + PID + "][k3x9ab7q] connect app ok, vhost=__defaultVhost__"));
        assertThat(lines.get(1)).matches(TIME + Pattern.quote("[Warn][" + PID + "][k3x9ab7q] player too slow"));
        assertThat(lines.get(2)).matches(TIME + Pattern.quote("[Error][" + PID + "][0] process-wide"));
    }

    @Test
    void verboseLinesAreWrittenOnlyAtVerboseLevel() throws IOException {
        Path info = dir.resolve("info.log");
        LogSetup.apply("info", info);
        ContextLog.of(LogSetupTest.class, "c1").verbose("handshake done");
        assertThat(Files.readAllLines(info, StandardCharsets.UTF_8)).as("verbose at srs_log_level info").isEmpty();

        Path verbose = dir.resolve("verbose.log");
        LogSetup.apply("verbose", verbose);
        ContextLog.of(LogSetupTest.class, "c1").verbose("handshake done");
        assertThat(Files.readAllLines(verbose, StandardCharsets.UTF_8)).singleElement().satisfies(line ->
                assertThat(line).matches(TIME + Pattern.quote("[Verb][" + PID + "][c1] handshake done")));
    }
}
