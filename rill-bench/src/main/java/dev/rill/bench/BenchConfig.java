package dev.rill.bench;

import java.nio.file.Path;

/**
 * One run's settings.
 *
 * @param publishUrl       where publishers publish (an origin), when players play from {@code url}
 *                         elsewhere (an edge); usually the same as {@code url}
 * @param publishFile      FLV file to publish (looped), or null for the generated stream
 * @param bitrateKbps      generated video bitrate
 * @param gopSeconds       generated keyframe interval
 * @param warmupSeconds    wait after every player is up before the window opens
 * @param graceSeconds     wait after the window closes for messages sent in it to arrive
 * @param settleSeconds    how long after the ramp players may take to get their first keyframe
 * @param serverPid        the server's process id for CPU and RSS, or null
 */
record BenchConfig(BenchUrl url, BenchUrl publishUrl, int players, double rampPerSecond, double durationSeconds, Path publishFile,
                   int bitrateKbps, int fps, double gopSeconds, int publishers, double warmupSeconds,
                   double graceSeconds, double settleSeconds, String serverPid, int threads) {
    BenchConfig {
        if (players < 0 || publishers < 1 || rampPerSecond <= 0 || durationSeconds <= 0 || threads < 1) {
            throw new IllegalArgumentException("players >= 0, publishers >= 1, ramp > 0, duration > 0 and threads >= 1");
        }
    }
}
