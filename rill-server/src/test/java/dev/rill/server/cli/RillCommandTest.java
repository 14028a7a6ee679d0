package dev.rill.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.server.Version;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code rill} command line: version, config check, and how a bad or missing config is reported. */
class RillCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @TempDir
    Path dir;

    private int run(String... args) {
        try (PrintWriter o = new PrintWriter(out, true); PrintWriter e = new PrintWriter(err, true)) {
            return RillCommand.commandLine(o, e).execute(args);
        }
    }

    @Test
    void versionFlagPrintsTheVersion() {
        assertThat(run("-v")).isZero();
        assertThat(Version.get()).isNotBlank().isNotEqualTo("unknown");
        assertThat(out.toString().strip()).isEqualTo(Version.get());
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void testFlagAcceptsTheReferenceConfig() {
        // Tests run in the module directory.
        assertThat(run("-t", "-c", "../conf/full.conf")).as("stderr: %s", err).isZero();
        assertThat(out.toString()).contains("../conf/full.conf").contains("test is successful");
    }

    @Test
    void testFlagRejectsABadConfigNamingFileAndLine() throws IOException {
        Path bad = dir.resolve("bad.conf");
        Files.writeString(bad, "listen 1935;\nvhost __defaultVhost__ {\n    no_such_directive on;\n}\n");
        assertThat(run("-t", "-c", bad.toString())).isEqualTo(RillCommand.EXIT_CONFIG);
        assertThat(err.toString()).contains(bad + ":3").contains("no_such_directive");
        assertThat(out.toString()).doesNotContain("successful");
    }

    @Test
    void aWorkDirThatIsNotThereStopsTheStart() throws IOException {
        Path conf = dir.resolve("w.conf");
        Path missing = dir.resolve("no-such-dir");
        Files.writeString(conf, "listen 127.0.0.1:0;\ndaemon off;\nwork_dir " + missing + ";\n");
        assertThat(run("-t", "-c", conf.toString())).as("SRS checks a config without changing into work_dir")
                .isZero();
        assertThat(run("-c", conf.toString())).isEqualTo(RillCommand.EXIT_CONFIG);
        assertThat(err.toString()).contains("work_dir " + missing + " is not a directory");
    }

    @Test
    void missingConfigFileFailsWithAClearMessage() {
        Path missing = dir.resolve("absent.conf");
        assertThat(run("-c", missing.toString())).isEqualTo(RillCommand.EXIT_CONFIG);
        assertThat(err.toString()).contains("cannot read config " + missing).contains("NoSuchFile");
    }
}
