package dev.rill.server.http.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.codec.flv.FlvReader;
import dev.rill.codec.flv.FlvTag;
import dev.rill.codec.media.FlvAudio;
import dev.rill.server.testing.Ffmpeg;
import dev.rill.server.testing.TestServer;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Black-box: ffmpeg publishes AAC or MP3 audio; a player that came first gets every published
 * frame, as ADTS (header + raw AAC) or as the MP3 frames after an ID3 tag, ending at unpublish,
 * and ffprobe reads the result as that codec.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class AudioStreamTest {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    @Test
    void aacMountStreamsAdts() throws Exception {
        byte[] body = playWhilePublishing(".aac", "aac");
        Path published = dir.resolve("published.flv");
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        for (byte[] raw : audioPayloads(published, 2)) {
            int length = 7 + raw.length;
            // AAC LC (profile 1), 44100 Hz (index 4), mono (ffmpeg's sine is one channel).
            expected.write(new byte[] {(byte) 0xFF, (byte) 0xF1, (byte) (1 << 6 | 4 << 2), (byte) (1 << 6 | length >> 11),
                    (byte) (length >> 3), (byte) ((length & 7) << 5 | 0x1F), (byte) 0xFC});
            expected.write(raw);
        }
        assertThat(body).as("ADTS stream").isEqualTo(expected.toByteArray());
        assertThat(ffprobeCodec(body, "out.aac")).isEqualTo("aac");
    }

    @Test
    void mp3MountStreamsMp3Frames() throws Exception {
        byte[] body = playWhilePublishing(".mp3", "libmp3lame");
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.write(new byte[] {'I', 'D', '3', 3, 0, 0, 0, 0, 0, 10, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
        for (byte[] frames : audioPayloads(dir.resolve("published.flv"), 1)) {
            expected.write(frames);
        }
        assertThat(body).as("MP3 stream").isEqualTo(expected.toByteArray());
        assertThat(ffprobeCodec(body, "out.mp3")).isEqualTo("mp3");
    }

    private byte[] playWhilePublishing(String extension, String audioCodec) throws Exception {
        try (TestServer server = TestServer.start(HttpFlvTest.HTTP,
                "http_remux { enabled on; mount [vhost]/[app]/[stream]" + extension + "; }")) {
            CompletableFuture<HttpResponse<byte[]>> player = CLIENT.sendAsync(
                    HttpRequest.newBuilder(URI.create(server.httpUrl("/live/radio" + extension))).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            Thread.sleep(300);
            Path published = dir.resolve("published.flv");
            Process publisher = Ffmpeg.start(dir.resolve("publish.log"), "-re",
                    "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100", "-t", "3",
                    "-c:a", audioCodec, "-b:a", "64k",
                    "-f", "tee", "-map", "0:a", "[f=flv]" + server.url("live", "radio") + "|[f=flv]" + published);
            Ffmpeg.awaitExit(publisher, dir.resolve("publish.log"), 30);
            HttpResponse<byte[]> res = player.get(15, TimeUnit.SECONDS);
            assertThat(res.statusCode()).isEqualTo(200);
            return res.body();
        }
    }

    /** The published audio payloads past their first {@code skip} bytes (FLV audio header), sequence headers left out. */
    private static List<byte[]> audioPayloads(Path flv, int skip) throws Exception {
        List<byte[]> out = new ArrayList<>();
        ByteBuf whole = Unpooled.wrappedBuffer(Files.readAllBytes(flv));
        try {
            for (FlvTag tag : FlvReader.readAll(whole)) {
                try {
                    if (tag.type() == 8 && !FlvAudio.isSequenceHeader(tag.payload())) {
                        ByteBuf p = tag.payload();
                        out.add(ByteBufUtil.getBytes(p, p.readerIndex() + skip, p.readableBytes() - skip));
                    }
                } finally {
                    tag.release();
                }
            }
        } finally {
            whole.release();
        }
        assertThat(out).hasSizeGreaterThan(50);
        return out;
    }

    private String ffprobeCodec(byte[] body, String name) throws Exception {
        Path file = dir.resolve(name);
        Files.write(file, body);
        Process p = new ProcessBuilder(Ffmpeg.ffprobe(), "-v", "error", "-show_entries", "stream=codec_name",
                "-of", "default=nw=1:nk=1", file.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        return out;
    }
}
