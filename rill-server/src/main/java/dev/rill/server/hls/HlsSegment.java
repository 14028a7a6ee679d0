package dev.rill.server.hls;

import java.nio.file.Path;

/**
 * A finished segment in the playlist.
 *
 * @param seq           its media sequence number
 * @param uri           as written in the playlist
 * @param file          where it is on disk
 * @param durationMs    its length in media time
 * @param discontinuity whether EXT-X-DISCONTINUITY goes before it (a new publisher, new timestamps)
 */
record HlsSegment(long seq, String uri, Path file, long durationMs, boolean discontinuity) {
}
