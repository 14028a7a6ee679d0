package dev.rill.codec.flv;

import static dev.rill.codec.flv.FlvTestBytes.buf;
import static dev.rill.codec.flv.FlvTestBytes.hex;
import static dev.rill.codec.flv.FlvTestBytes.hexOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.codec.ErrorCode;
import dev.rill.codec.RillException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FlvReaderTest {
    /** A small FLV written out by hand: header, script, AVC sequence header, AAC header, a type-15 tag, video. */
    static final String FILE = ""
            + "464c5601 05 00000009 00000000"
            + "12 000003 000000 00 000000 020001 0000000e"
            + "09 000005 000000 00 000000 1700000000 00000010"
            + "08 000002 000000 00 000000 af00 0000000d"
            + "0f 000001 000010 00 000000 ee 0000000c"
            + "09 000006 abcdef 01 000000 2701000021 ff 00000011";

    private static final List<String> EXPECTED = List.of(
            "18@0:020001",
            "9@0:1700000000",
            "8@0:af00",
            "9@28036591:2701000021ff");

    private static String describe(FlvTag tag) {
        return tag.type() + "@" + tag.timestamp() + ":" + hexOf(tag.payload());
    }

    /** Drains every whole tag readable now, describing and releasing each. */
    private static void drain(FlvReader reader, ByteBuf in, List<String> out) {
        FlvTag tag;
        while ((tag = reader.next(in)) != null) {
            try {
                out.add(describe(tag));
            } finally {
                tag.release();
            }
        }
    }

    @Test
    void readsHandBuiltFile() {
        ByteBuf in = buf(FILE);
        FlvReader reader = new FlvReader(FlvLimits.DEFAULT);
        List<String> seen = new ArrayList<>();
        try {
            drain(reader, in, seen);
            assertThat(seen).containsExactlyElementsOf(EXPECTED);
            assertThat(reader.header()).isEqualTo(new FlvHeader(true, true));
            assertThat(reader.skippedTags()).isEqualTo(1);
            assertThat(in.isReadable()).isFalse();
        } finally {
            in.release();
        }
    }

    static IntStream splits() {
        return IntStream.rangeClosed(0, hex(FILE).length);
    }

    @ParameterizedTest(name = "split at {0}")
    @MethodSource("splits")
    void readsFileSplitAtEveryByte(int split) {
        byte[] bytes = hex(FILE);
        ByteBuf in = Unpooled.buffer(bytes.length);
        FlvReader reader = new FlvReader();
        List<String> seen = new ArrayList<>();
        try {
            in.writeBytes(bytes, 0, split);
            drain(reader, in, seen);
            in.writeBytes(bytes, split, bytes.length - split);
            drain(reader, in, seen);
            assertThat(seen).containsExactlyElementsOf(EXPECTED);
            assertThat(in.isReadable()).isFalse();
        } finally {
            in.release();
        }
    }

    @Test
    void readsFileFedOneByteAtATimeConsumingOnlyWholeUnits() {
        byte[] bytes = hex(FILE);
        ByteBuf in = Unpooled.buffer(bytes.length);
        FlvReader reader = new FlvReader();
        List<String> seen = new ArrayList<>();
        List<Integer> consumedAt = new ArrayList<>();
        try {
            for (byte b : bytes) {
                in.writeByte(b);
                int before = in.readerIndex();
                drain(reader, in, seen);
                if (in.readerIndex() != before) {
                    consumedAt.add(in.writerIndex());
                }
            }
            assertThat(seen).containsExactlyElementsOf(EXPECTED);
            // header+PTS0 ends at 13; tags end at 31, 51, 68, 84 (the skipped tag), 105.
            assertThat(consumedAt).containsExactly(13, 31, 51, 68, 84, 105);
        } finally {
            in.release();
        }
    }

    @Test
    void readAllRoundTripsWhatTheWriterWrote() {
        ByteBuf file = Unpooled.buffer();
        ByteBuf video = buf("1701000000aa");
        ByteBuf audio = buf("af01bb");
        try {
            new FlvHeader(true, true).write(file);
            FlvWriter.writeTag(file, FlvTag.VIDEO, 0xFF000001L, video);
            FlvWriter.writeTag(file, FlvTag.AUDIO, 23, audio);
            List<FlvTag> tags = FlvReader.readAll(file);
            try {
                assertThat(tags).extracting(FlvReaderTest::describe)
                        .containsExactly("9@4278190081:1701000000aa", "8@23:af01bb");
            } finally {
                tags.forEach(FlvTag::release);
            }
        } finally {
            file.release();
            video.release();
            audio.release();
        }
    }

    @Test
    void readAllRejectsTrailingBytesAndReleasesTagsRead() {
        ByteBuf file = buf(FILE + "09 0000");
        try {
            assertThatThrownBy(() -> FlvReader.readAll(file)).isInstanceOf(RillException.class)
                    .hasMessage("FLV truncated: 3 bytes left after 4 tags");
        } finally {
            file.release();
        }
    }

    @Test
    void readAllRejectsMissingHeader() {
        ByteBuf file = buf("464c56");
        try {
            assertThatThrownBy(() -> FlvReader.readAll(file)).isInstanceOf(RillException.class)
                    .hasMessage("FLV truncated: 3 bytes left after no header");
        } finally {
            file.release();
        }
    }

    static Stream<Arguments> malformed() {
        String header = "464c5601 05 00000009 00000000";
        return Stream.of(
                Arguments.of("PreviousTagSize too small", header + "08 000002 000000 00 000000 af00 0000000c",
                        ErrorCode.MEDIA_INVALID, "FLV PreviousTagSize 12 does not match tag size 13 (11 + data 2)"),
                Arguments.of("PreviousTagSize of a skipped tag", header + "0f 000001 000000 00 000000 ee 00000000",
                        ErrorCode.MEDIA_INVALID, "FLV PreviousTagSize 0 does not match tag size 12 (11 + data 1)"),
                Arguments.of("encrypted tag", header + "29 000001 000000 00 000000 ee 0000000c",
                        ErrorCode.MEDIA_INVALID, "FLV tag type 9 has the Filter bit set: encrypted tags are not supported"),
                Arguments.of("oversize tag seen from its header alone", header + "09 800001 000000 00 000000",
                        ErrorCode.LIMIT_EXCEEDED, "FLV tag data size 8388609 exceeds limit 8388608"),
                Arguments.of("not an FLV", "474554202f20485454502f312e310d0a",
                        ErrorCode.MEDIA_INVALID, "FLV signature is 47 45 54, expected 'FLV'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void rejectsMalformedStream(String name, String hex, ErrorCode code, String message) {
        ByteBuf in = buf(hex);
        FlvReader reader = new FlvReader();
        try {
            assertThatThrownBy(() -> reader.next(in)).isInstanceOf(RillException.class)
                    .hasMessage(message)
                    .extracting(e -> ((RillException) e).code()).isEqualTo(code);
        } finally {
            in.release();
        }
    }

    @Test
    void appliesConfiguredTagSizeLimit() {
        FlvReader reader = new FlvReader(new FlvLimits(4));
        ByteBuf ok = buf("464c5601 05 00000009 00000000 08 000004 000000 00 000000 af01aabb 0000000f");
        ByteBuf big = buf("08 000005 000000 00 000000");
        try {
            FlvTag tag = reader.next(ok);
            try {
                assertThat(describe(tag)).isEqualTo("8@0:af01aabb");
            } finally {
                tag.release();
            }
            assertThatThrownBy(() -> reader.next(big)).isInstanceOf(RillException.class)
                    .hasMessage("FLV tag data size 5 exceeds limit 4");
        } finally {
            ok.release();
            big.release();
        }
    }

    @Test
    void limitsRefuseValuesTheWireCannotCarry() {
        assertThatThrownBy(() -> new FlvLimits(0x1000000)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxTagSize 16777216 outside 0..16777215");
        assertThat(FlvLimits.DEFAULT.maxTagSize()).isEqualTo(8 * 1024 * 1024);
    }

    @Test
    void tagsOutliveTheInputTheyWereSlicedFrom() {
        ByteBuf in = ByteBufAllocator.DEFAULT.buffer().writeBytes(hex(FILE));
        FlvReader reader = new FlvReader();
        FlvTag tag = reader.next(in);
        in.release();
        try {
            assertThat(describe(tag)).isEqualTo("18@0:020001");
        } finally {
            tag.release();
        }
        assertThat(in.refCnt()).isZero();
    }
}
