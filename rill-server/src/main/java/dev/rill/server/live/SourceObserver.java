package dev.rill.server.live;

/**
 * Told when any source gains or loses its publisher, to start and stop per-stream work that is
 * not a player: HLS segmenting, DVR, forwarding, hooks. Called under the source's monitor on the
 * publisher's event loop, so it must only attach consumers or hand work elsewhere, never block.
 */
public interface SourceObserver {
    void onPublish(LiveSource source);

    void onUnpublish(LiveSource source);

    /**
     * A consumer was attached (it is already in the source's list), under the same rules: on the
     * attaching thread, under the monitor, never blocking. An edge starts its pull from here.
     */
    default void onAttach(LiveSource source) {
    }
}
