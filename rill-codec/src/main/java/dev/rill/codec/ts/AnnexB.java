package dev.rill.codec.ts;

import dev.rill.codec.ErrorCode;
import dev.rill.codec.RillException;
import io.netty.buffer.ByteBuf;

/**
 * Converts an AVC access unit from the length-prefixed form FLV carries (ISO 14496-15) to the
 * byte-stream form MPEG-TS needs (ISO 14496-10 annex B): an access unit delimiter first, the SPS
 * and PPS before a keyframe that does not carry its own, then every NAL unit after a start code.
 * Delimiters already in the input are dropped, since one is written.
 */
public final class AnnexB {
    static final int NAL_IDR = 5;
    static final int NAL_SPS = 7;
    static final int NAL_PPS = 8;
    static final int NAL_AUD = 9;
    private static final byte[] START_CODE = {0, 0, 0, 1};
    /** AUD with primary_pic_type 7 (any slice type) and its stop bit. */
    private static final byte[] AUD = {0, 0, 0, 1, NAL_AUD, (byte) 0xF0};

    private AnnexB() {
    }

    /**
     * Writes the access unit in {@code nalus} (readable bytes, not consumed) to {@code out}.
     * {@code config} supplies the length size and, when {@code keyframe}, the parameter sets.
     */
    public static void write(ByteBuf out, ByteBuf nalus, AvcDecoderConfig config, boolean keyframe) {
        int lengthSize = config.naluLengthSize();
        out.writeBytes(AUD);
        if (keyframe && !containsSps(nalus, lengthSize)) {
            for (byte[] sps : config.sps()) {
                out.writeBytes(START_CODE).writeBytes(sps);
            }
            for (byte[] pps : config.pps()) {
                out.writeBytes(START_CODE).writeBytes(pps);
            }
        }
        int i = nalus.readerIndex();
        int end = nalus.writerIndex();
        while (i < end) {
            int length = naluLength(nalus, i, end, lengthSize);
            int type = length > 0 ? nalus.getByte(i + lengthSize) & 0x1F : -1;
            if (length > 0 && type != NAL_AUD) {
                out.writeBytes(START_CODE).writeBytes(nalus, i + lengthSize, length);
            }
            i += lengthSize + length;
        }
    }

    private static boolean containsSps(ByteBuf nalus, int lengthSize) {
        int i = nalus.readerIndex();
        int end = nalus.writerIndex();
        while (i < end) {
            int length = naluLength(nalus, i, end, lengthSize);
            if (length > 0 && (nalus.getByte(i + lengthSize) & 0x1F) == NAL_SPS) {
                return true;
            }
            i += lengthSize + length;
        }
        return false;
    }

    private static int naluLength(ByteBuf buf, int i, int end, int lengthSize) {
        if (end - i < lengthSize) {
            throw new RillException(ErrorCode.MEDIA_INVALID, "AVC NALU length field needs " + lengthSize
                    + " bytes, " + (end - i) + " left in the frame");
        }
        long length = switch (lengthSize) {
            case 1 -> buf.getUnsignedByte(i);
            case 2 -> buf.getUnsignedShort(i);
            default -> buf.getUnsignedInt(i);
        };
        if (length > end - i - lengthSize) {
            throw new RillException(ErrorCode.MEDIA_INVALID, "AVC NALU length " + length + " exceeds the "
                    + (end - i - lengthSize) + " bytes left in the frame");
        }
        return (int) length;
    }
}
