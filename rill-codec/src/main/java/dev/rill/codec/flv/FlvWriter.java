package dev.rill.codec.flv;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * Writes FLV tags (FLV spec v10.1, annex E.4.1) and the PreviousTagSize fields between them
 * (annex E.3). Stateless; none of these methods take ownership of a buffer passed in.
 */
public final class FlvWriter {
    /** Size of a tag header: type, DataSize, Timestamp, TimestampExtended, StreamID. */
    public static final int TAG_HEADER_SIZE = 11;

    /** Size of a PreviousTagSize field. */
    public static final int PREVIOUS_TAG_SIZE_SIZE = 4;

    private FlvWriter() {
    }

    /**
     * Writes the 11-byte tag header: the type with the Filter bit clear, the 24-bit data size, the
     * low 24 bits of the timestamp, its top 8 bits as TimestampExtended, and StreamID 0.
     */
    public static void writeTagHeader(ByteBuf out, int type, long timestamp, int dataSize) {
        if (type < 0 || type > 0x1F) {
            throw new IllegalArgumentException("FLV tag type " + type + " does not fit 5 bits");
        }
        if (dataSize < 0 || dataSize > FlvLimits.MAX_WIRE_TAG_SIZE) {
            throw new IllegalArgumentException("FLV tag data size " + dataSize + " does not fit 24 bits");
        }
        out.writeByte(type);
        out.writeMedium(dataSize);
        out.writeMedium((int) (timestamp & 0xFFFFFF));
        out.writeByte((int) ((timestamp >>> 24) & 0xFF));
        out.writeMedium(0);
    }

    /** Writes a PreviousTagSize: the size of the tag before it, header included. */
    public static void writePreviousTagSize(ByteBuf out, int size) {
        out.writeInt(size);
    }

    /** Writes a whole tag: header, the readable bytes of data, and its PreviousTagSize. */
    public static void writeTag(ByteBuf out, int type, long timestamp, ByteBuf data) {
        int size = data.readableBytes();
        writeTagHeader(out, type, timestamp, size);
        out.writeBytes(data, data.readerIndex(), size);
        writePreviousTagSize(out, TAG_HEADER_SIZE + size);
    }

    /** Writes {@code tag} as {@link #writeTag(ByteBuf, int, long, ByteBuf)} does. */
    public static void writeTag(ByteBuf out, FlvTag tag) {
        writeTag(out, tag.type(), tag.timestamp(), tag.payload());
    }

    /**
     * A new buffer holding the whole tag and its PreviousTagSize. The data's reader index is left
     * where it was; the caller releases the returned buffer.
     */
    public static ByteBuf encodeTag(ByteBufAllocator alloc, int type, long timestamp, ByteBuf data) {
        int size = data.readableBytes();
        ByteBuf out = alloc.buffer(TAG_HEADER_SIZE + size + PREVIOUS_TAG_SIZE_SIZE);
        try {
            writeTag(out, type, timestamp, data);
            return out;
        } catch (RuntimeException e) {
            out.release();
            throw e;
        }
    }
}
