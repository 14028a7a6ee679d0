package dev.rill.server.cluster;

import dev.rill.codec.rtmp.client.RtmpClientHandler;
import dev.rill.server.config.HostPort;
import dev.rill.server.config.RillConfig;
import dev.rill.server.config.VhostConfig;
import dev.rill.server.live.ConsumerQueue;
import dev.rill.server.live.DropReport;
import dev.rill.server.live.LiveConsumer;
import dev.rill.server.live.LiveSource;
import dev.rill.server.live.QueueLimits;
import dev.rill.server.live.SharedMessage;
import dev.rill.server.live.StreamKey;
import dev.rill.server.live.TimeJitter;
import dev.rill.server.log.ContextLog;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Pushes one published stream to another server (SRS's forwarder; also an edge's push of a local
 * publisher to its origins): a consumer of the source that republishes every message over Rill's
 * RTMP client, same app and stream. It attaches to the source each time its upstream starts
 * publishing, so every connection begins with metadata, sequence headers and the GOP cache. Its
 * queue is bounded like a player's ({@code queue_length}) and drained on the client channel's
 * event loop, so a slow or dead destination never holds up the publisher or anyone else.
 */
final class Forwarder implements LiveConsumer, UpstreamLink.Owner {

    private final LiveSource source;
    private final ContextLog log;
    private final DropReport drops;
    private final EventLoop loop;
    private final UpstreamLink link;
    private final QueueLimits queueLimits;
    private final TimeJitter.Mode jitterMode;
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final List<SharedMessage> batch = new ArrayList<>();
    private volatile ConsumerQueue queue;
    private RtmpClientHandler client;
    private Channel channel;
    private TimeJitter jitter;
    private long messagesSent;

    /** {@code what} names the job in logs: "forward" or "edge publish". */
    Forwarder(String what, LiveSource source, VhostConfig vhost, QueueLimits queueLimits, List<HostPort> servers, String cid, EventLoop loop,
              Class<? extends SocketChannel> channelType) {
        this.source = source;
        this.log = ContextLog.of(Forwarder.class, cid);
        this.drops = new DropReport(log, "destination");
        this.loop = loop;
        this.queueLimits = queueLimits;
        this.jitterMode = vhost.atc() ? TimeJitter.Mode.OFF : TimeJitter.Mode.valueOf(vhost.timeJitter().name());
        StreamKey key = source.key();
        this.link = new UpstreamLink(what, log, loop, channelType, servers,
                key.vhost().equals(RillConfig.DEFAULT_VHOST) ? null : key.vhost(), key.app(), key.stream(),
                RtmpClientHandler.Mode.PUBLISH, this);
    }

    @Override
    public String cid() {
        return log.cid();
    }

    /** Upstream connections that started publishing so far. */
    long upstreamConnections() {
        return link.connections();
    }

    void start() {
        loop.execute(link::start);
    }

    /** Stops forwarding: closes the upstream and leaves the source. Callable from any thread. */
    void stop() {
        loop.execute(() -> {
            link.stop();
            detach();
            log.trace("forwarding {} stopped, {} messages sent in {} connections", source.key(), messagesSent,
                    link.connections());
        });
    }

    EventLoop loop() {
        return loop;
    }

    @Override
    public void onUp(RtmpClientHandler client, Channel channel) {
        this.client = client;
        this.channel = channel;
        this.jitter = new TimeJitter(jitterMode);
        this.queue = new ConsumerQueue(queueLimits);
        source.attach(this);
    }

    @Override
    public void onDown() {
        detach();
    }

    @Override
    public void onWritable() {
        scheduleDrain();
    }

    @Override
    public void enqueue(SharedMessage msg) {
        ConsumerQueue q = queue;
        if (q == null) {
            msg.release();
            return;
        }
        int dropped = q.offer(msg);
        if (dropped > 0) {
            drops.add(dropped);
        }
        if (dropped >= 0) {
            scheduleDrain();
        }
    }

    @Override
    public void onPublish(StreamKey key) {
        // A forwarder lives within one publish session; its source's observer starts and stops it.
    }

    @Override
    public void onUnpublish(StreamKey key) {
        // See onPublish.
    }

    private void detach() {
        ConsumerQueue q = queue;
        if (q == null) {
            return;
        }
        source.detach(this);
        queue = null;
        q.close();
        client = null;
        channel = null;
    }

    private void scheduleDrain() {
        if (drainScheduled.compareAndSet(false, true)) {
            loop.execute(this::drain);
        }
    }

    private void drain() {
        drainScheduled.set(false);
        ConsumerQueue q = queue;
        if (q == null || client == null || !channel.isWritable()) {
            return;
        }
        q.drainTo(batch);
        try {
            for (int i = 0; i < batch.size(); i++) {
                SharedMessage m = batch.get(i);
                client.publish(m.typeId(), jitter.correct(m.timestamp(), m.isAv()), m.payload().retainedDuplicate(), false);
                m.release();
                batch.set(i, null);
                messagesSent++;
            }
        } finally {
            for (SharedMessage m : batch) {
                if (m != null) {
                    m.release();
                }
            }
            batch.clear();
        }
        channel.flush();
    }

}
