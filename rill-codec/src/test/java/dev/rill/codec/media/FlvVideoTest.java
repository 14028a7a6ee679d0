package dev.rill.codec.media;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FlvVideoTest {
    /** name, payload, codecId, keyframe, avc sh, hevc sh, any sh, composition time. */
    static Stream<Arguments> table() {
        return Stream.of(
                Arguments.of("empty", "", -1, false, false, false, false, 0),
                Arguments.of("one byte AVC key", "17", 7, true, false, false, false, 0),
                Arguments.of("AVC sequence header", "1700000000", 7, true, true, false, true, 0),
                Arguments.of("AVC keyframe NALU cts 40", "1701000028", 7, true, false, false, false, 40),
                Arguments.of("AVC inter NALU cts -1", "2701ffffff", 7, false, false, false, false, -1),
                Arguments.of("AVC inter with packet type 0", "2700000000", 7, false, false, false, false, 0),
                Arguments.of("AVC end of sequence", "1702000000", 7, true, false, false, false, 0),
                Arguments.of("AVC NALU cut before cts", "270100", 7, false, false, false, false, 0),
                Arguments.of("HEVC sequence header", "1c00000000", 12, true, false, true, true, 0),
                Arguments.of("HEVC inter cts 0x7fffff", "2c017fffff", 12, false, false, false, false, 0x7FFFFF),
                Arguments.of("HEVC cts most negative", "1c01800000", 12, true, false, false, false, -0x800000),
                Arguments.of("Sorenson H.263 key", "1200000010", 2, true, false, false, false, 0),
                Arguments.of("VP6 inter", "2400", 4, false, false, false, false, 0),
                Arguments.of("generated keyframe is not a keyframe", "4700000000", 7, false, false, false, false, 0),
                Arguments.of("video info frame", "5700", 7, false, false, false, false, 0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void readsVideoHeader(String name, String hex, int codec, boolean key, boolean avcSh, boolean hevcSh,
            boolean anySh, int cts) {
        ByteBuf payload = Unpooled.wrappedBuffer(HexFormat.of().parseHex(hex));
        try {
            assertThat(FlvVideo.codecId(payload)).isEqualTo(codec);
            assertThat(FlvVideo.isKeyframe(payload)).isEqualTo(key);
            assertThat(FlvVideo.isAvcSequenceHeader(payload)).isEqualTo(avcSh);
            assertThat(FlvVideo.isHevcSequenceHeader(payload)).isEqualTo(hevcSh);
            assertThat(FlvVideo.isSequenceHeader(payload)).isEqualTo(anySh);
            assertThat(FlvVideo.compositionTime(payload)).isEqualTo(cts);
            assertThat(payload.readerIndex()).isZero();
        } finally {
            payload.release();
        }
    }

    @ParameterizedTest(name = "{0} at an offset")
    @MethodSource("table")
    void readsFromTheReaderIndex(String name, String hex, int codec, boolean key, boolean avcSh, boolean hevcSh,
            boolean anySh, int cts) {
        ByteBuf payload = Unpooled.wrappedBuffer(HexFormat.of().parseHex("ff" + hex));
        try {
            payload.skipBytes(1);
            assertThat(FlvVideo.codecId(payload)).isEqualTo(codec);
            assertThat(FlvVideo.isKeyframe(payload)).isEqualTo(key);
            assertThat(FlvVideo.isSequenceHeader(payload)).isEqualTo(anySh);
            assertThat(FlvVideo.compositionTime(payload)).isEqualTo(cts);
        } finally {
            payload.release();
        }
    }
}
