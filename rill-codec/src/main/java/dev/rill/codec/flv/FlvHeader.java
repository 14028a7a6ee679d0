package dev.rill.codec.flv;

import dev.rill.codec.ErrorCode;
import dev.rill.codec.RillException;
import io.netty.buffer.ByteBuf;

/**
 * The FLV file header (FLV spec v10.1, annex E.2) and the PreviousTagSize0 that starts the body
 * (annex E.3): 'F' 'L' 'V', version 1, type flags (bit 2 audio, bit 0 video), a 32-bit DataOffset
 * (9 for version 1), then a 32-bit zero.
 */
public record FlvHeader(boolean hasAudio, boolean hasVideo) {
    /** Size of the version 1 header, which is also its DataOffset. */
    public static final int SIZE = 9;

    /** Header plus PreviousTagSize0: what {@link #write} produces. */
    public static final int SIZE_WITH_PREVIOUS_TAG_SIZE = SIZE + 4;

    /**
     * The largest DataOffset accepted. Version 1 uses 9; a larger offset skips bytes a later
     * version may add, and the cap keeps a corrupt offset from making a reader wait for gigabytes.
     */
    public static final int MAX_DATA_OFFSET = 1024;

    static final int VERSION = 1;
    private static final int FLAG_AUDIO = 0x04;
    private static final int FLAG_VIDEO = 0x01;

    /**
     * Reads the header and PreviousTagSize0 from the reader index, which must have at least
     * {@link #encodedLength(ByteBuf)} readable bytes.
     *
     * @throws RillException MEDIA_INVALID on a bad signature, version, DataOffset or a non-zero
     *                       PreviousTagSize0
     */
    public static FlvHeader read(ByteBuf in) {
        int length = encodedLength(in);
        if (length < 0 || in.readableBytes() < length) {
            throw new RillException(ErrorCode.MEDIA_INVALID,
                    "FLV header truncated: " + in.readableBytes() + " bytes readable");
        }
        int flags = in.getUnsignedByte(in.readerIndex() + 4);
        in.skipBytes(length - 4);
        long previousTagSize0 = in.readUnsignedInt();
        if (previousTagSize0 != 0) {
            throw new RillException(ErrorCode.MEDIA_INVALID,
                    "FLV PreviousTagSize0 is " + previousTagSize0 + ", must be 0");
        }
        return new FlvHeader((flags & FLAG_AUDIO) != 0, (flags & FLAG_VIDEO) != 0);
    }

    /**
     * Bytes the header plus PreviousTagSize0 take, judged from the bytes at the reader index
     * without consuming them; -1 when fewer than {@link #SIZE} bytes are readable.
     *
     * @throws RillException MEDIA_INVALID on a bad signature, version or DataOffset
     */
    public static int encodedLength(ByteBuf in) {
        if (in.readableBytes() < SIZE) {
            return -1;
        }
        int at = in.readerIndex();
        if (in.getByte(at) != 'F' || in.getByte(at + 1) != 'L' || in.getByte(at + 2) != 'V') {
            throw new RillException(ErrorCode.MEDIA_INVALID, String.format(
                    "FLV signature is %02x %02x %02x, expected 'FLV'",
                    in.getUnsignedByte(at), in.getUnsignedByte(at + 1), in.getUnsignedByte(at + 2)));
        }
        int version = in.getUnsignedByte(at + 3);
        if (version != VERSION) {
            throw new RillException(ErrorCode.MEDIA_INVALID,
                    "FLV version " + version + " is not supported, expected " + VERSION);
        }
        long dataOffset = in.getUnsignedInt(at + 5);
        if (dataOffset < SIZE || dataOffset > MAX_DATA_OFFSET) {
            throw new RillException(ErrorCode.MEDIA_INVALID,
                    "FLV DataOffset " + dataOffset + " outside " + SIZE + ".." + MAX_DATA_OFFSET);
        }
        return (int) dataOffset + 4;
    }

    /** Writes the 9-byte version 1 header and the 4-byte PreviousTagSize0. */
    public void write(ByteBuf out) {
        out.writeByte('F').writeByte('L').writeByte('V').writeByte(VERSION);
        out.writeByte((hasAudio ? FLAG_AUDIO : 0) | (hasVideo ? FLAG_VIDEO : 0));
        out.writeInt(SIZE);
        out.writeInt(0);
    }
}
