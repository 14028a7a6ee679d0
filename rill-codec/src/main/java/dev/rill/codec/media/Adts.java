package dev.rill.codec.media;

import dev.rill.codec.ErrorCode;
import dev.rill.codec.RillException;
import io.netty.buffer.ByteBuf;

/**
 * The 7-byte ADTS header without CRC (ISO/IEC 13818-7 section 6.2.1 adts_fixed_header and
 * adts_variable_header; ISO/IEC 14496-3 section 1.A.2.2) put in front of each raw AAC frame to
 * make an ADTS stream: syncword 0xFFF, MPEG-4 ID, layer 0, no CRC, profile (object type - 1),
 * frequency index, channel configuration, frame length, buffer fullness 0x7FF (variable rate),
 * one raw data block.
 */
public final class Adts {
    public static final int HEADER_SIZE = 7;
    /** The 13-bit aac_frame_length covers the header too. */
    public static final int MAX_FRAME_LENGTH = (1 << 13) - 1;

    private Adts() {
    }

    /**
     * Writes the header for a raw frame of {@code rawLength} bytes.
     *
     * @throws RillException MEDIA_INVALID when the object type, channel configuration or frame
     *                       length cannot be expressed in ADTS
     */
    public static void writeHeader(ByteBuf out, AudioSpecificConfig config, int rawLength) {
        int profile = config.objectType() - 1;
        if (profile < 0 || profile > 3) {
            throw new RillException(ErrorCode.MEDIA_INVALID,
                    "AAC object type " + config.objectType() + " cannot be carried in ADTS (1..4)");
        }
        if (config.channelConfiguration() > 7) {
            throw new RillException(ErrorCode.MEDIA_INVALID,
                    "AAC channel configuration " + config.channelConfiguration() + " over 7");
        }
        int frameLength = HEADER_SIZE + rawLength;
        if (rawLength < 0 || frameLength > MAX_FRAME_LENGTH) {
            throw new RillException(ErrorCode.MEDIA_INVALID,
                    "AAC frame of " + rawLength + " bytes does not fit an ADTS frame (max " + MAX_FRAME_LENGTH + ")");
        }
        int channels = config.channelConfiguration();
        out.writeByte(0xFF);
        out.writeByte(0xF1);
        out.writeByte(profile << 6 | config.frequencyIndex() << 2 | channels >> 2);
        out.writeByte((channels & 3) << 6 | frameLength >> 11);
        out.writeByte(frameLength >> 3 & 0xFF);
        out.writeByte((frameLength & 7) << 5 | 0x1F);
        out.writeByte(0xFC);
    }
}
