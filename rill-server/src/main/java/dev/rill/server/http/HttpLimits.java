package dev.rill.server.http;

/**
 * Limits on what an HTTP client may send, each enforced by closing that connection with a 4xx.
 *
 * @param maxInitialLineLength request line, default 4096 bytes (longer: 414)
 * @param maxHeaderSize        all headers, default 8192 bytes (larger: 431)
 * @param maxContentLength     request body, default 64 KiB (larger: 413)
 * @param requestTimeoutMillis time to send a whole request from connect or from the previous
 *                             response, default 10 s; a client that sends headers a byte at a
 *                             time (slowloris) is cut off after it (408)
 */
public record HttpLimits(int maxInitialLineLength, int maxHeaderSize, int maxContentLength, long requestTimeoutMillis) {
    public static final HttpLimits DEFAULT = new HttpLimits(4096, 8192, 64 * 1024, 10_000);
}
