package dev.rill.codec.rtmp.chunk;

import static dev.rill.codec.rtmp.chunk.ChunkTestSupport.concat;
import static dev.rill.codec.rtmp.chunk.ChunkTestSupport.decode;
import static dev.rill.codec.rtmp.chunk.ChunkTestSupport.hex;
import static dev.rill.codec.rtmp.chunk.ChunkTestSupport.payload;
import static dev.rill.codec.rtmp.chunk.ChunkTestSupport.slice;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.codec.rtmp.chunk.ChunkTestSupport.Decoded;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Hand-built chunk streams (RTMP spec 5.3) and the messages they must decode to. */
class ChunkDecoderVectorTest {

    record Case(String name, byte[] wire, List<Decoded> expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        List<Case> cases = new ArrayList<>();
        byte[] a1 = payload(32, 1);
        byte[] a2 = payload(32, 2);
        byte[] a3 = payload(32, 3);
        byte[] a4 = payload(32, 4);
        cases.add(new Case("spec 5.3.2.1 audio: fmt 0, 2, 3, 3",
                concat(hex("03 0003e8 000020 08 39300000"), a1, hex("83 000014"), a2, hex("c3"), a3, hex("c3"), a4),
                List.of(Decoded.of(3, 8, 1000, 12345, a1), Decoded.of(3, 8, 1020, 12345, a2),
                        Decoded.of(3, 8, 1040, 12345, a3), Decoded.of(3, 8, 1060, 12345, a4))));

        byte[] v = payload(307, 5);
        cases.add(new Case("spec 5.3.2.2 video split into 128+128+51",
                concat(hex("04 0003e8 000133 09 3a300000"), slice(v, 0, 128), hex("c4"), slice(v, 128, 256),
                        hex("c4"), slice(v, 256, 307)),
                List.of(Decoded.of(4, 9, 1000, 12346, v))));

        byte[] p4 = payload(4, 6);
        byte[] p2 = payload(2, 7);
        cases.add(new Case("fmt 1 adds its delta and changes length and type",
                concat(hex("05 000064 000004 14 01000000"), p4, hex("45 000021 000002 12"), p2),
                List.of(Decoded.of(5, 20, 100, 1, p4), Decoded.of(5, 18, 133, 1, p2))));

        byte[] q1 = payload(2, 8);
        byte[] q2 = payload(2, 9);
        cases.add(new Case("fmt 3 new message after fmt 0 adds the fmt-0 timestamp field",
                concat(hex("06 0003e8 000002 08 01000000"), q1, hex("c6"), q2),
                List.of(Decoded.of(6, 8, 1000, 1, q1), Decoded.of(6, 8, 2000, 1, q2))));

        cases.add(new Case("fmt 1 on a fresh chunk stream (librtmp ping)",
                hex("42 000000 000006 04 0006 00000d0f"),
                List.of(Decoded.of(2, 4, 0, 0, hex("0006 00000d0f")))));

        byte[] e = payload(200, 10);
        cases.add(new Case("extended timestamp on fmt 0 and on its fmt-3 continuation",
                concat(hex("06 ffffff 0000c8 09 01000000 01000000"), slice(e, 0, 128), hex("c6 01000000"),
                        slice(e, 128, 200)),
                List.of(Decoded.of(6, 9, 0x01000000L, 1, e))));

        byte[] x = payload(1, 11);
        cases.add(new Case("timestamp 0xffffff itself is extended",
                concat(hex("07 ffffff 000001 08 01000000 00ffffff"), x),
                List.of(Decoded.of(7, 8, 0xFFFFFFL, 1, x))));

        byte[] w1 = payload(1, 12);
        byte[] w2 = payload(1, 13);
        byte[] w3 = payload(1, 14);
        cases.add(new Case("deltas wrap at 2^32; a plain fmt 2 ends the extended rule",
                concat(hex("08 ffffff 000001 08 01000000 fffffff0"), w1, hex("88 000020"), w2, hex("c8"), w3),
                List.of(Decoded.of(8, 8, 0xFFFFFFF0L, 1, w1), Decoded.of(8, 8, 0x10, 1, w2),
                        Decoded.of(8, 8, 0x30, 1, w3))));

        cases.add(new Case("extended delta on fmt 2, repeated by the fmt-3 new message",
                concat(hex("09 000000 000001 08 01000000"), w1, hex("89 ffffff 01000000"), w2, hex("c9 01000000"),
                        w3),
                List.of(Decoded.of(9, 8, 0, 1, w1), Decoded.of(9, 8, 0x01000000L, 1, w2),
                        Decoded.of(9, 8, 0x02000000L, 1, w3))));

        cases.add(new Case("extended delta on fmt 1",
                concat(hex("0a 000064 000001 08 01000000"), w1, hex("4a ffffff 000002 09 01000000"), p2),
                List.of(Decoded.of(10, 8, 100, 1, w1), Decoded.of(10, 9, 100 + 0x01000000L, 1, p2))));

        byte[] iv = payload(200, 15);
        byte[] ia = payload(10, 16);
        cases.add(new Case("audio interleaved between the chunks of a video message",
                concat(hex("04 000028 0000c8 09 01000000"), slice(iv, 0, 128), hex("06 000028 00000a 08 01000000"),
                        ia, hex("c4"), slice(iv, 128, 200)),
                List.of(Decoded.of(6, 8, 40, 1, ia), Decoded.of(4, 9, 40, 1, iv))));

        cases.add(new Case("zero-length message",
                hex("03 000000 000000 14 00000000"),
                List.of(Decoded.of(3, 20, 0, 0, new byte[0]))));

        byte[] big = payload(300, 17);
        cases.add(new Case("set chunk size 4096 applies to the next chunk",
                concat(hex("02 000000 000004 01 00000000 00001000"), hex("04 000000 00012c 09 01000000"), big),
                List.of(Decoded.of(2, 1, 0, 0, hex("00001000")), Decoded.of(4, 9, 0, 1, big))));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decodesWhole(Case c) {
        assertThat(decode(ChunkLimits.DEFAULT, c.wire())).containsExactlyElementsOf(c.expected());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decodesSplitAtEveryByteBoundary(Case c) {
        for (int i = 1; i < c.wire().length; i++) {
            byte[] head = slice(c.wire(), 0, i);
            byte[] tail = slice(c.wire(), i, c.wire().length);
            assertThat(decode(ChunkLimits.DEFAULT, head, tail)).as("split at %d", i)
                    .containsExactlyElementsOf(c.expected());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decodesOneByteAtATime(Case c) {
        byte[][] bytes = new byte[c.wire().length][];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = new byte[] {c.wire()[i]};
        }
        assertThat(decode(ChunkLimits.DEFAULT, bytes)).containsExactlyElementsOf(c.expected());
    }

    static Stream<Arguments> basicHeaders() {
        return Stream.of(
                Arguments.of("csid 2, 1-byte form", 2, "02"),
                Arguments.of("csid 63, largest 1-byte form", 63, "3f"),
                Arguments.of("csid 64, smallest 2-byte form", 64, "00 00"),
                Arguments.of("csid 319, largest 2-byte form", 319, "00 ff"),
                Arguments.of("csid 320, smallest 3-byte form", 320, "01 00 01"),
                Arguments.of("csid 65599, largest 3-byte form", 65599, "01 ff ff"),
                Arguments.of("csid 64 in the 3-byte form", 64, "01 00 00"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("basicHeaders")
    void decodesBasicHeaderForms(String name, int csid, String basicHeader) {
        byte[] p = payload(3, csid);
        byte[] wire = concat(hex(basicHeader), hex("000007 000003 08 01000000"), p);
        assertThat(decode(ChunkLimits.DEFAULT, wire)).containsExactly(Decoded.of(csid, 8, 7, 1, p));
    }
}
