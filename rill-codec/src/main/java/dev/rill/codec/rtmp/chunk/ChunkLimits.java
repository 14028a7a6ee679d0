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
 */
public record ChunkLimits(int maxChunkSize, int maxMessageSize, int maxChunkStreams) {
    public static final ChunkLimits DEFAULT = new ChunkLimits(65536, 8 * 1024 * 1024, 64);

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
    }
}
