package dev.rill.server.hls;

import dev.rill.server.live.StreamKey;
import dev.rill.server.log.ContextLog;
import java.io.IOException;

/**
 * The failed writes of one stream's HLS under {@code hls_on_error continue}. A full or read-only
 * disk fails every segment (every keyframe, in fact) for as long as it lasts, so a line per
 * failure would flood the log exactly when the operator needs it: the first failure is logged,
 * the rest are only counted, and the first segment listed afterwards logs the recovery with the
 * count. Used on the stream's writer thread only.
 */
final class WriteFailures {
    private final ContextLog log;
    private final StreamKey key;
    private long failures;
    private long sinceMs;
    private long listedAtFailure;

    WriteFailures(ContextLog log, StreamKey key) {
        this.log = log;
        this.key = key;
    }

    /** A write failed; {@code listed} is how many segments the writer had listed so far. */
    void failed(IOException e, long listed) {
        if (failures++ == 0) {
            sinceMs = System.currentTimeMillis();
            listedAtFailure = listed;
            log.error("HLS write failed for {} (hls_on_error continue: segment dropped, trying again at every "
                    + "keyframe; logged again when writing resumes): {}", key, e.toString());
        }
    }

    /** Call after each message; logs the recovery once a segment is listed after failures. */
    void check(long listed) {
        if (failures > 0 && listed > listedAtFailure) {
            log.warn("HLS writes again for {} after {} failed attempts over {} ms", key, failures,
                    System.currentTimeMillis() - sinceMs);
            failures = 0;
        }
    }
}
