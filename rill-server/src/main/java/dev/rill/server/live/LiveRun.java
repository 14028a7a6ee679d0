package dev.rill.server.live;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * The live messages a {@link ConsumerGroup} hands to its players at one tick, in the source's
 * order. They are lent for the hand-over: a player retains what it keeps. Players that would write
 * the same bytes for them share one encoding: the first makes it and leaves it here under a key
 * that says what the bytes depend on, the others find it by an equal key and write it too, and the
 * run releases it when the hand-over ends (each write holds its own reference until it is done).
 * Used on the group's loop only.
 */
public final class LiveRun {
    private final List<SharedMessage> messages;
    private final int players;
    private final List<Object> keys = new ArrayList<>(2);
    private final List<ByteBuf> encodings = new ArrayList<>(2);

    /** Lends {@code messages} (not retained) to the {@code players} the run is handed to. */
    public LiveRun(List<SharedMessage> messages, int players) {
        this.messages = messages;
        this.players = players;
    }

    /** How many players the run is handed to: with one, there is nobody to share an encoding with. */
    public int players() {
        return players;
    }

    /** The messages, not retained. */
    public List<SharedMessage> messages() {
        return messages;
    }

    /** The encoding another player left under a key equal to {@code key}, not retained; or null. */
    public ByteBuf encoding(Object key) {
        for (int i = 0, n = keys.size(); i < n; i++) {
            if (keys.get(i).equals(key)) {
                return encodings.get(i);
            }
        }
        return null;
    }

    /**
     * Leaves {@code encoding} for the players after this one, taking the caller's reference;
     * {@code key} must not change afterwards.
     */
    public void share(Object key, ByteBuf encoding) {
        keys.add(key);
        encodings.add(encoding);
    }

    /** Releases the shared encodings; the writes that carry them hold their own references. */
    public void release() {
        try {
            for (ByteBuf b : encodings) {
                b.release();
            }
        } finally {
            encodings.clear();
            keys.clear();
        }
    }
}
