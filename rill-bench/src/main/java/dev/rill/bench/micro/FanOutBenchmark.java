package dev.rill.bench.micro;

import dev.rill.codec.rtmp.ChunkStreamId;
import dev.rill.codec.rtmp.MessageType;
import dev.rill.codec.rtmp.chunk.ChunkWriter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
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
 * One video message sent to many RTMP players; one operation is the whole fan-out.
 *
 * <p>{@link #sharedRun} is what caught-up players of one group do: one encoding with a fmt-1
 * header, a duplicate of it per player. {@link #sharedBody} is what a player writing its own batch
 * does (SharedMessage + RtmpPlayer): the payload is
 * chunked once ({@link ChunkWriter#encodeBody}); each player then writes only its own fmt-0 first
 * header into its per-batch header buffer and takes a slice of it plus a duplicate of the shared
 * body (retained here; the server's players now take a view without a reference, which
 * {@link SharedViewBenchmark} compares with a retained one). {@link #encodePerPlayer} is what a {@code ChunkEncoder} in every player's pipeline
 * would do: size a buffer for the whole chunked message and copy header and body into it, per
 * player. The buffers handed to "the socket" are released after the fan-out, as a flushed write
 * would release them.
 *
 * <p>With {@code alloc=unpooled-heap} every buffer byte is a Java heap allocation, so
 * {@code -prof gc}'s {@code gc.alloc.rate.norm} shows the bytes each strategy produces per message:
 * about one payload in all for the shared body, one payload per player for the per-player encoding.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class FanOutBenchmark {
    private static final int STREAM_ID = 1;

    @Param("1000")
    public int players;

    @Param("102400")
    public int payloadBytes;

    /** 60000 is Rill's default outgoing chunk size; 4096 shows a chunk size many servers use. */
    @Param({"60000", "4096"})
    public int chunkSize;

    @Param({"default", "unpooled-heap"})
    public String alloc;

    private ByteBufAllocator allocator;
    private ByteBuf payload;
    private ByteBuf[] written;
    private long timestamp;

    @Setup(Level.Trial)
    public void setUp() {
        allocator = Allocators.named(alloc);
        payload = MediaPayloads.video(allocator, payloadBytes, false);
        written = new ByteBuf[players * 2];
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        payload.release();
    }

    @Benchmark
    public int sharedBody() {
        int csid = ChunkStreamId.forType(MessageType.VIDEO);
        long ts = nextTimestamp();
        int length = payload.readableBytes();
        ByteBuf body = ChunkWriter.encodeBody(allocator, payload, chunkSize, csid, ts);
        int headerSize = ChunkWriter.firstHeaderSize(csid, ts);
        int n = 0;
        try {
            for (int p = 0; p < players; p++) {
                ByteBuf headers = allocator.buffer(headerSize);
                try {
                    ChunkWriter.writeFirstHeader(headers, csid, ts, length, MessageType.VIDEO, STREAM_ID);
                    written[n++] = headers.retainedSlice(0, headers.writerIndex());
                } finally {
                    headers.release();
                }
                written[n++] = body.retainedDuplicate();
            }
        } finally {
            body.release();
        }
        return releaseWritten(n);
    }

    /**
     * What caught-up players of one group do (RtmpPlayer with a LiveRun): the message is encoded
     * once with a fmt-1 header (its timestamp as a delta, so the same bytes fit every player) and
     * each player writes a duplicate of that one buffer.
     */
    @Benchmark
    public int sharedRun() {
        int csid = ChunkStreamId.forType(MessageType.VIDEO);
        int length = payload.readableBytes();
        ByteBuf run = allocator.buffer(ChunkWriter.deltaHeaderSize(csid) + ChunkWriter.bodySize(length, chunkSize, csid, 0));
        int n = 0;
        try {
            ChunkWriter.writeDeltaHeader(run, csid, 33, length, MessageType.VIDEO);
            ChunkWriter.writeBody(run, payload, chunkSize, csid, 0);
            for (int p = 0; p < players; p++) {
                written[n++] = run.retainedDuplicate();
            }
        } finally {
            run.release();
        }
        return releaseWritten(n);
    }

    @Benchmark
    public int encodePerPlayer() {
        int csid = ChunkStreamId.forType(MessageType.VIDEO);
        long ts = nextTimestamp();
        int length = payload.readableBytes();
        int size = ChunkWriter.firstHeaderSize(csid, ts) + ChunkWriter.bodySize(length, chunkSize, csid, ts);
        int n = 0;
        for (int p = 0; p < players; p++) {
            ByteBuf out = allocator.buffer(size);
            written[n++] = out;
            ChunkWriter.writeFirstHeader(out, csid, ts, length, MessageType.VIDEO, STREAM_ID);
            ChunkWriter.writeBody(out, payload, chunkSize, csid, ts);
        }
        return releaseWritten(n);
    }

    private long nextTimestamp() {
        timestamp = (timestamp + 33) & 0x7FFFFF;
        return timestamp;
    }

    /** What the socket does once the write is flushed; returns the bytes "sent". */
    private int releaseWritten(int n) {
        int bytes = 0;
        for (int i = 0; i < n; i++) {
            bytes += written[i].readableBytes();
            written[i].release();
            written[i] = null;
        }
        return bytes;
    }
}
