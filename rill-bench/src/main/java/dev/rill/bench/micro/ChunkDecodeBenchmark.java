package dev.rill.bench.micro;

import dev.rill.codec.rtmp.ChunkStreamId;
import dev.rill.codec.rtmp.MessageType;
import dev.rill.codec.rtmp.RtmpMessage;
import dev.rill.codec.rtmp.chunk.ChunkDecoder;
import dev.rill.codec.rtmp.chunk.ChunkLimits;
import dev.rill.codec.rtmp.chunk.ChunkWriter;
import dev.rill.codec.rtmp.control.SetChunkSize;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A publisher's chunk stream reassembled by {@link ChunkDecoder} in a channel pipeline; one
 * operation is one second of a 2150 kbps stream (30 video messages of 8,958 bytes and 43 AAC
 * frames, interleaved by time), fed in socket-read-sized pieces. Each message starts with a fmt-0
 * header, continuations are fmt 3. The decoder's payloads are released as the server would.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ChunkDecodeBenchmark {
    private static final int FPS = 30;
    private static final int VIDEO_BYTES = 2150 * 1000 / 8 / FPS;
    private static final int AUDIO_FRAMES = 43;
    private static final int STREAM_ID = 1;

    /** 128 is RTMP's initial chunk size; 4096 is what ffmpeg and OBS set. */
    @Param({"4096", "128"})
    public int chunkSize;

    /** Bytes per socket read handed to the pipeline. */
    @Param("65536")
    public int readSize;

    private EmbeddedChannel channel;
    private ByteBuf second;
    private int messagesPerSecond;

    @Setup(Level.Trial)
    public void setUp() {
        ByteBufAllocator alloc = ByteBufAllocator.DEFAULT;
        channel = new EmbeddedChannel(new ChunkDecoder(ChunkLimits.DEFAULT));
        second = alloc.directBuffer();
        RtmpMessage setChunkSize = new SetChunkSize(chunkSize).toMessage(alloc);
        try {
            write(second, setChunkSize.payload(), ChunkStreamId.PROTOCOL_CONTROL, MessageType.SET_CHUNK_SIZE, 0, 0,
                    128);
        } finally {
            setChunkSize.release();
        }
        feedAll();
        second.clear();
        messagesPerSecond = writeSecond(alloc);
        int decoded = feedAll();
        if (decoded != messagesPerSecond) {
            throw new IllegalStateException("decoded " + decoded + " messages of " + messagesPerSecond);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        second.release();
        channel.finishAndReleaseAll();
    }

    @Benchmark
    public int decodeOneSecond() {
        return feedAll();
    }

    private int writeSecond(ByteBufAllocator alloc) {
        ByteBuf video = MediaPayloads.video(alloc, VIDEO_BYTES, false);
        ByteBuf audio = MediaPayloads.audio(alloc, MediaPayloads.AUDIO_FRAME_BYTES);
        try {
            int v = 0;
            int a = 0;
            while (v < FPS || a < AUDIO_FRAMES) {
                long vt = v * 1000L / FPS;
                long at = a * 1000L / AUDIO_FRAMES;
                if (v < FPS && (a >= AUDIO_FRAMES || vt <= at)) {
                    write(second, video, ChunkStreamId.VIDEO, MessageType.VIDEO, vt, STREAM_ID, chunkSize);
                    v++;
                } else {
                    write(second, audio, ChunkStreamId.AUDIO, MessageType.AUDIO, at, STREAM_ID, chunkSize);
                    a++;
                }
            }
            return FPS + AUDIO_FRAMES;
        } finally {
            video.release();
            audio.release();
        }
    }

    private static void write(ByteBuf out, ByteBuf payload, int csid, int type, long ts, int streamId, int chunk) {
        ChunkWriter.writeFirstHeader(out, csid, ts, payload.readableBytes(), type, streamId);
        ChunkWriter.writeBody(out, payload, chunk, csid, ts);
    }

    /** Feeds the prepared bytes in reads of {@code readSize}; releases and counts what comes out. */
    private int feedAll() {
        int messages = 0;
        int end = second.writerIndex();
        for (int offset = 0; offset < end; offset += readSize) {
            channel.writeInbound(second.retainedSlice(offset, Math.min(readSize, end - offset)));
            Object msg;
            while ((msg = channel.readInbound()) != null) {
                ((RtmpMessage) msg).release();
                messages++;
            }
        }
        return messages;
    }
}
