package dev.rill.codec.rtmp.chunk;

/**
 * The caps a {@link ChunkDecoder} enforces on what a peer sends.
 *
 * @param maxChunkSize    the largest chunk size a peer may set with Set Chunk Size; default 65536,
 *                        as SRS. The smallest accepted is {@link ChunkFormat#MIN_PEER_CHUNK_SIZE}.
 * @param maxMessageSize  the largest message length a chunk header may declare; default 8 MiB,
 *                        well above any video frame Rill expects (the wire allows 16 MiB - 1)
 * @param maxChunkStreams how many distinct chunk stream ids a peer may use; default 64 (encoders
 *                        use fewer than ten)
 * @param maxPartialBytes how many bytes of not yet complete messages the peer may have sent, over
 *                        all its chunk streams together; default twice the message limit (a video
 *                        and an audio message interleaved)
 */
public record ChunkLimits(int maxChunkSize, int maxMessageSize, int maxChunkStreams, long maxPartialBytes) {
    public static final int DEFAULT_MAX_MESSAGE_SIZE = 8 * 1024 * 1024;
    public static final ChunkLimits DEFAULT = forMessages(DEFAULT_MAX_MESSAGE_SIZE);

    public ChunkLimits {
        if (maxChunkSize < ChunkFormat.MIN_PEER_CHUNK_SIZE) {
            throw new IllegalArgumentException("maxChunkSize " + maxChunkSize + " is below "
                    + ChunkFormat.MIN_PEER_CHUNK_SIZE);
        }
        if (maxMessageSize < 0) {
            throw new IllegalArgumentException("maxMessageSize " + maxMessageSize + " is negative");
        }
        if (maxChunkStreams < 1) {
            throw new IllegalArgumentException("maxChunkStreams " + maxChunkStreams + " is below 1");
        }
        if (maxPartialBytes < 0) {
            throw new IllegalArgumentException("maxPartialBytes " + maxPartialBytes + " is negative");
        }
    }

    public ChunkLimits(int maxChunkSize, int maxMessageSize, int maxChunkStreams) {
        this(maxChunkSize, maxMessageSize, maxChunkStreams, 2L * maxMessageSize);
    }

    /** The default caps with messages up to {@code maxMessageSize} bytes. */
    public static ChunkLimits forMessages(int maxMessageSize) {
        return new ChunkLimits(65536, maxMessageSize, 64);
    }
}
