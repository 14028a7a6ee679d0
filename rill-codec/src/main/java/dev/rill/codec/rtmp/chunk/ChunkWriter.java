package dev.rill.codec.rtmp.chunk;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * Writes RTMP chunks (spec 5.3). A chunked message is one fmt-0 first header followed by the body:
 * the payload split at the chunk size with a fmt-3 basic header (and, for timestamps of 0xFFFFFF or
 * more, the 4-byte extended timestamp, spec 5.3.1.3) before every chunk after the first. The body
 * depends only on the chunk size, the chunk stream id and the timestamp, so fan-out can encode it
 * once and give each player its own first header.
 */
public final class ChunkWriter {
    private ChunkWriter() {
    }

    /** Size of the fmt-0 basic and message header, with the extended timestamp when needed. */
    public static int firstHeaderSize(int csid, long timestamp) {
        return ChunkFormat.basicHeaderSize(csid) + ChunkFormat.messageHeaderSize(ChunkFormat.FMT_FULL)
                + (ChunkFormat.needsExtendedTimestamp(timestamp) ? 4 : 0);
    }

    /** Size of the body {@link #encodeBody} produces for a payload of this length. */
    public static int bodySize(int length, int chunkSize, int csid, long timestamp) {
        checkChunkSize(chunkSize);
        int continuations = length <= chunkSize ? 0 : (length - 1) / chunkSize;
        int continuationHeader = ChunkFormat.basicHeaderSize(csid)
                + (ChunkFormat.needsExtendedTimestamp(timestamp) ? 4 : 0);
        return length + continuations * continuationHeader;
    }

    /**
     * The fmt-0 first chunk header: basic header, timestamp, length, type id, little-endian stream id
     * (spec 5.3.1.2.1) and the extended timestamp when the timestamp is 0xFFFFFF or more.
     */
    public static void writeFirstHeader(ByteBuf out, int csid, long timestamp, int length, int typeId,
            int streamId) {
        if (length < 0 || length > ChunkFormat.MAX_MESSAGE_LENGTH) {
            throw new IllegalArgumentException("message length " + length + " is outside 0..16777215");
        }
        long ts = timestamp & 0xFFFFFFFFL;
        boolean extended = ChunkFormat.needsExtendedTimestamp(ts);
        writeBasicHeader(out, ChunkFormat.FMT_FULL, csid);
        out.writeMedium(extended ? ChunkFormat.EXTENDED_TIMESTAMP : (int) ts);
        out.writeMedium(length);
        out.writeByte(typeId);
        out.writeIntLE(streamId);
        if (extended) {
            out.writeInt((int) ts);
        }
    }

    /** Whether {@code value} fits a header's 3-byte timestamp field, without an extended timestamp. */
    public static boolean fitsTimestampField(long value) {
        return value >= 0 && !ChunkFormat.needsExtendedTimestamp(value);
    }

    /** Size of the fmt-1 first header: basic header, timestamp delta, length and type id. */
    public static int deltaHeaderSize(int csid) {
        return ChunkFormat.basicHeaderSize(csid) + ChunkFormat.messageHeaderSize(ChunkFormat.FMT_SAME_STREAM);
    }

    /**
     * The fmt-1 first chunk header (spec 5.3.1.2.2): the message takes the stream id of the chunk
     * stream's previous message and its timestamp is that message's plus {@code delta}. Only deltas
     * below 0xFFFFFF are written, so the body that follows carries no extended timestamps
     * ({@link #writeBody} with timestamp 0).
     */
    public static void writeDeltaHeader(ByteBuf out, int csid, long delta, int length, int typeId) {
        if (!fitsTimestampField(delta)) {
            throw new IllegalArgumentException("timestamp delta " + delta + " is outside 0..16777214");
        }
        if (length < 0 || length > ChunkFormat.MAX_MESSAGE_LENGTH) {
            throw new IllegalArgumentException("message length " + length + " is outside 0..16777215");
        }
        writeBasicHeader(out, ChunkFormat.FMT_SAME_STREAM, csid);
        out.writeMedium((int) delta);
        out.writeMedium(length);
        out.writeByte(typeId);
    }

    /**
     * One new buffer holding the whole chunked message except the first header. Leaves the payload's
     * indexes and reference count alone; the caller owns the returned buffer.
     */
    public static ByteBuf encodeBody(ByteBufAllocator alloc, ByteBuf payload, int chunkSize, int csid,
            long timestamp) {
        ByteBuf out = alloc.buffer(bodySize(payload.readableBytes(), chunkSize, csid, timestamp));
        try {
            writeBody(out, payload, chunkSize, csid, timestamp);
            return out;
        } catch (RuntimeException e) {
            out.release();
            throw e;
        }
    }

    /** Writes the body of {@link #encodeBody} into {@code out}; the payload's indexes stay put. */
    public static void writeBody(ByteBuf out, ByteBuf payload, int chunkSize, int csid, long timestamp) {
        checkChunkSize(chunkSize);
        long ts = timestamp & 0xFFFFFFFFL;
        boolean extended = ChunkFormat.needsExtendedTimestamp(ts);
        int index = payload.readerIndex();
        int end = payload.writerIndex();
        int first = Math.min(chunkSize, end - index);
        out.writeBytes(payload, index, first);
        index += first;
        while (index < end) {
            writeBasicHeader(out, ChunkFormat.FMT_CONTINUATION, csid);
            if (extended) {
                out.writeInt((int) ts);
            }
            int piece = Math.min(chunkSize, end - index);
            out.writeBytes(payload, index, piece);
            index += piece;
        }
    }

    /** The basic header in its shortest form for the chunk stream id (spec 5.3.1.1). */
    public static void writeBasicHeader(ByteBuf out, int fmt, int csid) {
        int size = ChunkFormat.basicHeaderSize(csid);
        int marker = fmt << 6;
        if (size == 1) {
            out.writeByte(marker | csid);
        } else if (size == 2) {
            out.writeByte(marker);
            out.writeByte(csid - 64);
        } else {
            out.writeByte(marker | 1);
            out.writeShortLE(csid - 64);
        }
    }

    private static void checkChunkSize(int chunkSize) {
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunk size " + chunkSize + " is below 1");
        }
    }
}
