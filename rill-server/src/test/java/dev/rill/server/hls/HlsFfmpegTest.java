package dev.rill.server.hls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import dev.rill.server.testing.Ffmpeg;
import dev.rill.server.testing.MediaPackets;
import dev.rill.server.testing.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Black-box HLS: real ffmpeg publishes testsrc + sine (H.264 with a keyframe every second, AAC)
 * over RTMP to a server with HLS on; ffprobe checks the segments and ffmpeg plays the playlist.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class HlsFfmpegTest {
    private static final double FRAME = 1 / 25.0;

    @TempDir
    Path dir;

    static String hls(Path path, String extra) {
        return "hls { enabled on; hls_fragment 2; hls_window 10; hls_path " + path + "; " + extra + " }";
    }

    /** ffmpeg publishing {@code seconds} of generated media to {@code url}, also saved as {@code copy}. */
    static Process publish(Path dir, String name, String url, Path copy, int seconds, boolean audio, boolean video)
            throws IOException {
        List<String> args = new ArrayList<>(List.of("-re"));
        if (video) {
            args.addAll(List.of("-f", "lavfi", "-i", "testsrc=size=320x240:rate=25"));
        }
        if (audio) {
            args.addAll(List.of("-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100"));
        }
        args.addAll(List.of("-t", Integer.toString(seconds)));
        if (video) {
            args.addAll(List.of("-c:v", "libx264", "-preset", "ultrafast", "-tune", "zerolatency", "-g", "25",
                    "-pix_fmt", "yuv420p"));
        }
        if (audio) {
            args.addAll(List.of("-c:a", "aac", "-b:a", "64k"));
        }
        args.addAll(audio && video ? List.of("-map", "0:v", "-map", "1:a") : List.of("-map", "0"));
        args.addAll(List.of("-f", "tee", "[f=flv]" + url + "|[f=flv]" + copy));
        return Ffmpeg.start(dir.resolve(name + ".log"), args.toArray(String[]::new));
    }

    /** Waits until the writer has closed the last segment: no partial files, the playlist spans the stream. */
    static List<HlsProbe.Entry> awaitFinalPlaylist(Path m3u8, double atLeastSeconds) {
        await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(m3u8)
                && HlsProbe.total(HlsProbe.entries(m3u8)) >= atLeastSeconds && noPartialFiles(m3u8.getParent()));
        try {
            return HlsProbe.entries(m3u8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static boolean noPartialFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.noneMatch(f -> f.toString().endsWith(".tmp") || f.toString().endsWith(".temp"));
        }
    }

    /**
     * Plays the playlist from its first segment with ffmpeg, copying into an FLV file. A live
     * playlist has no end tag: ffmpeg stops after two reloads bring nothing new.
     */
    static Path playHls(Path dir, Path m3u8, String name) throws IOException, InterruptedException {
        Path out = dir.resolve(name + ".flv");
        Ffmpeg.run(dir.resolve(name + ".log"), 60, "-live_start_index", "0", "-m3u8_hold_counters", "2",
                "-i", m3u8.toString(), "-c", "copy", "-f", "flv", out.toString());
        return out;
    }

    @Test
    void publishedStreamBecomesContinuousPlayableHls() throws Exception {
        Path hlsDir = dir.resolve("hls");
        try (TestServer server = TestServer.start("", hls(hlsDir, ""))) {
            Path published = dir.resolve("published.flv");
            Path m3u8 = hlsDir.resolve("live/cam.m3u8");
            long start = System.nanoTime();
            Process publisher = publish(dir, "publish", server.url("live", "cam"), published, 8, true, true);
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20)).until(() -> Files.exists(m3u8));
            long firstPlaylistMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            Ffmpeg.awaitExit(publisher, dir.resolve("publish.log"), 60);

            List<HlsProbe.Entry> entries = awaitFinalPlaylist(m3u8, 7.5);
            System.out.printf("HLS: first playlist %d ms after ffmpeg started publishing; segments %s%n",
                    firstPlaylistMs, entries.stream().map(HlsProbe.Entry::duration).toList());
            assertThat(entries).hasSizeGreaterThanOrEqualTo(4);
            assertThat(Files.readString(m3u8)).startsWith("#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-MEDIA-SEQUENCE:0\n")
                    .contains("#EXT-X-TARGETDURATION:3\n").doesNotContain("DISCONTINUITY");

            double previousEnd = -1;
            for (int i = 0; i < entries.size(); i++) {
                HlsProbe.Entry e = entries.get(i);
                List<HlsProbe.StreamInfo> streams = HlsProbe.streams(m3u8.resolveSibling(e.uri()));
                assertThat(streams).extracting(HlsProbe.StreamInfo::codec).containsExactlyInAnyOrder("h264", "aac");
                HlsProbe.StreamInfo video = HlsProbe.stream(streams, "h264");
                if (i < entries.size() - 1) {
                    assertThat(e.duration()).as("segment %d length", i).isCloseTo(2.0, within(0.5));
                    assertThat(video.duration()).as("segment %d video length", i).isCloseTo(e.duration(), within(FRAME + 0.001));
                }
                if (previousEnd >= 0) {
                    assertThat(video.start()).as("segment %d starts where %d ended", i, i - 1)
                            .isCloseTo(previousEnd, within(FRAME + 0.001));
                }
                previousEnd = video.start() + video.duration();
            }

            Path played = playHls(dir, m3u8, "hls-play");
            MediaPackets sent = MediaPackets.fromFlvFile(published);
            MediaPackets got = MediaPackets.fromFlvFile(played);
            assertThat(got.videoCount()).as("every published video frame is in the HLS").isEqualTo(sent.videoCount());
            assertThat(got.videoKey.get(0)).isTrue();
            assertThat(got.audioCount()).as("audio from the first keyframe on").isBetween(sent.audioCount() - 3, sent.audioCount());
            assertThat(Collections.indexOfSubList(sent.audio, got.audio)).as("AAC frames byte-identical, in order")
                    .isGreaterThanOrEqualTo(0);
            assertThat(HlsProbe.videoFrameMd5s(played)).as("decoded frames identical")
                    .isEqualTo(HlsProbe.videoFrameMd5s(published));
        }
    }

    @Test
    void audioOnlyAndVideoOnlyStreamsArePlayable() throws Exception {
        Path hlsDir = dir.resolve("hls");
        try (TestServer server = TestServer.start("", hls(hlsDir, ""))) {
            Path audioFlv = dir.resolve("audio.flv");
            Path videoFlv = dir.resolve("video.flv");
            Process audio = publish(dir, "audio", server.url("live", "radio"), audioFlv, 6, true, false);
            Process video = publish(dir, "video", server.url("live", "silent"), videoFlv, 6, false, true);
            Ffmpeg.awaitExit(audio, dir.resolve("audio.log"), 60);
            Ffmpeg.awaitExit(video, dir.resolve("video.log"), 60);

            Path radio = hlsDir.resolve("live/radio.m3u8");
            List<HlsProbe.Entry> radioEntries = awaitFinalPlaylist(radio, 5.5);
            assertThat(radioEntries.getFirst().duration()).as("pure audio is cut at hls_fragment * hls_aof_ratio")
                    .isCloseTo(4.0, within(0.1));
            for (HlsProbe.Entry e : radioEntries) {
                assertThat(HlsProbe.streams(radio.resolveSibling(e.uri()))).extracting(HlsProbe.StreamInfo::codec)
                        .containsExactly("aac");
            }
            MediaPackets radioSent = MediaPackets.fromFlvFile(audioFlv);
            MediaPackets radioGot = MediaPackets.fromFlvFile(playHls(dir, radio, "radio-play"));
            assertThat(radioGot.videoCount()).isZero();
            assertThat(radioGot.audio).as("every AAC frame, byte-identical").isEqualTo(radioSent.audio);

            Path silent = hlsDir.resolve("live/silent.m3u8");
            List<HlsProbe.Entry> silentEntries = awaitFinalPlaylist(silent, 5.5);
            assertThat(silentEntries.getFirst().duration()).isCloseTo(2.0, within(0.05));
            for (HlsProbe.Entry e : silentEntries) {
                assertThat(HlsProbe.streams(silent.resolveSibling(e.uri()))).extracting(HlsProbe.StreamInfo::codec)
                        .containsExactly("h264");
            }
            Path silentPlayed = playHls(dir, silent, "silent-play");
            assertThat(MediaPackets.fromFlvFile(silentPlayed).audioCount()).isZero();
            assertThat(HlsProbe.videoFrameMd5s(silentPlayed)).isEqualTo(HlsProbe.videoFrameMd5s(videoFlv));
        }
    }

    @Test
    void republishAddsADiscontinuityAndDisposeRemovesEverything() throws Exception {
        Path hlsDir = dir.resolve("hls");
        try (TestServer server = TestServer.start("", hls(hlsDir, "hls_dispose 3;"))) {
            Path m3u8 = hlsDir.resolve("live/cam.m3u8");
            Process first = publish(dir, "first", server.url("live", "cam"), dir.resolve("first.flv"), 3, true, true);
            Ffmpeg.awaitExit(first, dir.resolve("first.log"), 60);
            List<HlsProbe.Entry> before = awaitFinalPlaylist(m3u8, 2.5);

            Process second = publish(dir, "second", server.url("live", "cam"), dir.resolve("second.flv"), 3, true, true);
            Ffmpeg.awaitExit(second, dir.resolve("second.log"), 60);
            List<HlsProbe.Entry> after = awaitFinalPlaylist(m3u8, 5.5);
            assertThat(after.subList(0, before.size())).isEqualTo(before);
            assertThat(after.stream().filter(HlsProbe.Entry::discontinuity).toList())
                    .as("one discontinuity, at the second publisher's first segment")
                    .containsExactly(after.get(before.size()));
            List<Path> files = new ArrayList<>();
            for (HlsProbe.Entry e : after) {
                files.add(m3u8.resolveSibling(e.uri()));
            }
            assertThat(files).allMatch(Files::exists);

            await().atMost(Duration.ofSeconds(10)).until(() -> !Files.exists(m3u8));
            assertThat(files).noneMatch(Files::exists);
            try (Stream<Path> left = Files.list(m3u8.getParent())) {
                assertThat(left).as("nothing left after hls_dispose").isEmpty();
            }
        }
    }
}
