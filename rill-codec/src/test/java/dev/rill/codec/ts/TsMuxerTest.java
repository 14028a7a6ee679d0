package dev.rill.codec.ts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.codec.RillException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Packetization and muxing: every packet 188 bytes, counters, PCR, stuffing, and what each PES holds. */
class TsMuxerTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final String AVC_HEADER = "1700000000" + TsVectorsTest.RECORD;
    private static final String AAC_HEADER = "af00" + "1210";

    private final ByteBuf out = ByteBufAllocator.DEFAULT.buffer();
    private final TsMuxer muxer = new TsMuxer(ByteBufAllocator.DEFAULT);

    @AfterEach
    void release() {
        muxer.close();
        out.release();
    }

    static Stream<Arguments> payloadSizes() {
        return IntStream.of(1, 2, 3, 100, 175, 176, 177, 182, 183, 184, 185, 186, 367, 368, 369, 1000)
                .boxed().flatMap(n -> Stream.of(Arguments.of(n, true), Arguments.of(n, false)));
    }

    @ParameterizedTest(name = "{0} bytes, pcr {1}")
    @MethodSource("payloadSizes")
    void packetizedPayloadComesBackWhole(int size, boolean pcr) {
        byte[] payload = new byte[size];
        for (int i = 0; i < size; i++) {
            payload[i] = (byte) (i * 7 + 1);
        }
        TsPackets packets = new TsPackets();
        packets.write(out, 0x100, Unpooled.wrappedBuffer(payload), pcr ? 123456789L : -1, pcr);
        packets.write(out, 0x100, Unpooled.wrappedBuffer(payload), -1, false);
        TsReader r = TsReader.read(out);
        assertThat(r.units).hasSize(2);
        assertThat(r.units.get(0).data()).isEqualTo(payload);
        assertThat(r.units.get(0).pcr()).isEqualTo(pcr ? 123456789L : -1);
        assertThat(r.units.get(0).randomAccess()).isEqualTo(pcr);
        assertThat(r.units.get(1).data()).isEqualTo(payload);
    }

    @Test
    void avcAndAacStream() {
        muxer.writeVideo(out, 0, hex(AVC_HEADER));
        muxer.writeAudio(out, 0, hex(AAC_HEADER));
        assertThat(out.readableBytes()).as("sequence headers write nothing").isZero();
        assertThat(muxer.writeVideo(out, 1000, hex("1701000028" + "00000004" + "65888400"))).isTrue();
        for (int i = 0; i < 5; i++) {
            muxer.writeAudio(out, 1000 + i * 30, hex("af01" + "21100" + i));
        }
        muxer.writeVideo(out, 1040, hex("2701000000" + "00000003" + "419a00"));
        muxer.flush(out);

        TsReader r = TsReader.read(out);
        assertThat(r.units.get(0).pid()).isEqualTo(PsiTables.PAT_PID);
        assertThat(HEX.formatHex(r.units.get(1).data())).isEqualTo("02b0170001c10000e100f0001be100f0000fe101f0002f44b99b");
        List<TsReader.Unit> video = r.pid(TsMuxer.VIDEO_PID);
        assertThat(video).hasSize(2);
        TsReader.Unit key = video.get(0);
        assertThat(key.streamId()).isEqualTo(0xE0);
        assertThat(key.dts()).isEqualTo(90_000);
        assertThat(key.pts()).as("pts = dts + composition time 40 ms").isEqualTo(93_600);
        assertThat(key.pcr()).isEqualTo(90_000);
        assertThat(key.randomAccess()).isTrue();
        assertThat(HEX.formatHex(key.es())).isEqualTo(TsVectorsTest.AUD + "00000001" + TsVectorsTest.SPS + "00000001"
                + TsVectorsTest.PPS + "00000001" + "65888400");
        assertThat(video.get(1).randomAccess()).isFalse();
        assertThat(video.get(1).hasDts()).isFalse();
        assertThat(HEX.formatHex(video.get(1).es())).isEqualTo(TsVectorsTest.AUD + "00000001419a00");

        List<TsReader.Unit> audio = r.pid(TsMuxer.AUDIO_PID);
        assertThat(audio).as("frames gathered until they span 100 ms").hasSize(2);
        assertThat(audio.get(0).streamId()).isEqualTo(0xC0);
        assertThat(audio.get(0).pts()).isEqualTo(90_000);
        assertThat(audio.get(0).pcr()).as("PCR rides on video").isEqualTo(-1);
        assertThat(HEX.formatHex(audio.get(0).es())).isEqualTo(adts(0) + adts(1) + adts(2) + adts(3));
        assertThat(audio.get(1).pts()).isEqualTo(1120 * 90);
        assertThat(HEX.formatHex(audio.get(1).es())).isEqualTo(adts(4));
    }

    /** ADTS header for a 3-byte AAC LC 44.1 kHz stereo frame (length 10), then the frame. */
    private static String adts(int i) {
        return "fff1508001" + "5ffc" + "21100" + i;
    }

    @Test
    void audioOnlyCarriesThePcrOnTheAudioPid() {
        muxer.writeAudio(out, 0, hex(AAC_HEADER));
        muxer.writeAudio(out, 500, hex("af01" + "211000"));
        muxer.flush(out);
        TsReader r = TsReader.read(out);
        assertThat(HEX.formatHex(r.units.get(1).data())).isEqualTo("02b0120001c10000e101f0000fe101f000ece2b094");
        assertThat(r.pid(TsMuxer.AUDIO_PID)).singleElement().satisfies(u -> {
            assertThat(u.pcr()).isEqualTo(45_000);
            assertThat(u.pts()).isEqualTo(45_000);
        });
    }

    static Stream<Arguments> mp3Frames() {
        return Stream.of(
                Arguments.of("MPEG-1 layer III 44.1 kHz", "fffb9064", TsMuxer.STREAM_TYPE_MPEG1_AUDIO),
                Arguments.of("MPEG-2 layer III 22.05 kHz", "fff39064", TsMuxer.STREAM_TYPE_MPEG2_AUDIO),
                Arguments.of("MPEG-2.5 layer III 11 kHz", "ffe39064", TsMuxer.STREAM_TYPE_MPEG2_AUDIO));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mp3Frames")
    void mp3PassesThroughWithItsStreamType(String name, String frame, int streamType) {
        assertThat(muxer.writeAudio(out, 0, hex("2f" + frame + "0102"))).isTrue();
        muxer.flush(out);
        assertThat(muxer.audioStreamType()).isEqualTo(streamType);
        TsReader r = TsReader.read(out);
        assertThat(r.units.get(1).data()[12] & 0xFF).as("PMT stream_type").isEqualTo(streamType);
        assertThat(HEX.formatHex(r.pid(TsMuxer.AUDIO_PID).getFirst().es())).isEqualTo(frame + "0102");
    }

    @Test
    void newCodecWritesANewPmtVersion() {
        muxer.writeVideo(out, 0, hex(AVC_HEADER));
        muxer.writeVideo(out, 0, hex("1701000000" + "00000002" + "6588"));
        muxer.writeAudio(out, 10, hex(AAC_HEADER));
        muxer.writeAudio(out, 10, hex("af01" + "211000"));
        muxer.flush(out);
        TsReader r = TsReader.read(out);
        List<TsReader.Unit> pmts = r.pid(PsiTables.PMT_PID);
        assertThat(pmts).hasSize(2);
        assertThat(pmts.get(0).data()[5] & 0x3E).as("version 0").isEqualTo(0);
        assertThat(pmts.get(1).data()[5] & 0x3E).as("version 1").isEqualTo(2);
        assertThat(pmts.get(1).data().length).as("two streams").isEqualTo(3 + 0x17);
        muxer.writeTables(out);
        assertThat(TsReader.read(out).pid(PsiTables.PMT_PID).getLast().data()[5] & 0x3E)
                .as("same codecs, same version").isEqualTo(2);
    }

    static Stream<Arguments> badInput() {
        return Stream.of(
                Arguments.of("AVC frame first", true, "1701000000" + "000000026588", "AVC frame before its sequence header"),
                Arguments.of("AAC frame first", false, "af01" + "211000", "AAC frame before its sequence header"),
                Arguments.of("HEVC video", true, "1c00000000", "video codec id 12 is not supported in MPEG-TS"),
                Arguments.of("Speex audio", false, "b2" + "0102", "audio sound format 11 is not supported in MPEG-TS"),
                Arguments.of("short AVC tag", true, "170100", "AVC video tag of 3 bytes is shorter than its 5-byte header"),
                Arguments.of("short AAC tag", false, "af", "AAC audio tag of 1 bytes is shorter than its 2-byte header"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInput")
    void badInputFailsWithoutWriting(String name, boolean video, String payload, String message) {
        assertThatThrownBy(() -> {
            if (video) {
                muxer.writeVideo(out, 0, hex(payload));
            } else {
                muxer.writeAudio(out, 0, hex(payload));
            }
        }).isInstanceOf(RillException.class).hasMessageContaining(message);
        assertThat(out.readableBytes()).isZero();
    }

    private static ByteBuf hex(String s) {
        return Unpooled.wrappedBuffer(HEX.parseHex(s));
    }
}
