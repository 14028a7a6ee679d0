package dev.rill.codec.ts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.codec.RillException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Byte vectors for the MPEG-TS building blocks: CRC, PAT/PMT, PES headers, ADTS, AAC config, annex B. */
class TsVectorsTest {
    private static final HexFormat HEX = HexFormat.of();

    static Stream<Arguments> crcVectors() {
        return Stream.of(
                Arguments.of("check value of \"123456789\"", HEX.formatHex("123456789".getBytes(StandardCharsets.US_ASCII)),
                        0x0376E6E7),
                Arguments.of("ffmpeg's PAT (PMT on 0x1000)", "00b00d0001c100000001f000", 0x2AB104B2),
                Arguments.of("ffmpeg's PMT (H.264 0x100, AAC 0x101)", "02b0170001c10000e100f0001be100f0000fe101f000",
                        0x2F44B99B));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("crcVectors")
    void crc32Mpeg2(String name, String hex, int expected) {
        ByteBuf buf = Unpooled.wrappedBuffer(HEX.parseHex(hex));
        assertThat(Crc32Mpeg2.compute(buf, 0, buf.readableBytes())).isEqualTo(expected);
    }

    static Stream<Arguments> tables() {
        return Stream.of(
                Arguments.of("PAT", 0, 0, 0, "0000" + "00b00d0001c100000001f001" + "2e701905"),
                Arguments.of("PMT H.264 + AAC", 0x1B, 0x0F, 0x100,
                        "1001" + "02b0170001c10000e100f0001be100f0000fe101f000" + "2f44b99b"),
                Arguments.of("PMT AAC only", 0, 0x0F, 0x101, "1001" + "02b0120001c10000e101f0000fe101f000" + "ece2b094"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tables")
    void psiSectionInOnePacket(String name, int video, int audio, int pcrPid, String pidAndSection) {
        ByteBuf section = Unpooled.buffer();
        ByteBuf out = Unpooled.buffer();
        TsPackets packets = new TsPackets();
        if (name.equals("PAT")) {
            PsiTables.writePat(section, 0);
            packets.writeSection(out, PsiTables.PAT_PID, section);
        } else {
            int[][] streams = video != 0 ? new int[][]{{video, 0x100}, {audio, 0x101}} : new int[][]{{audio, 0x101}};
            PsiTables.writePmt(section, 0, pcrPid, streams);
            packets.writeSection(out, PsiTables.PMT_PID, section);
        }
        String pid = pidAndSection.substring(0, 4);
        String body = pidAndSection.substring(4);
        String expected = "47" + HEX.formatHex(new byte[]{(byte) (0x40 | Integer.parseInt(pid, 16) >> 8),
                (byte) Integer.parseInt(pid, 16)}) + "10" + "00" + body + "ff".repeat(188 - 5 - body.length() / 2);
        assertThat(ByteBufUtil.hexDump(out)).isEqualTo(expected);
    }

    static Stream<Arguments> pesHeaders() {
        return Stream.of(
                Arguments.of("video, PTS only, 1 s, unbounded length", 0xE0, 70000, 90000L, 90000L,
                        "000001e0" + "0000" + "80" + "80" + "05" + "210005bf21"),
                Arguments.of("video with DTS (B-frames: pts 1.04 s, dts 1 s)", 0xE0, 1000, 93600L, 90000L,
                        "000001e0" + "03f5" + "80" + "c0" + "0a" + "310005db41" + "110005bf21"),
                Arguments.of("audio, PTS 0", 0xC0, 400, 0L, 0L, "000001c0" + "0198" + "80" + "80" + "05" + "2100010001"),
                Arguments.of("33rd bit of the timestamp", 0xC0, 10, 0x1_0000_0001L, 0x1_0000_0001L,
                        "000001c0" + "0012" + "80" + "80" + "05" + "2900010003"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pesHeaders")
    void pesHeader(String name, int streamId, int payloadLength, long pts, long dts, String expected) {
        ByteBuf out = Unpooled.buffer();
        PesHeader.write(out, streamId, payloadLength, pts, dts);
        assertThat(ByteBufUtil.hexDump(out)).isEqualTo(expected);
        assertThat(out.readableBytes()).isEqualTo(PesHeader.size(pts != dts));
    }

    static Stream<Arguments> audioConfigs() {
        return Stream.of(
                Arguments.of("AAC LC 44.1 kHz stereo", "1210", 2, 4, 2, 100, "fff150800d7ffc"),
                Arguments.of("AAC LC 48 kHz mono", "1188", 2, 3, 1, 0, "fff14c4000fffc"),
                Arguments.of("AAC Main 22.05 kHz 5.1", "0bb0", 1, 7, 6, 500, "fff11d803f7ffc"),
                Arguments.of("HE-AAC explicit SBR: core LC at 24 kHz", "2b1188", 2, 6, 2, 8, "fff1588001fffc"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("audioConfigs")
    void audioSpecificConfigAndAdtsHeader(String name, String asc, int objectType, int samplingIndex, int channels,
                                          int rawLength, String adts) {
        AacConfig config = AacConfig.parse(Unpooled.wrappedBuffer(HEX.parseHex(asc)));
        assertThat(config).isEqualTo(new AacConfig(objectType, samplingIndex, channels));
        ByteBuf out = Unpooled.buffer();
        Adts.writeHeader(out, config, rawLength);
        assertThat(ByteBufUtil.hexDump(out)).isEqualTo(adts);
    }

    static Stream<Arguments> badAudioConfigs() {
        return Stream.of(
                Arguments.of("one byte", "12", "AudioSpecificConfig has 1 bytes, at least 2 needed"),
                Arguments.of("explicit sampling rate", "1780", "AAC sampling frequency index 15 has no ADTS form"),
                Arguments.of("object type 0", "0010", "AAC object type 0 cannot be carried in ADTS"),
                Arguments.of("object type 23 (ER AAC LD)", "b990", "AAC object type 23 is beyond the four ADTS profiles"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badAudioConfigs")
    void badAudioSpecificConfig(String name, String asc, String message) {
        assertThatThrownBy(() -> AacConfig.parse(Unpooled.wrappedBuffer(HEX.parseHex(asc))))
                .isInstanceOf(RillException.class).hasMessageContaining(message);
    }

    @Test
    void adtsFrameLengthIsThirteenBits() {
        AacConfig lc = new AacConfig(2, 4, 2);
        assertThatThrownBy(() -> Adts.writeHeader(Unpooled.buffer(), lc, Adts.MAX_FRAME_LENGTH))
                .isInstanceOf(RillException.class)
                .hasMessageContaining("AAC frame of 8191 bytes exceeds the ADTS frame length limit 8191");
    }

    static final String SPS = "6742c01eda0280bfe5c04400";
    static final String PPS = "68ce3c80";
    /** version 1, profile 66, compat c0, level 30, 4-byte lengths, 1 SPS, 1 PPS. */
    static final String RECORD = "0142c01e" + "ff" + "e1" + "000c" + SPS + "01" + "0004" + PPS;
    static final String AUD = "0000000109f0";

    static Stream<Arguments> annexB() {
        return Stream.of(
                Arguments.of("keyframe gets SPS and PPS after the AUD", true, "00000004" + "65888400",
                        AUD + "00000001" + SPS + "00000001" + PPS + "00000001" + "65888400"),
                Arguments.of("inter frame: AUD and slices only", false, "00000003" + "419a00" + "00000002" + "0601",
                        AUD + "00000001" + "419a00" + "00000001" + "0601"),
                Arguments.of("an AUD in the input is replaced by ours", false, "00000002" + "0910" + "00000002" + "4101",
                        AUD + "00000001" + "4101"),
                Arguments.of("keyframe that carries its own SPS gets none added", true,
                        "00000004" + "67420001" + "00000002" + "68ce" + "00000002" + "6588",
                        AUD + "00000001" + "67420001" + "00000001" + "68ce" + "00000001" + "6588"),
                Arguments.of("empty NAL units are skipped", false, "00000000" + "00000002" + "4101",
                        AUD + "00000001" + "4101"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("annexB")
    void avccToAnnexB(String name, boolean keyframe, String avcc, String expected) {
        AvcDecoderConfig config = AvcDecoderConfig.parse(Unpooled.wrappedBuffer(HEX.parseHex(RECORD)));
        ByteBuf out = Unpooled.buffer();
        ByteBuf in = Unpooled.wrappedBuffer(HEX.parseHex(avcc));
        AnnexB.write(out, in, config, keyframe);
        assertThat(ByteBufUtil.hexDump(out)).isEqualTo(expected);
        assertThat(in.readerIndex()).as("input not consumed").isZero();
    }

    @Test
    void decoderConfigRecordFields() {
        AvcDecoderConfig config = AvcDecoderConfig.parse(Unpooled.wrappedBuffer(HEX.parseHex(RECORD)));
        assertThat(config.naluLengthSize()).isEqualTo(4);
        assertThat(config.sps()).singleElement().satisfies(s -> assertThat(HEX.formatHex(s)).isEqualTo(SPS));
        assertThat(config.pps()).singleElement().satisfies(p -> assertThat(HEX.formatHex(p)).isEqualTo(PPS));
    }

    @Test
    void twoByteNaluLengths() {
        AvcDecoderConfig config = new AvcDecoderConfig(2, List.of(HEX.parseHex(SPS)), List.of(HEX.parseHex(PPS)));
        ByteBuf out = Unpooled.buffer();
        AnnexB.write(out, Unpooled.wrappedBuffer(HEX.parseHex("0003419a00")), config, false);
        assertThat(ByteBufUtil.hexDump(out)).isEqualTo(AUD + "00000001419a00");
    }

    static Stream<Arguments> truncatedRecords() {
        byte[] record = HEX.parseHex(RECORD);
        return IntStream.range(0, record.length)
                .mapToObj(n -> Arguments.of(n, HEX.formatHex(record, 0, n)));
    }

    @ParameterizedTest(name = "record cut to {0} bytes")
    @MethodSource("truncatedRecords")
    void everyTruncatedRecordFailsClearly(int length, String hex) {
        assertThatThrownBy(() -> AvcDecoderConfig.parse(Unpooled.wrappedBuffer(HEX.parseHex(hex))))
                .isInstanceOf(RillException.class)
                .hasMessageContaining("AVCDecoderConfigurationRecord truncated in");
    }

    static Stream<Arguments> badFrames() {
        return Stream.of(
                Arguments.of("length field cut", "000000", "AVC NALU length field needs 4 bytes, 3 left in the frame"),
                Arguments.of("length past the end", "000000056588", "AVC NALU length 5 exceeds the 2 bytes left in the frame"),
                Arguments.of("huge length", "ffffffff00", "AVC NALU length 4294967295 exceeds the 1 bytes left in the frame"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFrames")
    void badAvccFrame(String name, String avcc, String message) {
        AvcDecoderConfig config = AvcDecoderConfig.parse(Unpooled.wrappedBuffer(HEX.parseHex(RECORD)));
        ByteBuf out = Unpooled.buffer();
        assertThatThrownBy(() -> AnnexB.write(out, Unpooled.wrappedBuffer(HEX.parseHex(avcc)), config, false))
                .isInstanceOf(RillException.class).hasMessageContaining(message);
    }

    @Test
    void recordWithoutParameterSetsOrWithBadLengthSize() {
        assertThatThrownBy(() -> AvcDecoderConfig.parse(Unpooled.wrappedBuffer(HEX.parseHex("0142c01effe000"))))
                .isInstanceOf(RillException.class).hasMessageContaining("has 0 SPS and 0 PPS");
        assertThatThrownBy(() -> AvcDecoderConfig.parse(Unpooled.wrappedBuffer(HEX.parseHex("0142c01efee000"))))
                .isInstanceOf(RillException.class).hasMessageContaining("NALU length size 3 is not allowed");
        assertThatThrownBy(() -> AvcDecoderConfig.parse(Unpooled.wrappedBuffer(HEX.parseHex("0242c01effe000"))))
                .isInstanceOf(RillException.class).hasMessageContaining("version 2 is not 1");
    }
}
