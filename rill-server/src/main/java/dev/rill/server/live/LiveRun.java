package dev.rill.server.live;

import io.netty.buffer.ByteBuf;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The live messages a {@link ConsumerGroup} hands to its players at one tick, in the source's
 * order. They are lent for the hand-over: a player retains what it keeps. Players that would write
 * the same bytes for them share one encoding: the first makes it and leaves it here under a key
 * that says what the bytes depend on, the others find it by an equal key and write it too, and the
 * run releases it when the hand-over ends (each write holds its own reference until it is done).
 * Where keys are often unique (a player's own timeline), a player may first only note its key and
 * write by itself, so that an encoding is made only for a key a second player has.
 * Used on the group's loop only.
 */
public final class LiveRun {
    private final List<SharedMessage> messages;
    private final int players;
    private final Map<Object, ByteBuf> encodings = new HashMap<>(4);
    private Set<Object> noted;

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
        return encodings.get(key);
    }

    /**
     * Leaves {@code encoding} for the players after this one, taking the caller's reference;
     * {@code key} must not change afterwards.
     */
    public void share(Object key, ByteBuf encoding) {
        ByteBuf before = encodings.put(key, encoding);
        if (before != null) {
            before.release();
        }
    }

    /** Whether a player noted a key equal to {@code key} ({@link #note}). */
    public boolean noted(Object key) {
        return noted != null && noted.contains(key);
    }

    /** Notes that a player wrote the run by itself under {@code key}, which must not change afterwards. */
    public void note(Object key) {
        if (noted == null) {
            noted = new HashSet<>();
        }
        noted.add(key);
    }

    /** Releases the shared encodings; the writes that carry them hold their own references. */
    public void release() {
        try {
            for (ByteBuf b : encodings.values()) {
                b.release();
            }
        } finally {
            encodings.clear();
            noted = null;
        }
    }
}
