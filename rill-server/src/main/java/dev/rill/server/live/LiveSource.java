package dev.rill.server.live;

import dev.rill.codec.amf.AmfEcmaArray;
import dev.rill.codec.RillException;
import dev.rill.codec.amf.AmfLimits;
import dev.rill.codec.rtmp.MessageType;
import dev.rill.codec.rtmp.command.DataMessage;
import io.netty.buffer.ByteBufAllocator;
import dev.rill.server.log.ContextLog;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One live stream: its publisher, its consumers, and what a new consumer needs first (metadata,
 * AVC/AAC sequence headers, the GOP cache). Guarded by its own monitor: the publisher's event loop
 * takes it once per message to fan out references, one per {@link ConsumerGroup} of players (a
 * loop's players) and one per other consumer; consumers on any loop take it briefly to attach or
 * detach. Fan-out only queues references, so holding the monitor never waits on a socket.
 */
public final class LiveSource {
    private final StreamKey key;
    private final ByteBufAllocator alloc;
    private final String serverName;
    private final List<LiveConsumer> consumers = new ArrayList<>();
    /** Consumers fed one by one: those that are not {@link QueuedConsumer}s (HLS, forwarders). */
    private final List<LiveConsumer> direct = new ArrayList<>();
    /** Players, by the clock they drain on: each group is fed once per message. */
    private final Map<DrainClock, ConsumerGroup> groups = new HashMap<>();
    /** The values of {@link #groups}, for the per-message loop. */
    private ConsumerGroup[] groupArray = new ConsumerGroup[0];
    private final GopCache gop;
    private final MixQueue mix = new MixQueue();
    private final SourceStats stats = new SourceStats();
    private final List<SourceObserver> observers;
    private volatile boolean mixCorrect;
    private Publisher publisher;
    private boolean gopOverflowReported;
    private SharedMessage metadata;
    private SharedMessage videoSequenceHeader;
    private SharedMessage audioSequenceHeader;

    LiveSource(StreamKey key, ByteBufAllocator alloc, String serverName, boolean gopCache, boolean mixCorrect,
               List<SourceObserver> observers) {
        this(key, alloc, serverName, gopCache, GopLimits.UNBOUNDED, mixCorrect, observers);
    }

    LiveSource(StreamKey key, ByteBufAllocator alloc, String serverName, boolean gopCache, GopLimits gopLimits,
               boolean mixCorrect, List<SourceObserver> observers) {
        this.key = key;
        this.observers = observers;
        this.alloc = alloc;
        this.serverName = serverName;
        this.gop = new GopCache(gopCache, gopLimits);
        this.mixCorrect = mixCorrect;
    }

    public StreamKey key() {
        return key;
    }

    public SourceStats stats() {
        return stats;
    }

    public synchronized void applySettings(boolean gopCache, boolean mixCorrect) {
        gop.setEnabled(gopCache);
        if (this.mixCorrect && !mixCorrect) {
            mix.clear();
        }
        this.mixCorrect = mixCorrect;
    }

    public synchronized Publisher publisher() {
        return publisher;
    }

    public synchronized int consumerCount() {
        return consumers.size();
    }

    /** Consumers that are players ({@link LiveConsumer#isPlayer()}), not server-side outputs. */
    public synchronized int playerCount() {
        int n = 0;
        for (LiveConsumer c : consumers) {
            if (c.isPlayer()) {
                n++;
            }
        }
        return n;
    }

    /** Claims the source for {@code p}; false when another publisher holds it. */
    public synchronized boolean publish(Publisher p) {
        if (publisher != null) {
            return false;
        }
        publisher = p;
        gopOverflowReported = false;
        stats.onPublish();
        for (LiveConsumer c : direct) {
            c.onPublish(key);
        }
        for (ConsumerGroup g : groupArray) {
            g.published();
        }
        for (SourceObserver o : observers) {
            o.onPublish(this);
        }
        return true;
    }

    /** Releases the source if {@code p} holds it; consumers stay and wait for the next publisher. */
    public synchronized void unpublish(Publisher p) {
        if (publisher != p) {
            return;
        }
        publisher = null;
        clearMedia();
        for (LiveConsumer c : direct) {
            c.onUnpublish(key);
        }
        for (ConsumerGroup g : groupArray) {
            g.unpublished();
        }
        for (SourceObserver o : observers) {
            o.onUnpublish(this);
        }
    }

    /** A message from the publisher; takes the reference. */
    public synchronized void onMessage(SharedMessage msg) {
        if (publisher == null) {
            msg.release();
            return;
        }
        stats.onMessage(msg);
        if (msg.typeId() == MessageType.DATA_AMF0 || msg.typeId() == MessageType.DATA_AMF3) {
            onData(msg);
            return;
        }
        if (msg.isSequenceHeader()) {
            cacheSequenceHeader(msg);
            fanOut(msg);
            return;
        }
        if (mixCorrect && msg.isAv()) {
            for (SharedMessage ordered : mix.push(msg)) {
                deliver(ordered);
            }
            return;
        }
        deliver(msg);
    }

    /**
     * Attaches a consumer; it first receives metadata, sequence headers and the GOP cache, then
     * every live message, until {@link #detach}.
     */
    public synchronized void attach(LiveConsumer c) {
        consumers.add(c);
        if (metadata != null) {
            c.enqueue(metadata.retain());
        }
        if (videoSequenceHeader != null) {
            c.enqueue(videoSequenceHeader.retain());
        }
        if (audioSequenceHeader != null) {
            c.enqueue(audioSequenceHeader.retain());
        }
        for (SharedMessage m : gop.messages()) {
            c.enqueue(m.retain());
        }
        if (c instanceof QueuedConsumer q) {
            groupOf(q.clock()).join(q);
        } else {
            direct.add(c);
        }
        for (SourceObserver o : observers) {
            o.onAttach(this);
        }
    }

    /**
     * Releases the source if {@code p} holds it and no player is attached, in one step, so a
     * player attaching meanwhile either keeps the publisher or finds none; true when released.
     */
    public synchronized boolean unpublishIfIdle(Publisher p) {
        if (publisher != p || playerCount() > 0) {
            return false;
        }
        unpublish(p);
        return true;
    }

    public synchronized void detach(LiveConsumer c) {
        if (!consumers.remove(c)) {
            return;
        }
        if (!(c instanceof QueuedConsumer q)) {
            direct.remove(c);
            return;
        }
        ConsumerGroup g = groups.get(q.clock());
        if (g.leave(q) == 0) {
            groups.remove(q.clock());
            groupArray = groups.values().toArray(new ConsumerGroup[0]);
            g.close();
        }
    }

    /** The group of players on {@code clock}, created as needed. */
    private ConsumerGroup groupOf(DrainClock clock) {
        ConsumerGroup g = groups.get(clock);
        if (g == null) {
            g = new ConsumerGroup(clock, key);
            groups.put(clock, g);
            groupArray = groups.values().toArray(new ConsumerGroup[0]);
        }
        return g;
    }

    synchronized boolean isIdle() {
        return publisher == null && consumers.isEmpty();
    }

    /** Frees cached media; called when the source is dropped or unpublished. */
    synchronized void clearMedia() {
        mix.clear();
        gop.clear();
        metadata = release(metadata);
        videoSequenceHeader = release(videoSequenceHeader);
        audioSequenceHeader = release(audioSequenceHeader);
    }

    public synchronized SharedMessage videoSequenceHeader() {
        return videoSequenceHeader;
    }

    public synchronized SharedMessage audioSequenceHeader() {
        return audioSequenceHeader;
    }

    private void deliver(SharedMessage msg) {
        long overflows = gop.overflows();
        gop.add(msg);
        if (gop.overflows() != overflows) {
            reportGopOverflow();
        }
        fanOut(msg);
    }

    /** Once per publisher: a GOP cache bound was passed and the GOP was dropped. */
    private void reportGopOverflow() {
        if (gopOverflowReported || publisher == null) {
            return;
        }
        gopOverflowReported = true;
        ContextLog.of(LiveSource.class, publisher.cid()).warn("stream {}: the GOP cache passed its bound (more than "
                + "{} messages, or its byte limit, or the media budget): dropped, cached again from the next keyframe; "
                + "new players wait for it", key, GopCache.MAX_MESSAGES);
    }

    /**
     * Hands one reference to each direct consumer and each group of players: all of them are added
     * in one step and the caller's reference goes to the last, so a message costs one atomic update
     * and one offer per group, however many players there are.
     */
    private void fanOut(SharedMessage msg) {
        ConsumerGroup[] groups = groupArray;
        int d = direct.size();
        int n = d + groups.length;
        if (n == 0) {
            msg.release();
            return;
        }
        if (n > 1) {
            msg.retain(n - 1);
        }
        for (int i = 0; i < d; i++) {
            direct.get(i).enqueue(msg);
        }
        for (ConsumerGroup g : groups) {
            g.offer(msg);
        }
    }

    private void cacheSequenceHeader(SharedMessage msg) {
        if (msg.isVideo()) {
            release(videoSequenceHeader);
            videoSequenceHeader = msg.retain();
        } else {
            release(audioSequenceHeader);
            audioSequenceHeader = msg.retain();
        }
    }

    /** onMetaData is cached with the server's fields added, as SRS does; other data passes through. */
    private void onData(SharedMessage msg) {
        Object meta;
        try {
            meta = DataMessage.decode(msg.typeId(), msg.payload(), AmfLimits.DEFAULT).metadata();
        } catch (RillException e) {
            meta = null;
        }
        if (!(meta instanceof Map<?, ?> fields)) {
            fanOut(msg);
            return;
        }
        AmfEcmaArray out = new AmfEcmaArray();
        for (Map.Entry<?, ?> e : fields.entrySet()) {
            out.put(String.valueOf(e.getKey()), e.getValue());
        }
        out.put("server", serverName);
        DataMessage rewritten = new DataMessage(DataMessage.ON_META_DATA, List.of(out));
        SharedMessage cached = new SharedMessage(MessageType.DATA_AMF0, msg.timestamp(), rewritten.encodePayload(alloc));
        msg.release();
        release(metadata);
        metadata = cached.retain();
        fanOut(cached);
    }

    private static SharedMessage release(SharedMessage m) {
        if (m != null) {
            m.release();
        }
        return null;
    }
}
