package dev.rill.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code rill-bench} command: RTMP or FLV-over-HTTP load against a live server, one summary line per run. */
@Command(name = "rill-bench", mixinStandardHelpOptions = true, version = "rill-bench 0.1.0",
        description = "Publishes to an RTMP server and plays from it with many RTMP, HTTP-FLV or WebSocket-FLV"
                + " players;"
                + " reports connect and first-keyframe times, delivered fraction, end-to-end latency and the"
                + " server's CPU and memory.")
public final class BenchCommand implements Callable<Integer> {
    @Option(names = "--url", required = true, description = "where players play: rtmp://host[:port]/app/stream,"
            + " or http://host[:port]/app/stream.flv (ws://...) for HTTP-FLV (WebSocket-FLV) players"
            + " (then --publish-url is needed)")
    String url;

    @Option(names = "--publish-url", description = "rtmp://host[:port]/app/stream to publish to instead of --url"
            + " (an origin while players play from an edge, or the RTMP side of HTTP-FLV players);"
            + " the stream names must match.")
    String publishUrl;

    @Option(names = "--players", defaultValue = "100", description = "players (default ${DEFAULT-VALUE})")
    int players;

    @Option(names = "--ramp", defaultValue = "50", description = "players started per second (default ${DEFAULT-VALUE})")
    double ramp;

    @Option(names = "--duration", defaultValue = "30",
            description = "measured seconds, after all players are up and warm (default ${DEFAULT-VALUE})")
    double duration;

    @ArgGroup(exclusive = true)
    PublishMode mode = new PublishMode();

    @Option(names = "--bitrate", defaultValue = "2000", description = "generated video kbps (default ${DEFAULT-VALUE})")
    int bitrate;

    @Option(names = "--fps", defaultValue = "30", description = "generated frames per second (default ${DEFAULT-VALUE})")
    int fps;

    @Option(names = "--gop", defaultValue = "2", description = "generated keyframe interval, s (default ${DEFAULT-VALUE})")
    double gop;

    @Option(names = "--publishers", defaultValue = "1",
            description = "publishers, streams suffixed -0, -1... when more than one; players spread evenly"
                    + " (default ${DEFAULT-VALUE})")
    int publishers;

    @Option(names = "--warmup", defaultValue = "2", description = "seconds after all players are up (default ${DEFAULT-VALUE})")
    double warmup;

    @Option(names = "--grace", defaultValue = "2",
            description = "seconds after the window for its messages to arrive (default ${DEFAULT-VALUE})")
    double grace;

    @Option(names = "--settle", defaultValue = "15",
            description = "seconds after the ramp for players to get a keyframe (default ${DEFAULT-VALUE})")
    double settle;

    @Option(names = "--threads", description = "client event loop threads (default: available processors)")
    Integer threads;

    @Option(names = "--server-pid", description = "the server's pid, for its CPU and RSS over the window")
    String serverPid;

    @Option(names = "--json", description = "also write the result as JSON to this file")
    Path json;

    /** --publish FILE or --publish-synthetic (the default). */
    static final class PublishMode {
        @Option(names = "--publish", description = "publish this FLV file, looped")
        Path file;

        @Option(names = "--publish-synthetic", description = "publish a generated H.264/AAC stream (default)")
        boolean synthetic;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchCommand()).execute(args));
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (serverPid != null && !Files.isReadable(Path.of("/proc", serverPid, "stat"))) {
            System.err.println("rill-bench: no process " + serverPid + " (/proc/" + serverPid + "/stat)");
            return 2;
        }
        BenchUrl playUrl = BenchUrl.parse(url);
        BenchUrl publishTo = BenchUrl.parse(publishUrl != null ? publishUrl : url);
        if (!publishTo.isRtmp() || !publishTo.stream().equals(playUrl.stream())) {
            System.err.println("rill-bench: publishers need an rtmp:// URL of the stream players play ("
                    + playUrl.stream() + "); give --publish-url");
            return 2;
        }
        BenchConfig config = new BenchConfig(playUrl, publishTo,
                players, ramp, duration, mode.file, bitrate, fps,
                gop, publishers, warmup, grace, settle, serverPid,
                threads == null ? Runtime.getRuntime().availableProcessors() : threads);
        RunResult result = new LoadRun(config, System.err).run();
        System.out.println("rill-bench: " + result.summaryLine());
        if (json != null) {
            Files.writeString(json, ResultJson.of(config, result), StandardCharsets.UTF_8);
        }
        return result.up() == 0 ? 1 : 0;
    }
}
