package dev.rill.codec.ts;

import dev.rill.codec.ErrorCode;
import dev.rill.codec.RillException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.util.ArrayList;
import java.util.List;

/**
 * An AVCDecoderConfigurationRecord (ISO 14496-15 5.2.4.1.1), the body of an FLV AVC sequence
 * header: the NALU length size and the SPS and PPS NAL units, kept as bytes so they can be written
 * again before every keyframe.
 */
public record AvcDecoderConfig(int naluLengthSize, List<byte[]> sps, List<byte[]> pps) {

    /** Parses the record from {@code record}'s readable bytes without moving its indexes. */
    public static AvcDecoderConfig parse(ByteBuf record) {
        ByteBuf in = record.duplicate();
        need(in, 6, "the fixed part");
        int version = in.readUnsignedByte();
        if (version != 1) {
            throw new RillException(ErrorCode.MEDIA_INVALID, "AVCDecoderConfigurationRecord version " + version
                    + " is not 1");
        }
        in.skipBytes(3);
        int lengthSize = (in.readUnsignedByte() & 0x03) + 1;
        if (lengthSize == 3) {
            throw new RillException(ErrorCode.MEDIA_INVALID, "AVC NALU length size 3 is not allowed (1, 2 or 4)");
        }
        List<byte[]> sps = readParameterSets(in, in.readUnsignedByte() & 0x1F, "SPS");
        need(in, 1, "the PPS count");
        List<byte[]> pps = readParameterSets(in, in.readUnsignedByte(), "PPS");
        if (sps.isEmpty() || pps.isEmpty()) {
            throw new RillException(ErrorCode.MEDIA_INVALID, "AVCDecoderConfigurationRecord has " + sps.size()
                    + " SPS and " + pps.size() + " PPS; it needs at least one of each");
        }
        return new AvcDecoderConfig(lengthSize, List.copyOf(sps), List.copyOf(pps));
    }

    private static List<byte[]> readParameterSets(ByteBuf in, int count, String what) {
        List<byte[]> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            need(in, 2, what + " " + i + " length");
            int length = in.readUnsignedShort();
            need(in, length, what + " " + i + " (" + length + " bytes)");
            out.add(ByteBufUtil.getBytes(in, in.readerIndex(), length));
            in.skipBytes(length);
        }
        return out;
    }

    private static void need(ByteBuf in, int n, String what) {
        if (in.readableBytes() < n) {
            throw new RillException(ErrorCode.MEDIA_INVALID, "AVCDecoderConfigurationRecord truncated in " + what
                    + ": " + in.readableBytes() + " bytes left, " + n + " needed");
        }
    }
}
