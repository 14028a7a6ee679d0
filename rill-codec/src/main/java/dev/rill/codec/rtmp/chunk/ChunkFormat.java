package dev.rill.codec.rtmp.chunk;

/** Constants of the RTMP chunk stream format (RTMP spec 5.3). */
public final class ChunkFormat {
    /** The chunk size both directions start with (spec 5.4.1). */
    public static final int DEFAULT_CHUNK_SIZE = 128;
    /** The smallest chunk size Rill accepts from a peer, as SRS does. */
    public static final int MIN_PEER_CHUNK_SIZE = 128;
    /** A 24-bit timestamp field with this value means a 4-byte extended timestamp follows (spec 5.3.1.3). */
    public static final int EXTENDED_TIMESTAMP = 0xFFFFFF;
    /** The largest message length the 24-bit length field can carry. */
    public static final int MAX_MESSAGE_LENGTH = 0xFFFFFF;
    /** Chunk stream ids 0 and 1 are reserved for the 2- and 3-byte basic header forms (spec 5.3.1.1). */
    public static final int MIN_CHUNK_STREAM_ID = 2;
    public static final int MAX_CHUNK_STREAM_ID = 65599;

    public static final int FMT_FULL = 0;
    public static final int FMT_SAME_STREAM = 1;
    public static final int FMT_TIMESTAMP_ONLY = 2;
    public static final int FMT_CONTINUATION = 3;

    private ChunkFormat() {
    }

    /** Length of the basic header that carries this chunk stream id in its shortest form. */
    public static int basicHeaderSize(int csid) {
        if (csid < MIN_CHUNK_STREAM_ID || csid > MAX_CHUNK_STREAM_ID) {
            throw new IllegalArgumentException("chunk stream id " + csid + " is outside 2..65599");
        }
        if (csid <= 63) {
            return 1;
        }
        return csid <= 319 ? 2 : 3;
    }

    /** Message header length for each fmt: 11, 7, 3, 0 bytes (spec 5.3.1.2). */
    static int messageHeaderSize(int fmt) {
        return switch (fmt) {
            case FMT_FULL -> 11;
            case FMT_SAME_STREAM -> 7;
            case FMT_TIMESTAMP_ONLY -> 3;
            default -> 0;
        };
    }

    static boolean needsExtendedTimestamp(long timestamp) {
        return timestamp >= EXTENDED_TIMESTAMP;
    }
}
