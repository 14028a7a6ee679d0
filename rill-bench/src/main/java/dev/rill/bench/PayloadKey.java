package dev.rill.bench;

import io.netty.buffer.ByteBuf;

/**
 * A 64-bit hash of a message payload, which identifies a video message of a published FLV file on
 * receipt. The RTMP timestamp cannot be part of the key: a server rewrites it per player
 * ({@code time_jitter full} rebases every player to 0). A file's loops repeat payloads, so the
 * send log keeps the latest send of each key.
 */
final class PayloadKey {
    private static final long MULTIPLIER = 0x9E3779B97F4A7C15L;

    private PayloadKey() {
    }

    static long of(ByteBuf payload) {
        int at = payload.readerIndex();
        int end = payload.writerIndex();
        long h = payload.readableBytes() * MULTIPLIER;
        for (; at + 8 <= end; at += 8) {
            h = mix(h ^ payload.getLong(at));
        }
        for (; at < end; at++) {
            h = mix(h ^ payload.getByte(at));
        }
        return h;
    }

    /** The finalizer of SplitMix64: every input bit reaches every output bit. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
