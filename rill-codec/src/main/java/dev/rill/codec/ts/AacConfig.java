package dev.rill.codec.ts;

import dev.rill.codec.ErrorCode;
import dev.rill.codec.RillException;
import io.netty.buffer.ByteBuf;

/**
 * The fields of an AudioSpecificConfig (ISO 14496-3 1.6.2.1) that an ADTS header repeats: the
 * object type of the core coder, the sampling frequency index and the channel configuration.
 * For HE-AAC signalled explicitly (object type 5 or 29), the core type and core rate are taken, as
 * ADTS signals SBR implicitly.
 */
public record AacConfig(int objectType, int samplingIndex, int channels) {
    static final int[] SAMPLING_RATES = {96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000, 12000,
        11025, 8000, 7350};
    private static final int SBR = 5;
    private static final int PS = 29;

    /** Parses the config from {@code asc}'s readable bytes without moving its indexes. */
    public static AacConfig parse(ByteBuf asc) {
        if (asc.readableBytes() < 2) {
            throw new RillException(ErrorCode.MEDIA_INVALID, "AudioSpecificConfig has " + asc.readableBytes()
                    + " bytes, at least 2 needed");
        }
        int bits = asc.getUnsignedShort(asc.readerIndex());
        int objectType = bits >>> 11;
        int samplingIndex = (bits >>> 7) & 0x0F;
        int channels = (bits >>> 3) & 0x0F;
        if (objectType == 0 || objectType == 31) {
            throw new RillException(ErrorCode.MEDIA_INVALID, "AAC object type " + objectType
                    + " cannot be carried in ADTS");
        }
        if (samplingIndex >= SAMPLING_RATES.length) {
            throw new RillException(ErrorCode.MEDIA_INVALID, "AAC sampling frequency index " + samplingIndex
                    + " has no ADTS form (explicit rates are not allowed)");
        }
        if ((objectType == SBR || objectType == PS) && asc.readableBytes() >= 3) {
            // extensionSamplingFrequencyIndex (4 bits), then the core audioObjectType (5 bits).
            int more = asc.getUnsignedMedium(asc.readerIndex());
            objectType = (more >>> 2) & 0x1F;
        }
        if (objectType > 4) {
            throw new RillException(ErrorCode.MEDIA_INVALID, "AAC object type " + objectType
                    + " is beyond the four ADTS profiles");
        }
        return new AacConfig(objectType, samplingIndex, channels);
    }

    public int sampleRate() {
        return SAMPLING_RATES[samplingIndex];
    }
}
