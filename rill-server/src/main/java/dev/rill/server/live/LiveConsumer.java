package dev.rill.server.live;

/**
 * Anything that reads a live stream: RTMP and HTTP players, HLS, forwarders. The source calls
 * these from the publisher's thread while holding its lock (players, {@link QueuedConsumer}s,
 * get live messages and the publish events through their {@link ConsumerGroup}, on their own
 * loop), so each must only queue work for the consumer's own event loop and return at once,
 * never block.
 */
public interface LiveConsumer {
    /** Takes the caller's reference to {@code msg}. */
    void enqueue(SharedMessage msg);

    /** A publisher started on the source this consumer reads. */
    void onPublish(StreamKey key);

    /** The publisher left; the consumer stays attached and waits for the next one. */
    void onUnpublish(StreamKey key);

    String cid();

    /**
     * Whether this consumer is someone watching (RTMP, HTTP-FLV) rather than something the server
     * runs for the stream (an HLS segmenter): only players keep an edge pulling a stream.
     */
    default boolean isPlayer() {
        return true;
    }
}
