package dev.rill.codec.rtmp.chunk;

import static dev.rill.codec.rtmp.chunk.ChunkTestSupport.decode;
import static dev.rill.codec.rtmp.chunk.ChunkTestSupport.encode;
import static dev.rill.codec.rtmp.chunk.ChunkTestSupport.hex;
import static dev.rill.codec.rtmp.chunk.ChunkTestSupport.payload;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.codec.rtmp.RtmpMessage;
import dev.rill.codec.rtmp.chunk.ChunkTestSupport.Decoded;
import dev.rill.codec.rtmp.control.SetChunkSize;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Encoder output fed to a decoder gives back the same messages, for each chunk size. */
class ChunkRoundTripTest {

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (int chunk : new int[] {128, 4096, 65536}) {
            for (int length : new int[] {0, 1, chunk - 1, chunk, chunk + 1, 3 * chunk + 7, 200000}) {
                for (long ts : new long[] {1000, 0xFFFFFFL, 0xFFFFFFFFL}) {
                    cases.add(Arguments.of("chunk " + chunk + ", length " + length + ", ts " + ts, chunk, length, ts));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decodesWhatTheEncoderWrote(String name, int chunk, int length, long ts) {
        byte[] p = payload(length, length + chunk);
        byte[] wire = encode(new SetChunkSize(chunk).toMessage(ByteBufAllocator.DEFAULT),
                new RtmpMessage(6, 9, ts, 1, Unpooled.wrappedBuffer(p)),
                new RtmpMessage(7, 8, ts, 1, Unpooled.wrappedBuffer(p)));
        assertThat(decode(ChunkLimits.DEFAULT, wire)).containsExactly(
                Decoded.of(2, 1, 0, 0, hex(String.format("%08x", chunk))),
                Decoded.of(6, 9, ts, 1, p),
                Decoded.of(7, 8, ts, 1, p));
    }
}
