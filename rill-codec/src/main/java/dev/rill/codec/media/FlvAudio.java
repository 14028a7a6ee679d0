package dev.rill.codec.media;

import io.netty.buffer.ByteBuf;

/**
 * Reads the AUDIODATA header at the front of an FLV audio tag or RTMP audio message payload (FLV
 * spec v10.1, annex E.4.2.1): SoundFormat UB[4], SoundRate UB[2], SoundSize UB[1], SoundType
 * UB[1], then for AAC an AACPacketType UI8. Every method reads without moving the reader index and
 * answers false (or the documented default) for a payload too short to tell.
 */
public final class FlvAudio {
    public static final int FORMAT_MP3 = 2;
    public static final int FORMAT_AAC = 10;
    public static final int AAC_PACKET_TYPE_SEQUENCE_HEADER = 0;
    public static final int AAC_PACKET_TYPE_RAW = 1;

    private FlvAudio() {
    }

    /** SoundFormat (high nibble of the first byte), or -1 for an empty payload. */
    public static int soundFormat(ByteBuf payload) {
        return payload.isReadable() ? payload.getUnsignedByte(payload.readerIndex()) >> 4 : -1;
    }

    /** An AAC AudioSpecificConfig: SoundFormat 10, AACPacketType 0. */
    public static boolean isAacSequenceHeader(ByteBuf payload) {
        return payload.readableBytes() >= 2
                && soundFormat(payload) == FORMAT_AAC
                && payload.getUnsignedByte(payload.readerIndex() + 1) == AAC_PACKET_TYPE_SEQUENCE_HEADER;
    }

    /** A sequence header of any audio codec; AAC is the only one FLV defines. */
    public static boolean isSequenceHeader(ByteBuf payload) {
        return isAacSequenceHeader(payload);
    }
}
