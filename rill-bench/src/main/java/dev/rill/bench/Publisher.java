package dev.rill.bench;

import dev.rill.codec.rtmp.client.RtmpClientHandler;
import dev.rill.codec.rtmp.client.RtmpClientListener;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Publishes a {@link MediaSource} in real time: each message goes out when its timestamp comes due
 * on the wall clock measured from NetStream.Publish.Start; every tracked video message's send time
 * is logged in the {@link SendLog}. Runs on its connection's event loop.
 */
final class Publisher implements RtmpClientListener {
    private final String stream;
    private final MediaSource source;
    private final SendLog log;
    private final CompletableFuture<Void> started = new CompletableFuture<>();
    private RtmpConnector.Connection connection;
    private RtmpClientHandler client;
    private long startNanos;
    private volatile boolean stopped;
    private volatile String failure;

    Publisher(String stream, MediaSource source) {
        this.stream = stream;
        this.source = source;
        this.log = new SendLog(!source.stamped());
    }

    void connect(RtmpConnector connector) {
        connection = connector.connect(stream, RtmpClientHandler.Mode.PUBLISH, this);
        connection.connectFuture().addListener(f -> {
            if (!f.isSuccess()) {
                fail("connect failed: " + f.cause().getMessage());
            }
        });
        connection.channel().closeFuture().addListener(f -> fail("connection closed"));
    }

    String stream() {
        return stream;
    }

    SendLog log() {
        return log;
    }

    /** Completes when publishing has started, or exceptionally when the publisher failed first. */
    CompletableFuture<Void> started() {
        return started;
    }

    /** Why the publisher stopped before it was told to, or null. */
    String failure() {
        return failure;
    }

    @Override
    public void onStarted(RtmpClientHandler handler) {
        client = handler;
        startNanos = System.nanoTime();
        started.complete(null);
        pump();
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
        if (!stopped && failure == null) {
            failure = why;
        }
        started.completeExceptionally(new IllegalStateException("publisher " + stream + ": " + why));
    }

    /** Sends everything due, flushes once, and schedules itself for the next message's due time. */
    private void pump() {
        Channel ch = connection.channel();
        if (stopped || !ch.isActive()) {
            return;
        }
        long now = System.nanoTime();
        boolean wrote = false;
        while (dueNanos(source.nextTimestamp()) <= now) {
            send();
            wrote = true;
        }
        if (wrote) {
            ch.flush();
        }
        EventLoop loop = ch.eventLoop();
        loop.schedule(this::pump, Math.max(0, dueNanos(source.nextTimestamp()) - System.nanoTime()),
                TimeUnit.NANOSECONDS);
    }

    private void send() {
        int type = source.nextType();
        long timestamp = source.nextTimestamp();
        ByteBuf payload;
        if (!source.nextIsTracked()) {
            payload = source.take(connection.channel().alloc(), -1, 0);
        } else if (source.stamped()) {
            long nanos = System.nanoTime();
            long seq = log.append(0, nanos);
            payload = source.take(connection.channel().alloc(), seq, nanos);
        } else {
            payload = source.take(connection.channel().alloc(), -1, 0);
            log.append(PayloadKey.of(payload), System.nanoTime());
        }
        client.publish(type, timestamp, payload, false);
    }

    private long dueNanos(long timestampMs) {
        return startNanos + TimeUnit.MILLISECONDS.toNanos(timestampMs);
    }

    /** Stops sending, closes the connection and the source; returns when they are closed. */
    void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        if (connection != null) {
            connection.close().syncUninterruptibly();
        }
        source.close();
    }
}
