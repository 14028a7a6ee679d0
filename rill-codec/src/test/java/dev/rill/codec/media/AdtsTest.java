package dev.rill.codec.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.codec.RillException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** AudioSpecificConfig parsing and ADTS headers, as byte vectors. */
class AdtsTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource({
            // name, AudioSpecificConfig, object type, frequency index, channels
            "AAC LC 44.1 kHz stereo, 1210, 2, 4, 2",
            "AAC LC 48 kHz mono, 1188, 2, 3, 1",
            "AAC LC 44.1 kHz mono with GASpecificConfig padding, 120856e500, 2, 4, 1",
            "HE-AAC explicit SBR: core LC 24 kHz stereo, 2b118800, 2, 6, 2",
            "escaped object type 32+1, f82840, 33, 4, 2",
    })
    void readsAudioSpecificConfig(String name, String asc, int type, int frequency, int channels) {
        ByteBuf in = Unpooled.wrappedBuffer(HexFormat.of().parseHex(asc));
        assertThat(AudioSpecificConfig.read(in)).isEqualTo(new AudioSpecificConfig(type, frequency, channels));
        assertThat(in.readerIndex()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "empty, ''",
            "one byte, 12",
            "explicit frequency, 1780000000",
    })
    void refusesWhatAdtsCannotCarry(String name, String asc) {
        ByteBuf in = Unpooled.wrappedBuffer(HexFormat.of().parseHex(asc));
        assertThatThrownBy(() -> AudioSpecificConfig.read(in)).isInstanceOf(RillException.class)
                .hasMessageContaining("AudioSpecificConfig");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            // name, object type, frequency index, channels, raw length, header
            "LC 44.1k stereo 0 bytes, 2, 4, 2, 0, fff1508000ff fc",
            "LC 44.1k stereo 371 bytes, 2, 4, 2, 371, fff150802f5ffc",
            "LC 48k mono 100 bytes, 2, 3, 1, 100, fff14c400d7ffc",
            "Main 8k 5.1 largest frame, 1, 11, 6, 8184, fff12d83fffffc",
    })
    void writesHeader(String name, int type, int frequency, int channels, int rawLength, String header) {
        ByteBuf out = Unpooled.buffer();
        try {
            Adts.writeHeader(out, new AudioSpecificConfig(type, frequency, channels), rawLength);
            assertThat(ByteBufUtil.hexDump(out)).isEqualTo(header.replace(" ", ""));
        } finally {
            out.release();
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "object type 5 left as is, 5, 4, 2, 10",
            "object type 0, 0, 4, 2, 10",
            "frame too long, 2, 4, 2, 8185",
            "channel configuration 8, 2, 4, 8, 10",
    })
    void refusesHeadersItCannotWrite(String name, int type, int frequency, int channels, int rawLength) {
        ByteBuf out = Unpooled.buffer();
        try {
            assertThatThrownBy(() -> Adts.writeHeader(out, new AudioSpecificConfig(type, frequency, channels), rawLength))
                    .isInstanceOf(RillException.class);
        } finally {
            out.release();
        }
    }

    @Test
    void readsTheConfigOfAnFlvSequenceHeader() {
        ByteBuf tag = Unpooled.wrappedBuffer(new byte[] {(byte) 0xAF, 0, 0x12, 0x10});
        assertThat(AudioSpecificConfig.fromSequenceHeader(tag)).isEqualTo(new AudioSpecificConfig(2, 4, 2));
        ByteBuf raw = Unpooled.wrappedBuffer(new byte[] {(byte) 0xAF, 1, 0x12, 0x10});
        assertThatThrownBy(() -> AudioSpecificConfig.fromSequenceHeader(raw)).isInstanceOf(RillException.class);
    }
}
