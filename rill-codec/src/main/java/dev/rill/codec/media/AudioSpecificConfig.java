package dev.rill.codec.media;

import dev.rill.codec.ErrorCode;
import dev.rill.codec.RillException;
import io.netty.buffer.ByteBuf;

/**
 * The fields of an MPEG-4 AudioSpecificConfig (ISO/IEC 14496-3 section 1.6.2.1) that an ADTS
 * header needs: the core audio object type, sampling frequency index and channel configuration.
 * For explicitly signalled HE-AAC (object type 5 SBR or 29 PS) the core AAC type and frequency
 * that follow the extension fields are taken, which is what an ADTS stream of HE-AAC carries.
 *
 * @param objectType          audio object type (2 is AAC LC)
 * @param frequencyIndex      samplingFrequencyIndex, 0..12
 * @param channelConfiguration channelConfiguration, 0..7
 */
public record AudioSpecificConfig(int objectType, int frequencyIndex, int channelConfiguration) {
    private static final int ESCAPE_OBJECT_TYPE = 31;
    private static final int EXPLICIT_FREQUENCY = 15;
    private static final int SBR = 5;
    private static final int PS = 29;

    /**
     * Reads an AudioSpecificConfig from the readable bytes of {@code asc} without moving its
     * reader index.
     *
     * @throws RillException MEDIA_INVALID when truncated or using an explicit (non-indexed) frequency
     */
    public static AudioSpecificConfig read(ByteBuf asc) {
        BitReader bits = new BitReader(asc);
        int objectType = objectType(bits);
        int frequencyIndex = frequencyIndex(bits);
        int channels = bits.read(4);
        if (objectType == SBR || objectType == PS) {
            frequencyIndex(bits);
            objectType = objectType(bits);
        }
        return new AudioSpecificConfig(objectType, frequencyIndex, channels);
    }

    /** Reads the AudioSpecificConfig of an FLV AAC sequence header (after its two header bytes). */
    public static AudioSpecificConfig fromSequenceHeader(ByteBuf flvAudioPayload) {
        if (!FlvAudio.isAacSequenceHeader(flvAudioPayload)) {
            throw new RillException(ErrorCode.MEDIA_INVALID, "not an FLV AAC sequence header");
        }
        return read(flvAudioPayload.slice(flvAudioPayload.readerIndex() + 2, flvAudioPayload.readableBytes() - 2));
    }

    private static int objectType(BitReader bits) {
        int type = bits.read(5);
        return type == ESCAPE_OBJECT_TYPE ? 32 + bits.read(6) : type;
    }

    private static int frequencyIndex(BitReader bits) {
        int index = bits.read(4);
        if (index == EXPLICIT_FREQUENCY) {
            throw new RillException(ErrorCode.MEDIA_INVALID,
                    "AudioSpecificConfig gives an explicit sampling frequency, which ADTS cannot carry");
        }
        return index;
    }

    /** MSB-first bit reader over the readable bytes of a buffer. */
    private static final class BitReader {
        private final ByteBuf buf;
        private int bit;

        BitReader(ByteBuf buf) {
            this.buf = buf;
        }

        int read(int n) {
            if (bit + n > buf.readableBytes() * 8) {
                throw new RillException(ErrorCode.MEDIA_INVALID, "AudioSpecificConfig truncated: "
                        + buf.readableBytes() + " bytes, needed bit " + (bit + n));
            }
            int v = 0;
            for (int i = 0; i < n; i++, bit++) {
                int b = buf.getUnsignedByte(buf.readerIndex() + (bit >> 3));
                v = v << 1 | (b >> (7 - (bit & 7))) & 1;
            }
            return v;
        }
    }
}
