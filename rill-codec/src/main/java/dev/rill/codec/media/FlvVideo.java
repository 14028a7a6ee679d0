package dev.rill.codec.media;

import io.netty.buffer.ByteBuf;

/**
 * Reads the VIDEODATA header at the front of an FLV video tag or RTMP video message payload (FLV
 * spec v10.1, annex E.4.3.1): FrameType UB[4], CodecID UB[4], then for AVC an AVCPacketType UI8
 * and a CompositionTime SI24. HEVC uses the same layout under CodecID 12, the value Chinese CDNs
 * and SRS settled on before the enhanced RTMP extension. Every method reads without moving the
 * reader index and answers false (or the documented default) for a payload too short to tell.
 */
public final class FlvVideo {
    public static final int FRAME_TYPE_KEY = 1;
    public static final int FRAME_TYPE_INTER = 2;
    public static final int CODEC_AVC = 7;
    public static final int CODEC_HEVC = 12;
    public static final int PACKET_TYPE_SEQUENCE_HEADER = 0;
    public static final int PACKET_TYPE_NALU = 1;

    private FlvVideo() {
    }

    /** CodecID (low nibble of the first byte), or -1 for an empty payload. */
    public static int codecId(ByteBuf payload) {
        return payload.isReadable() ? payload.getUnsignedByte(payload.readerIndex()) & 0x0F : -1;
    }

    /** FrameType (high nibble of the first byte), or -1 for an empty payload. */
    public static int frameType(ByteBuf payload) {
        return payload.isReadable() ? payload.getUnsignedByte(payload.readerIndex()) >> 4 : -1;
    }

    /** True when FrameType is 1, a keyframe (seekable frame). */
    public static boolean isKeyframe(ByteBuf payload) {
        return frameType(payload) == FRAME_TYPE_KEY;
    }

    /** An AVC decoder configuration record: CodecID 7, keyframe, AVCPacketType 0. */
    public static boolean isAvcSequenceHeader(ByteBuf payload) {
        return isSequenceHeaderOf(payload, CODEC_AVC);
    }

    /** An HEVC decoder configuration record: CodecID 12, keyframe, packet type 0. */
    public static boolean isHevcSequenceHeader(ByteBuf payload) {
        return isSequenceHeaderOf(payload, CODEC_HEVC);
    }

    /** An AVC or HEVC sequence header. */
    public static boolean isSequenceHeader(ByteBuf payload) {
        return isAvcSequenceHeader(payload) || isHevcSequenceHeader(payload);
    }

    /**
     * The signed 24-bit CompositionTime (pts - dts in ms) of an AVC or HEVC packet; 0 for other
     * codecs and for a payload shorter than the 5-byte header.
     */
    public static int compositionTime(ByteBuf payload) {
        int codec = codecId(payload);
        if ((codec != CODEC_AVC && codec != CODEC_HEVC) || payload.readableBytes() < 5) {
            return 0;
        }
        return payload.getMedium(payload.readerIndex() + 2);
    }

    private static boolean isSequenceHeaderOf(ByteBuf payload, int codec) {
        return payload.readableBytes() >= 2
                && codecId(payload) == codec
                && frameType(payload) == FRAME_TYPE_KEY
                && payload.getUnsignedByte(payload.readerIndex() + 1) == PACKET_TYPE_SEQUENCE_HEADER;
    }
}
