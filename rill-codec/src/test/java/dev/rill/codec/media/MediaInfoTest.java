package dev.rill.codec.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.codec.RillException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Sequence headers written by ffmpeg 6.1.1 (libx264, libx265, aac), and what they say. */
class MediaInfoTest {
    static final String AVC_BASELINE_1080P = "17000000000142c028ffe100196742c028da01e0089f97011000000300100000030320f1832a01000468ce0fc8";
    static final String AVC_BASELINE_240P = "17000000000142c01effe100186742c01ed90141fb011000000300100000030320f162e48001000568cb83cb20";
    static final String AVC_HIGH_360P = "17000000000164001effe1001a6764001eacd940a02ff97011000003000100000300320f162d9601000668ebe3cb22c0fdf8f800";
    static final String HEVC_SPS_720P = "42010101600000030090000003000003005da00280802d165959a4932bc05a020000030002000003003210";
    static final String HEVC_SPS_360P = "42010101600000030090000003000003003fa00502016965959a4932bc05a02000000300200000030321";

    static Stream<Arguments> videos() {
        return Stream.of(
                Arguments.of(Named.of("x264 ultrafast 1920x1080 (cropped from 1088)", AVC_BASELINE_1080P),
                        new VideoInfo("H264", "Baseline", "4", 1920, 1080)),
                Arguments.of(Named.of("x264 baseline 320x240", AVC_BASELINE_240P),
                        new VideoInfo("H264", "Baseline", "3", 320, 240)),
                Arguments.of(Named.of("x264 high 640x360 (cropped from 368)", AVC_HIGH_360P),
                        new VideoInfo("H264", "High", "3", 640, 360)),
                Arguments.of(Named.of("x265 main 1280x720", hevcHeader(HEVC_SPS_720P)),
                        new VideoInfo("HEVC", "Main", "3.1", 1280, 720)),
                Arguments.of(Named.of("x265 main 640x360", hevcHeader(HEVC_SPS_360P)),
                        new VideoInfo("HEVC", "Main", "2.1", 640, 360)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("videos")
    void videoSequenceHeaders(String hex, VideoInfo expected) {
        ByteBuf buf = Unpooled.wrappedBuffer(HexFormat.of().parseHex(hex));
        try {
            assertThat(VideoInfo.fromSequenceHeader(buf)).isEqualTo(expected);
            assertThat(buf.readerIndex()).isZero();
        } finally {
            buf.release();
        }
    }

    static Stream<Arguments> audios() {
        return Stream.of(
                Arguments.of(Named.of("AAC LC 48 kHz stereo", "af001190"), new AudioInfo("AAC", 48000, 2, "LC")),
                Arguments.of(Named.of("AAC LC 44.1 kHz mono", "af001208"), new AudioInfo("AAC", 44100, 1, "LC")),
                Arguments.of(Named.of("HE-AAC 22.05 kHz stereo", "af002b9056e500"), new AudioInfo("AAC", 22050, 2, "HE")),
                Arguments.of(Named.of("AAC explicit 12345 Hz", "af001780181c90"), new AudioInfo("AAC", 12345, 2, "LC")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("audios")
    void aacSequenceHeaders(String hex, AudioInfo expected) {
        ByteBuf buf = Unpooled.wrappedBuffer(HexFormat.of().parseHex(hex));
        try {
            assertThat(AudioInfo.fromAacSequenceHeader(buf)).isEqualTo(expected);
        } finally {
            buf.release();
        }
    }

    /** Found by AacConfigFuzzTest: an explicit samplingFrequency of 0 was reported as a 0 Hz stream. */
    @Test
    void explicitZeroSampleRateIsRefused() {
        ByteBuf buf = Unpooled.wrappedBuffer(HexFormat.of().parseHex("af001780000000"));
        try {
            assertThatThrownBy(() -> AudioInfo.fromAacSequenceHeader(buf)).isInstanceOf(RillException.class)
                    .hasMessage("AAC explicit samplingFrequency is 0");
        } finally {
            buf.release();
        }
    }

    @Test
    void mp3FactsComeFromTheFlvHeader() {
        ByteBuf buf = Unpooled.wrappedBuffer(new byte[] {(byte) 0x2F, 0x00});
        try {
            assertThat(AudioInfo.fromFlvHeader(buf)).isEqualTo(new AudioInfo("MP3", 44100, 2, "Other"));
        } finally {
            buf.release();
        }
    }

    /** Every truncation of every header fails with a RillException, never another exception. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("videos")
    void truncatedVideoHeadersFailCleanly(String hex, VideoInfo ignored) {
        byte[] full = HexFormat.of().parseHex(hex);
        for (int cut = 2; cut < spsEnd(full); cut++) {
            ByteBuf buf = Unpooled.wrappedBuffer(full, 0, cut);
            try {
                assertThatThrownBy(() -> VideoInfo.fromSequenceHeader(buf)).isInstanceOf(RillException.class);
            } finally {
                buf.release();
            }
        }
    }

    @Test
    void notASequenceHeaderIsRefused() {
        ByteBuf buf = Unpooled.wrappedBuffer(new byte[] {0x27, 0x01, 0, 0, 0});
        try {
            assertThatThrownBy(() -> VideoInfo.fromSequenceHeader(buf)).isInstanceOf(RillException.class)
                    .hasMessageContaining("not an AVC or HEVC sequence header");
        } finally {
            buf.release();
        }
    }

    @Test
    void overlongExpGolombIsRefused() {
        byte[] sps = {0x67, 0x42, 0, 0x1e, 0, 0, 0, 0, 0, 0};
        assertThatThrownBy(() -> AvcSps.parse(sps, 0, sps.length)).isInstanceOf(RillException.class)
                .hasMessageContaining("leading zeros");
    }

    /** Where the SPS ends, past which a cut leaves the SPS whole (the PPS is not read). */
    private static int spsEnd(byte[] header) {
        if ((header[0] & 0x0F) == FlvVideo.CODEC_AVC) {
            return 5 + 8 + (((header[11] & 0xFF) << 8) | (header[12] & 0xFF)) - 1;
        }
        return header.length;
    }

    /** An FLV HEVC sequence header (CodecID 12) whose record carries one array with {@code sps}. */
    static String hevcHeader(String spsHex) {
        byte[] sps = HexFormat.of().parseHex(spsHex);
        ByteBuf b = Unpooled.buffer();
        b.writeBytes(new byte[] {0x1C, 0, 0, 0, 0});
        b.writeByte(1);
        b.writeZero(21);
        b.writeByte(1);
        b.writeByte(0x80 | HevcSps.NAL_TYPE_SPS);
        b.writeShort(1);
        b.writeShort(sps.length);
        b.writeBytes(sps);
        String hex = ByteBufUtil.hexDump(b);
        b.release();
        return hex;
    }
}
