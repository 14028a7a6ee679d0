package dev.rill.server.hls;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The live media playlist of one stream (RFC 8216 4.3): the segments in the window, rendered as
 * SRS 3 writes it. EXT-X-TARGETDURATION is the larger of the longest segment and
 * {@code hls_fragment * hls_td_ratio}, rounded up.
 */
final class HlsPlaylist {
    private final ArrayDeque<HlsSegment> segments = new ArrayDeque<>();

    void add(HlsSegment segment) {
        segments.addLast(segment);
    }

    boolean isEmpty() {
        return segments.isEmpty();
    }

    List<HlsSegment> segments() {
        return List.copyOf(segments);
    }

    /**
     * Drops the oldest segments so the rest span at most {@code windowMs}, keeping the one that
     * crosses the line (SRS's {@code shrink}); returns what was dropped.
     */
    List<HlsSegment> shrink(long windowMs) {
        List<HlsSegment> all = new ArrayList<>(segments);
        long total = 0;
        int keepFrom = 0;
        for (int i = all.size() - 1; i >= 0; i--) {
            total += all.get(i).durationMs();
            if (total > windowMs) {
                keepFrom = i;
                break;
            }
        }
        List<HlsSegment> dropped = new ArrayList<>(all.subList(0, keepFrom));
        for (int i = 0; i < keepFrom; i++) {
            segments.removeFirst();
        }
        return dropped;
    }

    /** Removes and returns every segment. */
    List<HlsSegment> clear() {
        List<HlsSegment> all = new ArrayList<>(segments);
        segments.clear();
        return all;
    }

    String render(double minTargetSeconds) {
        long maxMs = 0;
        for (HlsSegment s : segments) {
            maxMs = Math.max(maxMs, s.durationMs());
        }
        long target = (long) Math.ceil(Math.max(maxMs / 1000.0, minTargetSeconds));
        StringBuilder m3u8 = new StringBuilder(256 + segments.size() * 64);
        m3u8.append("#EXTM3U\n#EXT-X-VERSION:3\n");
        m3u8.append("#EXT-X-MEDIA-SEQUENCE:").append(segments.isEmpty() ? 0 : segments.getFirst().seq()).append('\n');
        m3u8.append("#EXT-X-TARGETDURATION:").append(target).append('\n');
        for (HlsSegment s : segments) {
            if (s.discontinuity()) {
                m3u8.append("#EXT-X-DISCONTINUITY\n");
            }
            m3u8.append(String.format(Locale.ROOT, "#EXTINF:%.3f, no desc\n", s.durationMs() / 1000.0));
            m3u8.append(s.uri()).append('\n');
        }
        return m3u8.toString();
    }
}
