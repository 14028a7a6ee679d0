package dev.rill.bench;

import io.netty.buffer.ByteBuf;

/**
 * The identity a generated video message carries so that a player can tell which one it got and
 * when it was sent. The payload is a well-formed FLV AVC video tag body (FLV spec v10.1, E.4.3.1):
 * FrameType/CodecID (0x17 key, 0x27 inter), AVCPacketType 1 (NALU), CompositionTime 0, then one
 * AVCC NAL unit (4-byte length, NAL header 0x65 IDR slice or 0x41 non-IDR slice) whose body begins
 * with an 8-byte sequence number and the 8-byte {@link System#nanoTime} of sending; filler follows.
 * Publisher and players run in one JVM, so the nanoTime is comparable on receipt.
 */
final class PayloadStamp {
    /** Where the sequence number sits: 5-byte AVC header, 4-byte NALU length, 1-byte NAL header. */
    static final int SEQ_OFFSET = 10;
    static final int NANOS_OFFSET = SEQ_OFFSET + 8;
    /** The smallest stamped payload. */
    static final int MIN_SIZE = NANOS_OFFSET + 8;

    private static final int AVC_KEY = 0x17;
    private static final int AVC_INTER = 0x27;
    private static final int NAL_IDR = 0x65;
    private static final int NAL_NON_IDR = 0x41;

    private PayloadStamp() {
    }

    /**
     * Writes a stamped video payload of {@code size} bytes (at least {@link #MIN_SIZE}) to
     * {@code out}, the bytes after the stamp taken from {@code filler} starting at
     * {@code fillerOffset} (wrapping around).
     */
    static void write(ByteBuf out, boolean keyframe, long seq, long sendNanos, int size, byte[] filler,
                      int fillerOffset) {
        if (size < MIN_SIZE) {
            throw new IllegalArgumentException("stamped payload size " + size + " is below " + MIN_SIZE);
        }
        out.writeByte(keyframe ? AVC_KEY : AVC_INTER);
        out.writeByte(1);
        out.writeMedium(0);
        out.writeInt(size - 9);
        out.writeByte(keyframe ? NAL_IDR : NAL_NON_IDR);
        out.writeLong(seq);
        out.writeLong(sendNanos);
        int left = size - MIN_SIZE;
        int at = Math.floorMod(fillerOffset, filler.length);
        while (left > 0) {
            int n = Math.min(left, filler.length - at);
            out.writeBytes(filler, at, n);
            left -= n;
            at = 0;
        }
    }

    /** Whether {@code payload} is a stamped AVC NALU message (not a sequence header, not foreign). */
    static boolean isStamped(ByteBuf payload) {
        if (payload.readableBytes() < MIN_SIZE) {
            return false;
        }
        int i = payload.readerIndex();
        int frame = payload.getUnsignedByte(i);
        int nal = payload.getUnsignedByte(i + 9);
        return (frame == AVC_KEY || frame == AVC_INTER) && payload.getByte(i + 1) == 1
                && (nal == NAL_IDR || nal == NAL_NON_IDR);
    }

    static long seq(ByteBuf payload) {
        return payload.getLong(payload.readerIndex() + SEQ_OFFSET);
    }

    static long sendNanos(ByteBuf payload) {
        return payload.getLong(payload.readerIndex() + NANOS_OFFSET);
    }
}
