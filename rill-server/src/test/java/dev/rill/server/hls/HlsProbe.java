package dev.rill.server.hls;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rill.server.testing.Ffmpeg;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Reads HLS output for tests: the playlist's entries and ffprobe's view of each segment. */
public final class HlsProbe {
    /** One playlist entry. */
    public record Entry(double duration, String uri, boolean discontinuity) {
    }

    /** ffprobe's view of one stream of a segment, times in seconds. */
    public record StreamInfo(String codec, double start, double duration) {
    }

    private HlsProbe() {
    }

    public static List<Entry> entries(Path m3u8) throws IOException {
        List<Entry> out = new ArrayList<>();
        boolean discontinuity = false;
        double duration = -1;
        for (String line : Files.readAllLines(m3u8)) {
            if (line.equals("#EXT-X-DISCONTINUITY")) {
                discontinuity = true;
            } else if (line.startsWith("#EXTINF:")) {
                duration = Double.parseDouble(line.substring(8, line.indexOf(',')));
            } else if (!line.startsWith("#") && !line.isBlank()) {
                out.add(new Entry(duration, line, discontinuity));
                discontinuity = false;
            }
        }
        return out;
    }

    static double total(List<Entry> entries) {
        return entries.stream().mapToDouble(Entry::duration).sum();
    }

    /** The streams of {@code file} in order: codec name, start time, duration. */
    public static List<StreamInfo> streams(Path file) throws IOException, InterruptedException {
        JsonNode root = new ObjectMapper().readTree(run(Ffmpeg.ffprobe(), "-v", "error", "-show_entries",
                "stream=codec_name,start_time,duration", "-of", "json", file.toString()));
        List<StreamInfo> out = new ArrayList<>();
        for (JsonNode s : root.path("streams")) {
            out.add(new StreamInfo(s.path("codec_name").asText(), s.path("start_time").asDouble(-1),
                    s.path("duration").asDouble(-1)));
        }
        return out;
    }

    static StreamInfo stream(List<StreamInfo> streams, String codec) {
        return streams.stream().filter(s -> s.codec().equals(codec)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + codec + " stream in " + streams));
    }

    /** The MD5 of each decoded video frame, in order (ffmpeg's framemd5 muxer). */
    public static List<String> videoFrameMd5s(Path input, String... inputOptions) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Ffmpeg.ffmpeg(), "-v", "error", "-nostdin"));
        cmd.addAll(List.of(inputOptions));
        cmd.addAll(List.of("-i", input.toString(), "-map", "0:v", "-f", "framemd5", "-"));
        List<String> md5s = new ArrayList<>();
        for (String line : run(cmd.toArray(String[]::new)).split("\n")) {
            if (!line.startsWith("#") && !line.isBlank()) {
                String[] fields = line.split(",");
                md5s.add(fields[fields.length - 1].trim());
            }
        }
        return md5s;
    }

    static String run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", cmd) + " failed");
        }
        return new String(out, StandardCharsets.UTF_8);
    }
}
