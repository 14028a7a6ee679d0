package dev.rill.bench.micro;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Two event loops handing one shared message body to their players at once, as the server does
 * when a stream's players sit on both loops; one operation is one loop's share of the players.
 *
 * <p>{@link #retainedDuplicate} is a view that counts as a reference: each player retains the
 * shared body and the socket write releases it, so both loops update the same reference count
 * for every player and its cache line moves between the cores. {@link #unreferencedView} is what
 * {@code SharedMessage.chunkedBodyForWrite} hands out: a duplicate whose release does nothing,
 * valid because the player holds its reference to the message until the write is done. Both
 * read the body once per player, as the write's gathering (the address and length) does.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(2)
public class SharedViewBenchmark {
    /** One loop's players (500 players on two loops). */
    @Param("250")
    public int playersPerLoop;

    private ByteBuf body;

    @Setup(Level.Trial)
    public void setUp() {
        body = new PooledByteBufAllocator(true).directBuffer(9000);
        body.writeZero(9000);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        body.release();
    }

    /** One loop's outbound buffer: the views written to its players, released once "flushed". */
    @State(Scope.Thread)
    public static class Loop {
        ByteBuf[] written;

        @Setup(Level.Trial)
        public void setUp(SharedViewBenchmark shared) {
            written = new ByteBuf[shared.playersPerLoop];
        }
    }

    @Benchmark
    public long retainedDuplicate(Loop loop) {
        for (int p = 0; p < playersPerLoop; p++) {
            loop.written[p] = body.retainedDuplicate();
        }
        return flush(loop);
    }

    @Benchmark
    public long unreferencedView(Loop loop) {
        for (int p = 0; p < playersPerLoop; p++) {
            loop.written[p] = Unpooled.unreleasableBuffer(body.duplicate());
        }
        return flush(loop);
    }

    /** What the socket does with each written view: gather its address and length, release it. */
    private long flush(Loop loop) {
        long gathered = 0;
        for (int p = 0; p < playersPerLoop; p++) {
            ByteBuf view = loop.written[p];
            gathered += view.memoryAddress() + view.readableBytes();
            view.release();
            loop.written[p] = null;
        }
        return gathered;
    }
}
