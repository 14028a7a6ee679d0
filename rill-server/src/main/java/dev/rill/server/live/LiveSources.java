package dev.rill.server.live;

import io.netty.buffer.ByteBufAllocator;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The live sources by stream name. Each source counts its users (publisher and consumers); the
 * last user's release drops it, so memory does not grow with every stream name ever seen.
 * Acquire and release run inside the map's per-key lock, so a source is never dropped while
 * someone is attaching to it.
 */
public final class LiveSources {
    private static final class Entry {
        final LiveSource source;
        int users;

        Entry(LiveSource source) {
            this.source = source;
        }
    }

    private final ConcurrentHashMap<StreamKey, Entry> entries = new ConcurrentHashMap<>();
    private final List<SourceObserver> observers = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final ByteBufAllocator alloc;
    private final String serverName;
    private final GopLimits gopLimits;

    public LiveSources(ByteBufAllocator alloc, String serverName) {
        this(alloc, serverName, GopLimits.UNBOUNDED);
    }

    public LiveSources(ByteBufAllocator alloc, String serverName, GopLimits gopLimits) {
        this.alloc = alloc;
        this.serverName = serverName;
        this.gopLimits = gopLimits;
    }

    /** The source for {@code key}, created when absent; the caller must {@link #release} it once. */
    public LiveSource acquire(StreamKey key, boolean gopCache, boolean mixCorrect) {
        Entry e = entries.compute(key, (k, old) -> {
            Entry entry = old != null ? old
                    : new Entry(new LiveSource(k, alloc, serverName, gopCache, gopLimits, mixCorrect, observers));
            entry.users++;
            return entry;
        });
        return e.source;
    }

    public void release(LiveSource source) {
        entries.computeIfPresent(source.key(), (k, e) -> {
            if (e.source != source) {
                return e;
            }
            if (--e.users > 0) {
                return e;
            }
            source.clearMedia();
            return null;
        });
    }

    /** Adds an observer of every source's publish and unpublish, present and future. */
    public void addObserver(SourceObserver observer) {
        observers.add(observer);
    }

    public LiveSource find(StreamKey key) {
        Entry e = entries.get(key);
        return e == null ? null : e.source;
    }

    public List<LiveSource> all() {
        List<LiveSource> out = new ArrayList<>();
        for (Entry e : entries.values()) {
            out.add(e.source);
        }
        return out;
    }

    public int size() {
        return entries.size();
    }
}
