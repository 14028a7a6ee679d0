package dev.rill.server.hls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import dev.rill.server.testing.FrameWindow;
import dev.rill.server.testing.HttpFlvPlayer;
import dev.rill.server.testing.LogCapture;
import dev.rill.server.testing.RecordingPlayer;
import dev.rill.server.testing.RtmpClients;
import dev.rill.server.testing.SyntheticPublisher;
import dev.rill.server.testing.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * hls_path unwritable while a stream is live, under the default hls_on_error (continue): the
 * failure is logged once for the stream, not once per segment; its RTMP and HTTP-FLV players go
 * on receiving every frame; and once the disk can be written again, segments and the playlist are
 * written again, which is logged too.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HlsUnwritableDiskTest {
    @RegisterExtension
    static final RtmpClients CLIENTS = new RtmpClients();
    static final String HTTP = "http_server { enabled on; listen 127.0.0.1:0; dir ./target/no-html; }";
    static final String FAILED = "HLS write failed for __defaultVhost__/live/cam";
    /** 3 s of frames at 50 fps: 15 keyframes, each a failed attempt to open a segment. */
    static final int FAULT_FRAMES = 150;

    @TempDir
    static Path dir;

    /** A way to make {@link #hlsPath()} unwritable and writable again, as a real disk would be. */
    interface Fault {
        Path hlsPath();

        void apply() throws IOException;

        void lift() throws IOException;
    }

    static Stream<Fault> faults() {
        return Stream.of(new ParentIsAFile(dir.resolve("a")), new NoWritePermission(dir.resolve("b")),
                new DiskFull(dir.resolve("c")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("faults")
    void theFailureIsLoggedOnceThePlayersKeepUpAndHlsResumes(Fault fault) throws Exception {
        fault.apply();
        try (LogCapture logs = new LogCapture();
             TestServer server = TestServer.start(HTTP, "http_remux { enabled on; mount [vhost]/[app]/[stream].flv; }\n"
                     + "hls { enabled on; hls_fragment 1; hls_path " + fault.hlsPath() + "; }");
             HttpFlvPlayer flv = HttpFlvPlayer.play(server.httpUrl("/live/cam.flv"))) {
            RecordingPlayer rtmp = RecordingPlayer.play(CLIENTS.connector(), server.rtmp(), "live", "cam");
            SyntheticPublisher publisher = SyntheticPublisher.publish(CLIENTS.connector(), server.rtmp(), "live", "cam",
                    1000, 10, 20);
            await().atMost(Duration.ofSeconds(10)).until(() -> failures(logs).size() == 1
                    && rtmp.packets.videoCount() > 0 && flv.recorder.packets.videoCount() > 0);
            FrameWindow toRtmp = FrameWindow.open(fault + ", RTMP player", publisher::framesSent, rtmp.packets::videoCount);
            FrameWindow toFlv = FrameWindow.open(fault + ", HTTP-FLV player", publisher::framesSent,
                    flv.recorder.packets::videoCount);
            await().atMost(Duration.ofSeconds(20)).until(() -> toRtmp.sent() >= FAULT_FRAMES);
            toRtmp.assertKept(0.8);
            toFlv.assertKept(0.8);
            assertThat(failures(logs)).as("one line for the stream, not one per segment").hasSize(1).first()
                    .asString().contains(fault.hlsPath().toString());
            assertThat(segments(fault.hlsPath())).isEmpty();

            fault.lift();
            Path m3u8 = fault.hlsPath().resolve("live/cam.m3u8");
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(m3u8) && !segments(fault.hlsPath()).isEmpty());
            assertThat(Files.readString(m3u8)).contains("cam-");
            await().atMost(Duration.ofSeconds(5)).until(() -> logs.lines(Level.WARN).stream()
                    .anyMatch(l -> l.contains("HLS writes again for __defaultVhost__/live/cam")));
            System.out.println(fault + ": " + logs.lines(Level.WARN).stream()
                    .filter(l -> l.contains("HLS writes again")).findFirst().orElseThrow());
            assertThat(failures(logs)).hasSize(1);
            assertThat(rtmp.isActive()).isTrue();
            assertThat(publisher.isActive()).isTrue();
            publisher.close();
            rtmp.close();
        }
    }

    private static List<String> failures(LogCapture logs) {
        return logs.lines(Level.ERROR).stream().filter(l -> l.contains(FAILED)).toList();
    }

    /** The finished segments under {@code hlsPath}, none when it cannot be read. */
    private static List<Path> segments(Path hlsPath) throws IOException {
        Path live = hlsPath.resolve("live");
        if (!Files.isDirectory(live)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(live)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".ts") && Files.isRegularFile(f)).toList();
        }
    }

    /** hls_path's parent is a regular file (ENOTDIR), as when a mount has gone; lifted by removing it. */
    record ParentIsAFile(Path parent) implements Fault {
        public Path hlsPath() {
            return parent.resolve("hls");
        }

        public void apply() throws IOException {
            Files.writeString(parent, "not a directory");
        }

        public void lift() throws IOException {
            Files.delete(parent);
        }

        @Override
        public String toString() {
            return "parent of hls_path is a file";
        }
    }

    /**
     * hls_path and its app directory without write permission (EACCES), as a read-only directory;
     * lifted by restoring it. Skipped where permissions do not stop writes (running as root).
     */
    record NoWritePermission(Path root) implements Fault {
        public Path hlsPath() {
            return root;
        }

        public void apply() throws IOException {
            Files.createDirectories(root.resolve("live"));
            setWritable(false);
            Path probe = root.resolve("live/probe");
            try {
                Files.createFile(probe);
            } catch (IOException e) {
                return;
            }
            Files.delete(probe);
            setWritable(true);
            Assumptions.abort("permissions do not stop this user writing (root?); the other faults cover it");
        }

        public void lift() throws IOException {
            setWritable(true);
        }

        private void setWritable(boolean writable) throws IOException {
            String perms = writable ? "rwx------" : "r-x------";
            Files.setPosixFilePermissions(root.resolve("live"), PosixFilePermissions.fromString(perms));
            Files.setPosixFilePermissions(root, PosixFilePermissions.fromString(perms));
        }

        @Override
        public String toString() {
            return "hls_path read-only";
        }
    }

    /**
     * A full disk (ENOSPC from the kernel): the partial file of each segment the writer can reach
     * in the test, {@code live/cam-N.ts.tmp}, is a link to /dev/full, where every write fails with
     * "No space left on device"; lifted by removing the links, as freeing space would.
     */
    record DiskFull(Path root) implements Fault {
        static final int LINKS = 400;

        public Path hlsPath() {
            return root;
        }

        public void apply() throws IOException {
            Path full = Path.of("/dev/full");
            Assumptions.assumeTrue(Files.isWritable(full), "no /dev/full");
            Files.createDirectories(root.resolve("live"));
            for (int seq = 0; seq < LINKS; seq++) {
                Files.createSymbolicLink(root.resolve("live/cam-" + seq + ".ts.tmp"), full);
            }
        }

        public void lift() throws IOException {
            for (int seq = 0; seq < LINKS; seq++) {
                Files.deleteIfExists(root.resolve("live/cam-" + seq + ".ts.tmp"));
            }
        }

        @Override
        public String toString() {
            return "disk full";
        }
    }
}
