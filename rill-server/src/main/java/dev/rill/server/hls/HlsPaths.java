package dev.rill.server.hls;

import dev.rill.server.live.StreamKey;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * SRS's variables in {@code hls_m3u8_file} and {@code hls_ts_file}: [vhost] [app] [stream] [seq]
 * [timestamp] (ms since the epoch, or the floor index with {@code hls_ts_floor}), and the local
 * time of the segment's start as Go-style layout numbers: [2006] year, [01] month, [02] day,
 * [15] hour, [04] minute, [05] second, [999] millisecond.
 */
final class HlsPaths {
    private HlsPaths() {
    }

    static String expand(String template, StreamKey key, long seq, String timestamp, long nowMillis, ZoneId zone) {
        ZonedDateTime t = Instant.ofEpochMilli(nowMillis).atZone(zone);
        return template
                .replace("[vhost]", key.vhost())
                .replace("[app]", key.app())
                .replace("[stream]", key.stream())
                .replace("[seq]", Long.toString(seq))
                .replace("[timestamp]", timestamp)
                .replace("[2006]", String.format("%04d", t.getYear()))
                .replace("[01]", String.format("%02d", t.getMonthValue()))
                .replace("[02]", String.format("%02d", t.getDayOfMonth()))
                .replace("[15]", String.format("%02d", t.getHour()))
                .replace("[04]", String.format("%02d", t.getMinute()))
                .replace("[05]", String.format("%02d", t.getSecond()))
                .replace("[999]", String.format("%03d", t.getNano() / 1_000_000));
    }

    /**
     * The segment's URI in the playlist, as SRS 3 builds it: the segment path relative to the
     * playlist's directory, after {@code prefix}; a prefix not ending in '/' also gets the
     * playlist's directory (relative to hls_path) appended.
     */
    static String segmentUri(String prefix, String m3u8Url, String tsUrl) {
        String relative = tsUrl;
        String m3u8Dir = dirname(m3u8Url);
        if (!m3u8Dir.isEmpty() && relative.startsWith(m3u8Dir + "/")) {
            relative = relative.substring(m3u8Dir.length() + 1);
        }
        while (relative.startsWith("/")) {
            relative = relative.substring(1);
        }
        StringBuilder uri = new StringBuilder(prefix);
        if (!prefix.isEmpty() && !prefix.endsWith("/")) {
            uri.append('/');
            if (!m3u8Dir.isEmpty()) {
                uri.append(m3u8Dir).append('/');
            }
        }
        return uri.append(relative).toString();
    }

    private static String dirname(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }
}
