package dev.rill.codec.media;

import dev.rill.codec.ErrorCode;
import dev.rill.codec.RillException;
import io.netty.buffer.ByteBuf;

/**
 * What an audio stream is, in the words SRS's API uses.
 *
 * @param codec      e.g. {@code AAC}, {@code MP3}
 * @param sampleRate samples per second
 * @param channels   1 or 2 from the FLV header; for AAC the channelConfiguration
 * @param profile    the AAC object type name ({@code LC}, {@code HE}, ...), or {@code Other}
 */
public record AudioInfo(String codec, int sampleRate, int channels, String profile) {
    /** ISO/IEC 14496-3 Table 1.18, samplingFrequencyIndex 0..12. */
    private static final int[] AAC_RATES = {96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000,
            12000, 11025, 8000, 7350};
    /** FLV SoundRate 0..3 (FLV spec annex E.4.2.1). */
    private static final int[] FLV_RATES = {5512, 11025, 22050, 44100};

    /**
     * Reads an AAC sequence header: the FLV audio header then an AudioSpecificConfig (ISO/IEC
     * 14496-3 section 1.6.2.1). Does not move the reader index.
     */
    public static AudioInfo fromAacSequenceHeader(ByteBuf payload) {
        if (!FlvAudio.isAacSequenceHeader(payload)) {
            throw new RillException(ErrorCode.MEDIA_INVALID, "not an AAC sequence header");
        }
        int length = payload.readableBytes() - 2;
        byte[] asc = new byte[length];
        payload.getBytes(payload.readerIndex() + 2, asc);
        RbspReader r = new RbspReader(asc, 0, asc.length);
        int objectType = r.bits(5, "audioObjectType");
        if (objectType == 31) {
            objectType = 32 + r.bits(6, "audioObjectTypeExt");
        }
        int rateIndex = r.bits(4, "samplingFrequencyIndex");
        int rate;
        if (rateIndex == 15) {
            rate = r.bits(24, "samplingFrequency");
            if (rate == 0) {
                throw new RillException(ErrorCode.MEDIA_INVALID, "AAC explicit samplingFrequency is 0");
            }
        } else if (rateIndex < AAC_RATES.length) {
            rate = AAC_RATES[rateIndex];
        } else {
            throw new RillException(ErrorCode.MEDIA_INVALID, "AAC samplingFrequencyIndex " + rateIndex + " is reserved");
        }
        int channels = r.bits(4, "channelConfiguration");
        return new AudioInfo("AAC", rate, channels, aacProfileName(objectType));
    }

    /** The facts an FLV audio tag header gives for a codec without a sequence header (MP3, ...). */
    public static AudioInfo fromFlvHeader(ByteBuf payload) {
        if (!payload.isReadable()) {
            throw new RillException(ErrorCode.MEDIA_INVALID, "empty audio message");
        }
        int b = payload.getUnsignedByte(payload.readerIndex());
        return new AudioInfo(codecName(b >> 4), FLV_RATES[(b >> 2) & 3], (b & 1) + 1, "Other");
    }

    /** SRS's names for FLV SoundFormat values (srs_audio_codec_id2str). */
    static String codecName(int soundFormat) {
        return switch (soundFormat) {
            case FlvAudio.FORMAT_AAC -> "AAC";
            case FlvAudio.FORMAT_MP3 -> "MP3";
            case 11 -> "Speex";
            case 0, 3 -> "PCM";
            case 7, 8 -> "G711";
            case 4, 5, 6 -> "Nellymoser";
            default -> "Other";
        };
    }

    /** SRS's names for AAC object types (srs_aac_object2str). */
    static String aacProfileName(int objectType) {
        return switch (objectType) {
            case 1 -> "Main";
            case 2 -> "LC";
            case 3 -> "SSR";
            case 5 -> "HE";
            case 29 -> "HEv2";
            default -> "Other";
        };
    }
}
