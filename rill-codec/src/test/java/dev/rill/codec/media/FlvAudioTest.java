package dev.rill.codec.media;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FlvAudioTest {
    /** name, payload, sound format, AAC sequence header. */
    static Stream<Arguments> table() {
        return Stream.of(
                Arguments.of("empty", "", -1, false),
                Arguments.of("AAC header byte alone", "af", 10, false),
                Arguments.of("AAC sequence header", "af001210", 10, true),
                Arguments.of("AAC raw", "af01211c", 10, false),
                Arguments.of("AAC mono 8-bit sequence header", "a000", 10, true),
                Arguments.of("MP3 with a zero second byte", "2f00", 2, false),
                Arguments.of("Speex", "b6aa", 11, false),
                Arguments.of("linear PCM", "0f0000", 0, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void readsAudioHeader(String name, String hex, int format, boolean aacSh) {
        ByteBuf payload = Unpooled.wrappedBuffer(HexFormat.of().parseHex("00" + hex));
        try {
            payload.skipBytes(1);
            assertThat(FlvAudio.soundFormat(payload)).isEqualTo(format);
            assertThat(FlvAudio.isAacSequenceHeader(payload)).isEqualTo(aacSh);
            assertThat(FlvAudio.isSequenceHeader(payload)).isEqualTo(aacSh);
            assertThat(payload.readerIndex()).isEqualTo(1);
        } finally {
            payload.release();
        }
    }
}
