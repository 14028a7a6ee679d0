package dev.rill.codec.media;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.rill.codec.ErrorCode;
import dev.rill.codec.RillException;
import dev.rill.codec.ts.AnnexB;
import dev.rill.codec.ts.AvcDecoderConfig;
import dev.rill.codec.ts.TsVectorsTestAccess;
import dev.rill.testing.SeedCorpus;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;

/**
 * An FLV video payload from arbitrary bytes through everything that reads a video sequence header:
 * {@link VideoInfo} (AVC and HEVC decoder configuration records and their SPS) and, for the HLS
 * muxer, {@link AvcDecoderConfig} and {@link AnnexB}. Each returns a value or fails with
 * MEDIA_INVALID; a VideoInfo names the codec of the CodecID and a picture size a level can have;
 * the reader index never moves. Seeded with the ffmpeg sequence headers of MediaInfoTest and the
 * records and frames of TsVectorsTest.
 */
class VideoInfoFuzzTest {
    /** No H.264 or H.265 level allows a picture side of more than 16888 samples; this is generous. */
    private static final int MAX_SIDE = 65535;

    @FuzzTest(maxDuration = "10m")
    void sequenceHeader(byte[] input) {
        ByteBuf payload = Unpooled.wrappedBuffer(input);
        try {
            VideoInfo info = VideoInfo.fromSequenceHeader(payload);
            assertThat(info.codec()).isEqualTo(FlvVideo.codecId(payload) == FlvVideo.CODEC_AVC ? "H264" : "HEVC");
            assertThat(info.width()).as("width of %s", info).isBetween(1, MAX_SIDE);
            assertThat(info.height()).as("height of %s", info).isBetween(1, MAX_SIDE);
            assertThat(info.profile()).isNotEmpty();
            assertThat(info.level()).isNotEmpty();
        } catch (RillException e) {
            checkFailure(e);
        }
        assertThat(payload.readerIndex()).isZero();
        if (input.length >= 5) {
            muxer(payload.slice(5, input.length - 5));
        }
    }

    /**
     * What TsMuxer does with the record, then with the bytes after the record taken as an access
     * unit (a seed is a sequence header with a frame appended).
     */
    private static void muxer(ByteBuf record) {
        AvcDecoderConfig config;
        try {
            config = AvcDecoderConfig.parse(record);
        } catch (RillException e) {
            checkFailure(e);
            return;
        }
        assertThat(record.readerIndex()).isZero();
        assertThat(config.naluLengthSize()).isIn(1, 2, 4);
        assertThat(config.sps()).isNotEmpty();
        assertThat(config.pps()).isNotEmpty();
        int recordLength = 7 + config.sps().stream().mapToInt(s -> 2 + s.length).sum()
                + config.pps().stream().mapToInt(p -> 2 + p.length).sum();
        ByteBuf frame = record.slice(recordLength, record.readableBytes() - recordLength);
        ByteBuf out = Unpooled.buffer();
        try {
            AnnexB.write(out, frame, config, true);
            assertThat(out.readableBytes()).as("AUD plus start codes and NAL units")
                    .isEqualTo(expectedAnnexBLength(frame, config));
        } catch (RillException e) {
            checkFailure(e);
            assertThat(e.getMessage()).startsWith("AVC NALU length");
        } finally {
            out.release();
        }
        assertThat(frame.readerIndex()).isZero();
    }

    /** The Annex B size by the rules AnnexB documents, or -1 when a length runs past the end. */
    private static int expectedAnnexBLength(ByteBuf nalus, AvcDecoderConfig config) {
        int size = config.naluLengthSize();
        int length = 6;
        boolean hasSps = false;
        for (int i = 0; i < nalus.readableBytes(); ) {
            long n = 0;
            for (int k = 0; k < size; k++) {
                n = n << 8 | nalus.getUnsignedByte(nalus.readerIndex() + i + k);
            }
            i += size;
            int type = n > 0 ? nalus.getByte(nalus.readerIndex() + i) & 0x1F : -1;
            hasSps |= type == 7;
            if (n > 0 && type != 9) {
                length += 4 + (int) n;
            }
            i += (int) n;
        }
        if (!hasSps) {
            length += config.sps().stream().mapToInt(s -> 4 + s.length).sum();
            length += config.pps().stream().mapToInt(p -> 4 + p.length).sum();
        }
        return length;
    }

    private static void checkFailure(RillException e) {
        assertThat(e.code()).as("code of %s", e).isEqualTo(ErrorCode.MEDIA_INVALID);
        assertThat(e.getMessage()).isNotBlank();
    }

    static Map<String, byte[]> seeds() {
        Map<String, byte[]> seeds = new LinkedHashMap<>();
        MediaInfoTest.videos().forEach(a -> seeds.put("video " + a.get()[0],
                HexFormat.of().parseHex((String) ((Named<?>) a.get()[0]).getPayload())));
        String record = "1700000000" + TsVectorsTestAccess.record();
        seeds.put("ts record", HexFormat.of().parseHex(record));
        TsVectorsTestAccess.frames().forEach((name, frame) ->
                seeds.put("ts record and frame " + name, HexFormat.of().parseHex(record + frame)));
        return seeds;
    }

    @Test
    void corpusHoldsTheVectorTables() {
        SeedCorpus.check(VideoInfoFuzzTest.class, "sequenceHeader", seeds());
    }
}
