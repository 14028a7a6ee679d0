package dev.rill.codec.ts;

import dev.rill.codec.ErrorCode;
import dev.rill.codec.RillException;
import io.netty.buffer.ByteBuf;

/**
 * The 7-byte ADTS header (ISO 13818-7 6.2, ISO 14496-3 1.A.2.2) written before each raw AAC
 * frame: syncword 0xFFF, MPEG-4 ID, no CRC, profile (object type - 1), sampling index, channel
 * configuration, frame length including the header, buffer fullness 0x7FF (variable rate), one
 * raw data block.
 */
public final class Adts {
    public static final int HEADER_SIZE = 7;
    /** aac_frame_length is 13 bits. */
    public static final int MAX_FRAME_LENGTH = 0x1FFF;

    private Adts() {
    }

    public static void writeHeader(ByteBuf out, AacConfig config, int rawLength) {
        int length = HEADER_SIZE + rawLength;
        if (length > MAX_FRAME_LENGTH) {
            throw new RillException(ErrorCode.MEDIA_INVALID, "AAC frame of "
                    + rawLength + " bytes exceeds the ADTS frame length limit " + MAX_FRAME_LENGTH);
        }
        int profile = config.objectType() - 1;
        out.writeByte(0xFF);
        out.writeByte(0xF1);
        out.writeByte((profile << 6) | (config.samplingIndex() << 2) | ((config.channels() >> 2) & 0x01));
        out.writeByte(((config.channels() & 0x03) << 6) | ((length >> 11) & 0x03));
        out.writeByte((length >> 3) & 0xFF);
        out.writeByte(((length & 0x07) << 5) | 0x1F);
        out.writeByte(0xFC);
    }
}
