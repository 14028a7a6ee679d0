package dev.rill.codec.media;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.rill.codec.ErrorCode;
import dev.rill.codec.RillException;
import dev.rill.codec.ts.AacConfig;
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
 * An FLV audio payload from arbitrary bytes through everything that reads an AAC sequence header:
 * {@link AudioInfo} (for the API), {@link AudioSpecificConfig} with the {@link Adts} header the
 * HTTP AAC stream writes, and {@link AacConfig} with the ADTS header the HLS muxer writes. Each
 * returns a value or fails with MEDIA_INVALID; an ADTS header written from a parsed config reads
 * back as that config (profile, frequency index, channels, frame length). Seeded with the AAC
 * tables of MediaInfoTest, AdtsTest and TsVectorsTest.
 */
class AacConfigFuzzTest {
    private static final int RAW_LENGTH = 100;

    @FuzzTest(maxDuration = "10m")
    void sequenceHeader(byte[] input) {
        ByteBuf payload = Unpooled.wrappedBuffer(input);
        AudioInfo.fromFlvHeader(payload.isReadable() ? payload : Unpooled.wrappedBuffer(new byte[1]));
        try {
            AudioInfo info = AudioInfo.fromAacSequenceHeader(payload);
            assertThat(info.codec()).isEqualTo("AAC");
            assertThat(info.sampleRate()).as("sample rate of %s", info).isPositive();
            assertThat(info.channels()).isBetween(0, 15);
        } catch (RillException e) {
            checkFailure(e);
        }
        assertThat(payload.readerIndex()).isZero();
        if (!FlvAudio.isAacSequenceHeader(payload)) {
            return;
        }
        ByteBuf asc = payload.slice(2, input.length - 2);
        try {
            AudioSpecificConfig config = AudioSpecificConfig.fromSequenceHeader(payload);
            ByteBuf out = Unpooled.buffer();
            try {
                Adts.writeHeader(out, config, RAW_LENGTH);
                assertThat(readAdts(out)).as("ADTS header written for %s", config)
                        .isEqualTo(new Header(config.objectType() - 1, config.frequencyIndex(),
                                config.channelConfiguration(), Adts.HEADER_SIZE + RAW_LENGTH));
            } catch (RillException e) {
                checkFailure(e);
            } finally {
                out.release();
            }
        } catch (RillException e) {
            checkFailure(e);
        }
        try {
            AacConfig config = AacConfig.parse(asc);
            ByteBuf out = Unpooled.buffer();
            try {
                dev.rill.codec.ts.Adts.writeHeader(out, config, RAW_LENGTH);
                assertThat(readAdts(out)).as("ADTS header written for %s", config)
                        .isEqualTo(new Header(config.objectType() - 1, config.samplingIndex(), config.channels(),
                                dev.rill.codec.ts.Adts.HEADER_SIZE + RAW_LENGTH));
            } finally {
                out.release();
            }
            assertThat(config.sampleRate()).isPositive();
        } catch (RillException e) {
            checkFailure(e);
        }
        assertThat(asc.readerIndex()).isZero();
    }

    record Header(int profile, int frequencyIndex, int channels, int frameLength) {
    }

    /** Reads an ADTS header (ISO/IEC 13818-7 6.2) back, checking its fixed fields. */
    private static Header readAdts(ByteBuf h) {
        assertThat(h.readableBytes()).isEqualTo(7);
        long bits = h.getUnsignedInt(0) << 24 | h.getUnsignedMedium(4);
        assertThat(bits >>> 44).as("syncword").isEqualTo(0xFFF);
        assertThat(bits >>> 40 & 0xF).as("MPEG-4, layer 0, no CRC").isEqualTo(0x1);
        int profile = (int) (bits >>> 38 & 3);
        int frequency = (int) (bits >>> 34 & 0xF);
        int channels = (int) (bits >>> 30 & 7);
        int frameLength = (int) (bits >>> 13 & 0x1FFF);
        assertThat(bits >>> 2 & 0x7FF).as("buffer fullness").isEqualTo(0x7FF);
        assertThat(bits & 3).as("one raw data block").isZero();
        return new Header(profile, frequency, channels, frameLength);
    }

    private static void checkFailure(RillException e) {
        assertThat(e.code()).as("code of %s", e).isEqualTo(ErrorCode.MEDIA_INVALID);
        assertThat(e.getMessage()).isNotBlank();
    }

    static Map<String, byte[]> seeds() {
        Map<String, byte[]> seeds = new LinkedHashMap<>();
        MediaInfoTest.audios().forEach(a -> seeds.put("audio " + a.get()[0],
                HexFormat.of().parseHex((String) ((Named<?>) a.get()[0]).getPayload())));
        // The AudioSpecificConfigs of AdtsTest's CSV tables.
        for (String asc : new String[] {"1210", "1188", "120856e500", "2b118800", "f82840", "", "12", "1780000000"}) {
            seeds.put("asc " + asc, HexFormat.of().parseHex("af00" + asc));
        }
        TsVectorsTestAccess.audioConfigs().forEach((name, asc) ->
                seeds.put("ts " + name, HexFormat.of().parseHex("af00" + asc)));
        return seeds;
    }

    @Test
    void corpusHoldsTheVectorTables() {
        SeedCorpus.check(AacConfigFuzzTest.class, "sequenceHeader", seeds());
    }
}
