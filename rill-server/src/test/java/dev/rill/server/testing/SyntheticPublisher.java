package dev.rill.server.testing;

import dev.rill.codec.amf.AmfObject;
import dev.rill.codec.rtmp.MessageType;
import dev.rill.codec.rtmp.client.RtmpClientHandler;
import dev.rill.codec.rtmp.client.RtmpClientListener;
import dev.rill.server.rtmp.client.RtmpClientConnector;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A Rill-client publisher sending a generated H.264/AAC-shaped stream (FLV tag bodies with the
 * right frame types and sequence headers, random content) at a fixed frame rate: one video and
 * one audio message per frame, a keyframe every {@code gop} frames. Records what it sent.
 */
public final class SyntheticPublisher implements RtmpClientListener, AutoCloseable {
    public final MediaPackets sent = new MediaPackets();
    public final List<String> statuses = new CopyOnWriteArrayList<>();
    private final int videoBytes;
    private final int gop;
    private final int frameIntervalMs;
    private final long startTimestamp;
    private final Random random = new Random(7);
    private volatile RtmpClientConnector.Connection connection;
    private volatile ScheduledFuture<?> ticker;
    private volatile int frame;
    private volatile int maxFrames = Integer.MAX_VALUE;
    private volatile boolean frozen;

    private SyntheticPublisher(int videoBytes, int gop, int frameIntervalMs, long startTimestamp) {
        this.videoBytes = videoBytes;
        this.gop = gop;
        this.frameIntervalMs = frameIntervalMs;
        this.startTimestamp = startTimestamp;
    }

    public static SyntheticPublisher publish(RtmpClientConnector connector, InetSocketAddress server, String app,
                                             String stream, int videoBytes, int gop, int frameIntervalMs) {
        return publish(connector, server, app, stream, videoBytes, gop, frameIntervalMs, 0);
    }

    /** As the other factory, with timestamps starting at {@code startTimestamp} ms instead of 0. */
    public static SyntheticPublisher publish(RtmpClientConnector connector, InetSocketAddress server, String app,
                                             String stream, int videoBytes, int gop, int frameIntervalMs,
                                             long startTimestamp) {
        SyntheticPublisher p = new SyntheticPublisher(videoBytes, gop, frameIntervalMs, startTimestamp);
        p.connection = connector.connect(server, app, stream, RtmpClientHandler.Mode.PUBLISH, p);
        return p;
    }

    /** Publishes with a given {@code tcUrl}, e.g. one naming a vhost with {@code ?vhost=}. */
    public static SyntheticPublisher publishTo(RtmpClientConnector connector, InetSocketAddress server, String tcUrl,
                                               String app, String stream, int videoBytes, int gop,
                                               int frameIntervalMs) {
        SyntheticPublisher p = new SyntheticPublisher(videoBytes, gop, frameIntervalMs, 0);
        p.connection = connector.connect(server, tcUrl, app, stream, RtmpClientHandler.Mode.PUBLISH, p);
        return p;
    }

    /** Every frame from now on carries the start timestamp: a publisher whose clock never moves. */
    public SyntheticPublisher frozen() {
        this.frozen = true;
        return this;
    }

    /** Stops after {@code frames} frames in all. */
    public SyntheticPublisher limit(int frames) {
        this.maxFrames = frames;
        return this;
    }

    @Override
    public void onStatus(String code, AmfObject info) {
        statuses.add(code);
    }

    @Override
    public void onStarted(RtmpClientHandler client) {
        ByteBuf avc = Unpooled.wrappedBuffer(new byte[] {0x17, 0, 0, 0, 0, 1, 0x64, 0, 0x1f});
        ByteBuf aac = Unpooled.wrappedBuffer(new byte[] {(byte) 0xAF, 0, 0x12, 0x10});
        sent.add(MessageType.VIDEO, avc);
        sent.add(MessageType.AUDIO, aac);
        client.publish(MessageType.VIDEO, startTimestamp, avc, false);
        client.publish(MessageType.AUDIO, startTimestamp, aac, true);
        ticker = connection.connectFuture().channel().eventLoop().scheduleAtFixedRate(() -> tick(client), 0,
                frameIntervalMs, TimeUnit.MILLISECONDS);
    }

    private void tick(RtmpClientHandler client) {
        if (frame >= maxFrames || !connection.connectFuture().channel().isActive()) {
            ticker.cancel(false);
            return;
        }
        long ts = frozen ? startTimestamp : startTimestamp + (long) frame * frameIntervalMs;
        boolean key = frame % gop == 0;
        byte[] video = new byte[videoBytes];
        random.nextBytes(video);
        video[0] = (byte) (key ? 0x17 : 0x27);
        video[1] = 1;
        byte[] audio = new byte[200];
        random.nextBytes(audio);
        audio[0] = (byte) 0xAF;
        audio[1] = 1;
        ByteBuf v = Unpooled.wrappedBuffer(video);
        ByteBuf a = Unpooled.wrappedBuffer(audio);
        sent.add(MessageType.VIDEO, v);
        sent.add(MessageType.AUDIO, a);
        client.publish(MessageType.VIDEO, ts, v, false);
        client.publish(MessageType.AUDIO, ts, a, true);
        frame++;
    }

    public int framesSent() {
        return frame;
    }

    public RtmpClientConnector.Connection connection() {
        return connection;
    }

    public boolean isActive() {
        return connection.connectFuture().channel().isActive();
    }

    public void close() {
        if (ticker != null) {
            ticker.cancel(false);
        }
        connection.close();
    }
}
