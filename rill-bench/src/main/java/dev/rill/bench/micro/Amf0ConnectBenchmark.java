package dev.rill.bench.micro;

import dev.rill.codec.amf.AmfLimits;
import dev.rill.codec.amf.AmfObject;
import dev.rill.codec.rtmp.RtmpMessage;
import dev.rill.codec.rtmp.command.Command;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Decoding the connect command an ffmpeg publisher sends (AMF0, spec 7.2.1.1): the name, the
 * transaction id and the command object with ffmpeg's eight properties, as the server decodes
 * every command message ({@link Command#decode}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class Amf0ConnectBenchmark {
    private RtmpMessage connect;

    @Setup(Level.Trial)
    public void setUp() {
        AmfObject object = AmfObject.of(
                "app", "live",
                "type", "nonprivate",
                "flashVer", "FMLE/3.0 (compatible; Lavf60.16.100)",
                "tcUrl", "rtmp://127.0.0.1:1935/live",
                "fpad", false,
                "capabilities", 15.0,
                "audioCodecs", 4071.0,
                "videoCodecs", 252.0,
                "videoFunction", 1.0);
        connect = Command.of("connect", 1, object).encode(UnpooledByteBufAllocator.DEFAULT, 0);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        connect.release();
    }

    @Benchmark
    public Command decodeConnect() {
        return Command.decode(connect, AmfLimits.DEFAULT);
    }
}
