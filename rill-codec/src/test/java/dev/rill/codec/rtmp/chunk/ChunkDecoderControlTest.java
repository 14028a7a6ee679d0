package dev.rill.codec.rtmp.chunk;

import static dev.rill.codec.rtmp.chunk.ChunkTestSupport.concat;
import static dev.rill.codec.rtmp.chunk.ChunkTestSupport.decode;
import static dev.rill.codec.rtmp.chunk.ChunkTestSupport.drain;
import static dev.rill.codec.rtmp.chunk.ChunkTestSupport.hex;
import static dev.rill.codec.rtmp.chunk.ChunkTestSupport.outbound;
import static dev.rill.codec.rtmp.chunk.ChunkTestSupport.payload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.codec.ErrorCode;
import dev.rill.codec.RillException;
import dev.rill.codec.rtmp.chunk.ChunkTestSupport.Decoded;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The decoder's limits, its failures, and the protocol control it applies itself. */
class ChunkDecoderControlTest {
    private static final ChunkLimits SMALL = new ChunkLimits(65536, 1000, 3);

    private static byte[] setChunkSize(String valueHex) {
        return hex("02 000000 000004 01 00000000" + valueHex);
    }

    static Stream<Arguments> badPeerChunkSizes() {
        return Stream.of(
                Arguments.of("0", "00000000", "peer set chunk size 0, allowed 128..65536"),
                Arguments.of("127", "0000007f", "peer set chunk size 127, allowed 128..65536"),
                Arguments.of("65537", "00010001", "peer set chunk size 65537, allowed 128..65536"),
                Arguments.of("2^31", "80000000", "peer set chunk size 2147483648, allowed 128..65536"));
    }

    @ParameterizedTest(name = "peer chunk size {0} fails")
    @MethodSource("badPeerChunkSizes")
    void rejectsPeerChunkSizesOutsideTheLimits(String name, String valueHex, String message) {
        assertFails(() -> decode(ChunkLimits.DEFAULT, setChunkSize(valueHex)), ErrorCode.CHUNK_SIZE_INVALID, message);
    }

    @ParameterizedTest(name = "peer chunk size {0} is taken")
    @MethodSource("goodPeerChunkSizes")
    void takesPeerChunkSizesInsideTheLimits(int size) {
        ChunkDecoder decoder = new ChunkDecoder(ChunkLimits.DEFAULT);
        EmbeddedChannel ch = new EmbeddedChannel(decoder);
        try {
            ch.writeInbound(Unpooled.wrappedBuffer(setChunkSize(String.format("%08x", size))));
            assertThat(decoder.chunkSize()).isEqualTo(size);
            assertThat(drain(ch)).hasSize(1);
        } finally {
            ch.finishAndReleaseAll();
        }
    }

    static Stream<Integer> goodPeerChunkSizes() {
        return Stream.of(128, 4096, 65536);
    }

    static Stream<Arguments> badStreams() {
        return Stream.of(
                Arguments.of("short set chunk size payload", ChunkLimits.DEFAULT,
                        hex("02 000000 000003 01 00000000 001000"), ErrorCode.MESSAGE_INVALID,
                        "set chunk size payload is 3 bytes, expected at least 4"),
                Arguments.of("fmt 0 length over the limit", SMALL,
                        hex("04 000000 0003e9 09 01000000"), ErrorCode.MESSAGE_TOO_LARGE,
                        "chunk stream 4 message length 1001 exceeds limit 1000"),
                Arguments.of("fmt 1 length over the limit", SMALL,
                        concat(hex("04 000000 000001 09 01000000 00"), hex("44 000000 ffffff 09")),
                        ErrorCode.MESSAGE_TOO_LARGE, "chunk stream 4 message length 16777215 exceeds limit 1000"),
                Arguments.of("a fourth chunk stream with a limit of 3", SMALL,
                        concat(hex("03 000000 000000 14 00000000"), hex("04 000000 000000 14 00000000"),
                                hex("05 000000 000000 14 00000000"), hex("06 000000 000000 14 00000000")),
                        ErrorCode.TOO_MANY_CHUNK_STREAMS, "chunk stream 6 would be chunk stream number 4, limit 3"),
                Arguments.of("fresh chunk stream starting with fmt 2", ChunkLimits.DEFAULT,
                        hex("84 000000 00"), ErrorCode.CHUNK_INVALID, "chunk stream 4 starts with fmt 2, expected fmt 0 or 1"),
                Arguments.of("fresh chunk stream starting with fmt 3", ChunkLimits.DEFAULT,
                        hex("c4 00"), ErrorCode.CHUNK_INVALID, "chunk stream 4 starts with fmt 3, expected fmt 0 or 1"),
                Arguments.of("fmt 0 in the middle of a message", ChunkLimits.DEFAULT,
                        concat(hex("04 000000 000100 09 01000000"), payload(128, 1), hex("04 000000 000001 09 01000000")),
                        ErrorCode.CHUNK_INVALID, "chunk stream 4 got fmt 0 after 128 of 256 bytes of a message, expected fmt 3"),
                Arguments.of("fmt 2 in the middle of a message", ChunkLimits.DEFAULT,
                        concat(hex("04 000000 000100 09 01000000"), payload(128, 1), hex("84 000001")),
                        ErrorCode.CHUNK_INVALID, "chunk stream 4 got fmt 2 after 128 of 256 bytes of a message, expected fmt 3"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badStreams")
    void failsWithTheRightCode(String name, ChunkLimits limits, byte[] wire, ErrorCode code, String message) {
        assertFails(() -> decode(limits, wire), code, message);
    }

    /** Found by ChunkDecoderFuzzTest: the bytes of a refused chunk failed again on every later read and at close. */
    @Test
    void failsOnceThenDropsEverything() {
        EmbeddedChannel ch = new EmbeddedChannel(new ChunkDecoder(ChunkLimits.DEFAULT));
        assertFails(() -> ch.writeInbound(Unpooled.wrappedBuffer(hex("c4 00"))), ErrorCode.CHUNK_INVALID,
                "chunk stream 4 starts with fmt 3, expected fmt 0 or 1");
        ch.writeInbound(Unpooled.wrappedBuffer(hex("03 000000 000001 08 01000000 ff")));
        assertThat(drain(ch)).isEmpty();
        assertThat(ch.finishAndReleaseAll()).isFalse();
    }

    @Test
    void abortDropsThePartialMessage() {
        TrackingAllocator alloc = new TrackingAllocator();
        EmbeddedChannel ch = new EmbeddedChannel(new ChunkDecoder(ChunkLimits.DEFAULT));
        ch.config().setAllocator(alloc);
        byte[] next = payload(5, 2);
        try {
            ch.writeInbound(Unpooled.wrappedBuffer(concat(hex("04 000000 0000c8 09 01000000"), payload(128, 1),
                    hex("02 000000 000004 02 00000000 00000004"),
                    hex("04 00000a 000005 09 01000000"), next)));
            assertThat(drain(ch)).containsExactly(Decoded.of(2, 2, 0, 0, hex("00000004")),
                    Decoded.of(4, 9, 10, 1, next));
            assertThat(alloc.unreleased()).isZero();
        } finally {
            ch.finishAndReleaseAll();
        }
    }

    @Test
    void acknowledgesWhenTheWindowIsReached() {
        ChunkDecoder decoder = new ChunkDecoder(ChunkLimits.DEFAULT);
        EmbeddedChannel ch = new EmbeddedChannel(new ChunkEncoder(), decoder);
        try {
            // 16 + 16 + 12 + 955 = 999 bytes: one short of the 1000-byte window.
            ch.writeInbound(Unpooled.wrappedBuffer(concat(hex("02 000000 000004 05 00000000 000003e8"),
                    setChunkSize("00001000"), hex("06 000000 0003bb 08 01000000"), payload(955, 3))));
            assertThat(decoder.ackWindow()).isEqualTo(1000);
            assertThat(decoder.bytesReceived()).isEqualTo(999);
            assertThat(outbound(ch)).isEmpty();

            ch.writeInbound(Unpooled.wrappedBuffer(hex("06")));
            assertThat(decode(ChunkLimits.DEFAULT, outbound(ch)))
                    .containsExactly(Decoded.of(2, 3, 0, 0, hex("000003e8")));

            ch.writeInbound(Unpooled.wrappedBuffer(concat(hex("000000 000001 08 01000000"), payload(1, 4))));
            assertThat(outbound(ch)).isEmpty();
            assertThat(drain(ch)).hasSize(4);
        } finally {
            ch.finishAndReleaseAll();
        }
    }

    @Test
    void acknowledgementSequenceNumberWrapsAt32Bits() {
        ChunkDecoder decoder = new ChunkDecoder(ChunkLimits.DEFAULT);
        EmbeddedChannel ch = new EmbeddedChannel(new ChunkEncoder(), decoder);
        try {
            decoder.addBytesReceived(0xFFFFFFFFL - 10);
            decoder.setAckWindow(16);
            ch.writeInbound(Unpooled.wrappedBuffer(concat(hex("03 000000 000008 14 00000000"), payload(8, 5))));
            assertThat(decode(ChunkLimits.DEFAULT, outbound(ch)))
                    .containsExactly(Decoded.of(2, 3, 0, 0, hex("00000009")));
            assertThat(drain(ch)).hasSize(1);
        } finally {
            ch.finishAndReleaseAll();
        }
    }

    @Test
    void releasesPartialMessagesWhenTheChannelClosesMidMessage() {
        TrackingAllocator alloc = new TrackingAllocator();
        EmbeddedChannel ch = new EmbeddedChannel(new ChunkDecoder(ChunkLimits.DEFAULT));
        ch.config().setAllocator(alloc);
        ch.writeInbound(Unpooled.wrappedBuffer(concat(hex("04 000000 00012c 09 01000000"), payload(128, 1),
                hex("06 000000 0000c8 08 01000000"), payload(128, 2), hex("c4"), payload(100, 3))));
        assertThat(alloc.unreleased()).isEqualTo(2);
        assertThat(alloc.allocated()).as("capacity grows with arrived bytes, not the declared length")
                .allSatisfy(b -> assertThat(b.capacity()).isEqualTo(128));
        assertThat(ch.finishAndReleaseAll()).isFalse();
        assertThat(alloc.allocated()).hasSize(2);
        assertThat(alloc.unreleased()).isZero();
    }

    @Test
    void releasesPartialMessagesWhenDecodingFails() {
        TrackingAllocator alloc = new TrackingAllocator();
        EmbeddedChannel ch = new EmbeddedChannel(new ChunkDecoder(ChunkLimits.DEFAULT));
        ch.config().setAllocator(alloc);
        byte[] wire = concat(hex("04 000000 00012c 09 01000000"), payload(128, 1), setChunkSize("00000000"));
        assertFails(() -> ch.writeInbound(Unpooled.wrappedBuffer(wire)), ErrorCode.CHUNK_SIZE_INVALID,
                "peer set chunk size 0, allowed 128..65536");
        ch.finishAndReleaseAll();
        assertThat(alloc.allocated()).hasSize(2);
        assertThat(alloc.unreleased()).isZero();
    }

    private static void assertFails(ThrowingCallable call, ErrorCode code, String message) {
        assertThatThrownBy(call).isInstanceOfSatisfying(RillException.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.getMessage()).isEqualTo(message);
        });
    }
}
