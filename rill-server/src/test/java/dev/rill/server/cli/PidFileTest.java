package dev.rill.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.codec.RillException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The pid file: written with our pid, removed on release, refused while another live process holds it. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class PidFileTest {
    private static final long OUR_PID = ProcessHandle.current().pid();

    @TempDir
    Path dir;

    @Test
    void acquireWritesOurPidAndReleaseRemovesIt() throws IOException {
        Path path = dir.resolve("objs/srs.pid");
        PidFile pid = PidFile.acquire(path);
        assertThat(Files.readString(path, StandardCharsets.US_ASCII)).isEqualTo(OUR_PID + "\n");
        pid.release();
        assertThat(path).doesNotExist();
    }

    @Test
    void fileHeldByAnotherLiveProcessIsRefused() throws IOException, InterruptedException {
        Path path = dir.resolve("srs.pid");
        Process other = new ProcessBuilder("sleep", "30").start();
        try {
            Files.writeString(path, other.pid() + "\n", StandardCharsets.US_ASCII);
            assertThatThrownBy(() -> PidFile.acquire(path)).isInstanceOf(RillException.class)
                    .hasMessageContaining("pid file " + path + " is held by running process " + other.pid());
            assertThat(Files.readString(path, StandardCharsets.US_ASCII)).as("left as it was").isEqualTo(other.pid() + "\n");
        } finally {
            other.destroy();
            other.waitFor();
        }
    }

    @Test
    void fileOfAProcessThatHasExitedIsTakenOver() throws IOException, InterruptedException {
        Path path = dir.resolve("srs.pid");
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Files.writeString(path, gone.pid() + "\n", StandardCharsets.US_ASCII);
        PidFile pid = PidFile.acquire(path);
        assertThat(Files.readString(path, StandardCharsets.US_ASCII)).isEqualTo(OUR_PID + "\n");
        pid.release();
    }

    @Test
    void fileHoldingOurOwnPidIsTakenOver() throws IOException {
        Path path = dir.resolve("srs.pid");
        Files.writeString(path, OUR_PID + "\n", StandardCharsets.US_ASCII);
        PidFile pid = PidFile.acquire(path);
        assertThat(Files.readString(path, StandardCharsets.US_ASCII)).isEqualTo(OUR_PID + "\n");
        pid.release();
        assertThat(path).doesNotExist();
    }
}
