package dev.rill.bench;

import dev.rill.codec.rtmp.MessageType;
import dev.rill.codec.rtmp.RtmpMessage;
import dev.rill.codec.rtmp.client.RtmpClientListener;
import dev.rill.codec.media.FlvVideo;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import java.util.BitSet;

/**
 * One player (RTMP, HTTP-FLV or WebSocket-FLV) and what it measured. Everything is written on its
 * connection's event loop and read by the run after the loops have stopped. Per message it only
 * reads a few bytes and appends to a primitive array; nothing is allocated but the array's
 * occasional growth.
 */
final class Player implements RtmpClientListener {
    private final Publisher publisher;
    private final MeasureWindow window;
    private final boolean stamped;
    private final LongList latencies;
    private final BitSet received = new BitSet();
    private Channel channel;
    private long connectStartNanos;
    private long connectNanos = -1;
    private volatile long firstKeyframeNanos = -1;
    private long firstSeq = -1;
    private long lastVideoInWindowNanos = -1;
    private long largestGapNanos;
    private long bytesInWindow;
    private long unknownVideo;
    private boolean closedInWindow;
    private volatile String failure;

    Player(Publisher publisher, MeasureWindow window, boolean stamped, int expectedSamples) {
        this.publisher = publisher;
        this.window = window;
        this.stamped = stamped;
        this.latencies = new LongList(expectedSamples);
    }

    void connect(PlayerConnector connector) {
        connectStartNanos = System.nanoTime();
        ChannelFuture connected = connector.play(publisher.stream(), this);
        channel = connected.channel();
        connected.addListener(f -> {
            if (f.isSuccess()) {
                connectNanos = System.nanoTime() - connectStartNanos;
            } else {
                fail("connect failed: " + f.cause().getMessage());
            }
        });
        channel.closeFuture().addListener(f -> {
            if (window.contains(System.nanoTime())) {
                closedInWindow = true;
            }
            fail("connection closed");
        });
    }

    @Override
    public void onMessage(RtmpMessage m) {
        long now = System.nanoTime();
        boolean inWindow = window.contains(now);
        ByteBuf payload = m.payload();
        if (inWindow && (m.typeId() == MessageType.VIDEO || m.typeId() == MessageType.AUDIO)) {
            bytesInWindow += payload.readableBytes();
        }
        if (m.typeId() != MessageType.VIDEO || FlvVideo.isSequenceHeader(payload)) {
            return;
        }
        if (firstKeyframeNanos < 0) {
            if (!FlvVideo.isKeyframe(payload)) {
                return;
            }
            firstKeyframeNanos = now - connectStartNanos;
        }
        if (inWindow) {
            if (lastVideoInWindowNanos >= 0) {
                largestGapNanos = Math.max(largestGapNanos, now - lastVideoInWindowNanos);
            }
            lastVideoInWindowNanos = now;
        }
        track(payload, now);
    }

    /** Finds which published message this is and, when it was sent in the window, records it. */
    private void track(ByteBuf payload, long now) {
        long seq;
        long sent;
        if (stamped) {
            if (!PayloadStamp.isStamped(payload)) {
                unknownVideo++;
                return;
            }
            seq = PayloadStamp.seq(payload);
            sent = PayloadStamp.sendNanos(payload);
        } else {
            seq = publisher.log().seqOf(PayloadKey.of(payload));
            if (seq < 0) {
                unknownVideo++;
                return;
            }
            sent = publisher.log().sendNanos(seq);
        }
        if (firstSeq < 0) {
            firstSeq = seq;
        }
        if (window.contains(sent)) {
            latencies.add(now - sent);
            received.set(Math.toIntExact(seq));
        }
    }

    @Override
    public void onRefused(String code, String description) {
        fail("refused: " + code + " " + description);
    }

    @Override
    public void onError(Throwable cause) {
        fail("error: " + cause);
    }

    private void fail(String why) {
        if (failure == null) {
            failure = why;
        }
    }

    void close() {
        if (channel != null) {
            channel.close();
        }
    }

    /** Playing with a keyframe received and no failure so far. */
    boolean isUp() {
        return failure == null && firstKeyframeNanos >= 0;
    }

    /** Failed, or up: nothing more to wait for before measuring. */
    boolean isSettled() {
        return failure != null || firstKeyframeNanos >= 0;
    }

    Publisher publisher() {
        return publisher;
    }

    String failure() {
        return failure;
    }

    long connectNanos() {
        return connectNanos;
    }

    long firstKeyframeNanos() {
        return firstKeyframeNanos;
    }

    long firstSeq() {
        return firstSeq;
    }

    BitSet received() {
        return received;
    }

    LongList latencies() {
        return latencies;
    }

    long largestGapNanos() {
        return largestGapNanos;
    }

    long bytesInWindow() {
        return bytesInWindow;
    }

    long unknownVideo() {
        return unknownVideo;
    }

    boolean closedInWindow() {
        return closedInWindow;
    }
}
