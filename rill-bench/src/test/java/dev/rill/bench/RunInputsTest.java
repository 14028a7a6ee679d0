package dev.rill.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.codec.rtmp.MessageType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RunInputsTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "rtmp://127.0.0.1:19350/live/bench, rtmp, 127.0.0.1, 19350, live, bench",
            "rtmp://example.com/live/bench, rtmp, example.com, 1935, live, bench",
            "rtmp://h:1/a/b/c/, rtmp, h, 1, a/b, c",
            "http://127.0.0.1:8080/live/bench.flv, http, 127.0.0.1, 8080, live, bench",
            "HTTP://example.com/live/bench.flv, http, example.com, 80, live, bench",
            "ws://127.0.0.1:8080/live/bench.flv, ws, 127.0.0.1, 8080, live, bench"})
    void urls(String url, String scheme, String host, int port, String app, String stream) {
        assertThat(BenchUrl.parse(url)).isEqualTo(new BenchUrl(scheme, host, port, app, stream));
    }

    @Test
    void httpFlvUrlsGiveTheRequestPathOfEachPublishersStream() {
        BenchUrl url = BenchUrl.parse("http://h:8080/live/s.flv");
        assertThat(url.isRtmp()).isFalse();
        assertThat(url.flvPath(url.streamFor(1, 2))).isEqualTo("/live/s-1.flv");
        assertThat(url.display()).isEqualTo("http://h:8080/live/s.flv");
        assertThat(BenchUrl.parse("rtmp://h/live/s").display()).isEqualTo("rtmp://h:1935/live/s");
        assertThat(BenchUrl.parse("ws://h:8080/live/s.flv").isWebSocket()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"http://h/live/s", "http://h/live/.flv", "ws://h/live/s", "wss://h/live/s.flv", "rtmp://h/onlyapp",
            "rtmp:///live/s"})
    void badUrlsAreRefused(String url) {
        assertThatThrownBy(() -> BenchUrl.parse(url)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(url);
    }

    @Test
    void streamNamesAreSuffixedOnlyForSeveralPublishers() {
        BenchUrl url = BenchUrl.parse("rtmp://h/live/s");
        assertThat(url.streamFor(0, 1)).isEqualTo("s");
        assertThat(url.streamFor(2, 3)).isEqualTo("s-2");
    }

    @Test
    void statLineFieldsAreCountedAfterTheCommandName() {
        String stat = "4242 (java (x) y) S 1 4242 4242 0 -1 4194560 100 0 0 0 250 75 0 0 20 0 30 0 500";
        ProcStats.CpuTime cpu = ProcStats.parseStat(stat, 100);
        assertThat(cpu.user()).isEqualTo(2.5);
        assertThat(cpu.system()).isEqualTo(0.75);
    }

    @Test
    void syntheticStreamHasHeadersFirstThenTheConfiguredRates() {
        SyntheticSource source = new SyntheticSource(2000, 30, 2);
        UnpooledByteBufAllocator alloc = new UnpooledByteBufAllocator(false);
        assertThat(source.nextType()).isEqualTo(MessageType.DATA_AMF0);
        for (int i = 0; i < 3; i++) {
            assertThat(source.nextIsTracked()).isFalse();
            source.take(alloc, -1, 0).release();
        }
        long videoBytes = 0;
        int video = 0;
        int audio = 0;
        while (source.nextTimestamp() < 10_000) {
            boolean tracked = source.nextIsTracked();
            ByteBuf b = source.take(alloc, video, 0);
            try {
                if (tracked) {
                    assertThat(PayloadStamp.seq(b)).isEqualTo(video);
                    videoBytes += b.readableBytes();
                    video++;
                } else {
                    audio++;
                }
            } finally {
                b.release();
            }
        }
        assertThat(video).isEqualTo(300);
        assertThat(audio).isBetween(430, 431);
        assertThat(videoBytes * 8 / 10 / 1000).as("kbps").isBetween(1990L, 2000L);
        assertThat(source.keySize()).isEqualTo(4 * source.interSize());
    }
}
