package dev.rill.server.testing;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads an FLV byte stream as it arrives (an HTTP-FLV body, the payloads of WebSocket-FLV frames)
 * and records its packets, when the first video frame came, and whether it ended on a tag
 * boundary.
 */
public final class FlvStreamRecorder {
    public final MediaPackets packets = new MediaPackets();
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private final long startNanos = System.nanoTime();
    private final AtomicLong firstVideoNanos = new AtomicLong(-1);
    private volatile boolean headerSeen;
    private volatile boolean endedCleanly;
    private volatile long bytes;

    /** Feeds bytes as received. */
    public synchronized void feed(byte[] data, int offset, int length) {
        bytes += length;
        pending.write(data, offset, length);
        byte[] all = pending.toByteArray();
        int at = 0;
        if (!headerSeen) {
            if (all.length < 13) {
                return;
            }
            if (all[0] != 'F' || all[1] != 'L' || all[2] != 'V') {
                throw new AssertionError("stream does not start with an FLV header");
            }
            headerSeen = true;
            at = 13;
        }
        while (all.length - at >= 11) {
            int type = all[at] & 0x1F;
            int size = (all[at + 1] & 0xFF) << 16 | (all[at + 2] & 0xFF) << 8 | all[at + 3] & 0xFF;
            if (all.length - at < 11 + size + 4) {
                break;
            }
            long timestamp = (all[at + 4] & 0xFF) << 16 | (all[at + 5] & 0xFF) << 8 | all[at + 6] & 0xFF
                    | (long) (all[at + 7] & 0xFF) << 24;
            ByteBuf payload = Unpooled.wrappedBuffer(all, at + 11, size);
            packets.add(type, timestamp, payload);
            if (type == 9 && firstVideoNanos.get() < 0 && !dev.rill.codec.media.FlvVideo.isSequenceHeader(payload)) {
                firstVideoNanos.set(System.nanoTime());
            }
            at += 11 + size + 4;
        }
        pending.reset();
        pending.write(all, at, all.length - at);
    }

    /** Reads {@code in} to its end on the calling thread. */
    public void readAll(InputStream in) throws IOException {
        byte[] buf = new byte[16384];
        int n;
        while ((n = in.read(buf)) >= 0) {
            feed(buf, 0, n);
        }
        markEnd();
    }

    public synchronized void markEnd() {
        endedCleanly = headerSeen && pending.size() == 0;
    }

    public boolean endedCleanly() {
        return endedCleanly;
    }

    public long bytes() {
        return bytes;
    }

    /** Milliseconds from this recorder's creation to the first video frame, or -1. */
    public long firstVideoMillis() {
        long t = firstVideoNanos.get();
        return t < 0 ? -1 : (t - startNanos) / 1_000_000;
    }
}
