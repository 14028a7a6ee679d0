package dev.rill.server.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bytedeco.javacpp.Loader;

/** The ffmpeg and ffprobe programs shipped by the org.bytedeco:ffmpeg artifact, run as processes. */
public final class Ffmpeg {
    private static volatile String ffmpegPath;
    private static volatile String ffprobePath;

    private Ffmpeg() {
    }

    public static synchronized String ffmpeg() {
        if (ffmpegPath == null) {
            ffmpegPath = Loader.load(org.bytedeco.ffmpeg.ffmpeg.class);
        }
        return ffmpegPath;
    }

    public static synchronized String ffprobe() {
        if (ffprobePath == null) {
            ffprobePath = Loader.load(org.bytedeco.ffmpeg.ffprobe.class);
        }
        return ffprobePath;
    }

    /** Starts ffmpeg with {@code args}, its output going to {@code log}. */
    public static Process start(Path log, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(ffmpeg());
        cmd.add("-hide_banner");
        cmd.add("-nostdin");
        cmd.addAll(List.of(args));
        Files.createDirectories(log.getParent());
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** Runs ffmpeg to completion; fails with its log when it exits non-zero or runs too long. */
    public static void run(Path log, long timeoutSeconds, String... args) throws IOException, InterruptedException {
        Process p = start(log, args);
        awaitExit(p, log, timeoutSeconds);
    }

    public static void awaitExit(Process p, Path log, long timeoutSeconds) throws IOException, InterruptedException {
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("ffmpeg did not finish in " + timeoutSeconds + " s:\n" + tail(log));
        }
        if (p.exitValue() != 0) {
            throw new AssertionError("ffmpeg exited " + p.exitValue() + ":\n" + tail(log));
        }
    }

    public static String tail(Path log) throws IOException {
        if (!Files.exists(log)) {
            return "(no log)";
        }
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }
}
