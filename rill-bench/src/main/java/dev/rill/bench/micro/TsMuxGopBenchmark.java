package dev.rill.bench.micro;

import dev.rill.codec.ts.TsMuxer;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
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
 * One GOP of a 2150 kbps stream muxed into MPEG-TS, as HLS and HTTP-TS do it: 2 s at 30 fps (one
 * 40 KB keyframe, 59 frames of 8 KB, each one AVCC NAL unit) and 86 AAC frames, from FLV tag
 * payloads to 188-byte packets (PAT/PMT, PES, Annex B with AUD and SPS/PPS, ADTS). One op is the
 * whole GOP into a reused output buffer.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TsMuxGopBenchmark {
    private static final int FPS = 30;
    private static final int FRAMES = 60;
    private static final int AUDIO_FRAMES = 86;
    private static final byte[] SPS = {0x67, 0x64, 0x00, 0x1f, (byte) 0xac, (byte) 0xd9, 0x40, 0x50, 0x05, (byte) 0xbb, 0x01, 0x10};
    private static final byte[] PPS = {0x68, (byte) 0xeb, (byte) 0xe3, (byte) 0xcb, 0x22, (byte) 0xc0};

    private final List<ByteBuf> video = new ArrayList<>();
    private final List<ByteBuf> audio = new ArrayList<>();
    private ByteBuf avcHeader;
    private ByteBuf aacHeader;
    private ByteBuf out;
    private TsMuxer muxer;

    @Setup(Level.Trial)
    public void setUp() {
        Random random = new Random(1);
        avcHeader = avcSequenceHeader();
        aacHeader = Unpooled.wrappedBuffer(new byte[] {(byte) 0xAF, 0, 0x12, 0x10});
        for (int i = 0; i < FRAMES; i++) {
            video.add(videoFrame(random, i == 0 ? 40_000 : 8_000, i == 0));
        }
        for (int i = 0; i < AUDIO_FRAMES; i++) {
            byte[] frame = new byte[2 + 372];
            random.nextBytes(frame);
            frame[0] = (byte) 0xAF;
            frame[1] = 1;
            audio.add(Unpooled.wrappedBuffer(frame));
        }
        out = ByteBufAllocator.DEFAULT.directBuffer(700_000);
        muxer = new TsMuxer(ByteBufAllocator.DEFAULT);
        muxer.writeVideo(out, 0, avcHeader);
        muxer.writeAudio(out, 0, aacHeader);
        out.clear();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        muxer.close();
        out.release();
        avcHeader.release();
        aacHeader.release();
        video.forEach(ByteBuf::release);
        audio.forEach(ByteBuf::release);
    }

    @Benchmark
    public int muxOneGop() {
        out.clear();
        muxer.writeTables(out);
        int a = 0;
        for (int i = 0; i < FRAMES; i++) {
            long ts = i * 1000L / FPS;
            muxer.writeVideo(out, ts, video.get(i));
            while (a < AUDIO_FRAMES && a * 1024L * 1000 / 44100 <= ts) {
                muxer.writeAudio(out, a * 1024L * 1000 / 44100, audio.get(a));
                a++;
            }
        }
        muxer.flush(out);
        return out.readableBytes();
    }

    private static ByteBuf avcSequenceHeader() {
        ByteBuf b = Unpooled.buffer();
        b.writeBytes(new byte[] {0x17, 0, 0, 0, 0, 1, 0x64, 0x00, 0x1f, (byte) 0xff, (byte) 0xe1});
        b.writeShort(SPS.length).writeBytes(SPS);
        b.writeByte(1).writeShort(PPS.length).writeBytes(PPS);
        return b;
    }

    private static ByteBuf videoFrame(Random random, int size, boolean key) {
        byte[] nalu = new byte[size];
        random.nextBytes(nalu);
        nalu[0] = (byte) (key ? 0x65 : 0x41);
        ByteBuf b = Unpooled.buffer(5 + 4 + size);
        b.writeBytes(new byte[] {(byte) (key ? 0x17 : 0x27), 1, 0, 0, 0});
        b.writeInt(size).writeBytes(nalu);
        return b;
    }
}
