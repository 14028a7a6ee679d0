package dev.rill.bench.micro;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.SplittableRandom;

/** FLV-bodied media payloads with seeded random filler, the way an encoder's frames look on the wire. */
final class MediaPayloads {
    /** AAC-LC raw frame at 128 kbps, 44.1 kHz: 1024 samples. */
    static final int AUDIO_FRAME_BYTES = 372;

    private MediaPayloads() {
    }

    /** An AVC NALU video body (FLV VideoTagHeader: frame type, codec 7, packet type 1, cts 0). */
    static ByteBuf video(ByteBufAllocator alloc, int size, boolean keyframe) {
        ByteBuf out = alloc.buffer(size);
        out.writeByte(keyframe ? 0x17 : 0x27);
        out.writeByte(1);
        out.writeMedium(0);
        fill(out, size - 5, size);
        return out;
    }

    /** An AAC raw audio body (FLV AudioTagHeader: AAC, 44 kHz, 16-bit, stereo; packet type 1). */
    static ByteBuf audio(ByteBufAllocator alloc, int size) {
        ByteBuf out = alloc.buffer(size);
        out.writeByte(0xAF);
        out.writeByte(1);
        fill(out, size - 2, size);
        return out;
    }

    private static void fill(ByteBuf out, int count, long seed) {
        byte[] filler = new byte[count];
        new SplittableRandom(seed).nextBytes(filler);
        out.writeBytes(filler);
    }
}
