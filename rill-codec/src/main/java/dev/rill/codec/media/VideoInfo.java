package dev.rill.codec.media;

import dev.rill.codec.ErrorCode;
import dev.rill.codec.RillException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;

/**
 * What a video sequence header says about the stream, in the words SRS's API uses: codec
 * ({@code H264} or {@code HEVC}), profile and level names, and the picture size after cropping.
 *
 * @param codec   {@code H264} or {@code HEVC}
 * @param profile e.g. {@code High}, {@code Main}, {@code Baseline}
 * @param level   e.g. {@code 3.1}
 * @param width   luma width in pixels after the cropping window
 * @param height  luma height in pixels after the cropping window
 */
public record VideoInfo(String codec, String profile, String level, int width, int height) {

    /**
     * Reads an FLV/RTMP video sequence header: an AVCDecoderConfigurationRecord (ISO/IEC 14496-15
     * section 5.2.4.1) under CodecID 7 or an HEVCDecoderConfigurationRecord (section 8.3.3.1)
     * under CodecID 12, and the first SPS inside it. Does not move the reader index.
     */
    public static VideoInfo fromSequenceHeader(ByteBuf payload) {
        if (FlvVideo.isSequenceHeader(payload) && payload.readableBytes() < 5) {
            throw new RillException(ErrorCode.MEDIA_INVALID,
                    "video sequence header of " + payload.readableBytes() + " bytes, shorter than its 5-byte FLV header");
        }
        if (FlvVideo.isAvcSequenceHeader(payload)) {
            return avc(ByteBufUtil.getBytes(payload, payload.readerIndex() + 5, payload.readableBytes() - 5, false));
        }
        if (FlvVideo.isHevcSequenceHeader(payload)) {
            return hevc(ByteBufUtil.getBytes(payload, payload.readerIndex() + 5, payload.readableBytes() - 5, false));
        }
        throw new RillException(ErrorCode.MEDIA_INVALID, "not an AVC or HEVC sequence header");
    }

    /** AVCDecoderConfigurationRecord: version, profile, compat, level, lengthSize, numSPS, SPS. */
    static VideoInfo avc(byte[] record) {
        need(record, 8, "AVCDecoderConfigurationRecord");
        if (record[0] != 1) {
            throw new RillException(ErrorCode.MEDIA_INVALID, "AVCDecoderConfigurationRecord version " + record[0] + ", want 1");
        }
        int numSps = record[5] & 0x1F;
        if (numSps == 0) {
            throw new RillException(ErrorCode.MEDIA_INVALID, "AVCDecoderConfigurationRecord has no SPS");
        }
        int spsLength = ((record[6] & 0xFF) << 8) | (record[7] & 0xFF);
        need(record, 8 + spsLength, "SPS of " + spsLength + " bytes");
        return AvcSps.parse(record, 8, spsLength);
    }

    /** HEVCDecoderConfigurationRecord: 22 fixed bytes, then arrays of NAL units by type. */
    static VideoInfo hevc(byte[] record) {
        need(record, 23, "HEVCDecoderConfigurationRecord");
        int numArrays = record[22] & 0xFF;
        int pos = 23;
        for (int i = 0; i < numArrays; i++) {
            need(record, pos + 3, "HEVC NAL unit array header");
            int nalType = record[pos] & 0x3F;
            int numNalus = ((record[pos + 1] & 0xFF) << 8) | (record[pos + 2] & 0xFF);
            pos += 3;
            for (int j = 0; j < numNalus; j++) {
                need(record, pos + 2, "HEVC NAL unit length");
                int length = ((record[pos] & 0xFF) << 8) | (record[pos + 1] & 0xFF);
                pos += 2;
                need(record, pos + length, "HEVC NAL unit of " + length + " bytes");
                if (nalType == HevcSps.NAL_TYPE_SPS) {
                    return HevcSps.parse(record, pos, length);
                }
                pos += length;
            }
        }
        throw new RillException(ErrorCode.MEDIA_INVALID, "HEVCDecoderConfigurationRecord has no SPS");
    }

    private static void need(byte[] record, int length, String what) {
        if (record.length < length) {
            throw new RillException(ErrorCode.MEDIA_INVALID,
                    "video sequence header too short for " + what + ": " + record.length + " bytes");
        }
    }
}
