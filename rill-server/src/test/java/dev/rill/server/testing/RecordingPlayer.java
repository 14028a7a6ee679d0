package dev.rill.server.testing;

import dev.rill.codec.amf.AmfObject;
import dev.rill.codec.rtmp.MessageType;
import dev.rill.codec.rtmp.RtmpMessage;
import dev.rill.codec.rtmp.client.RtmpClientHandler;
import dev.rill.codec.rtmp.client.RtmpClientListener;
import dev.rill.server.rtmp.client.RtmpClientConnector;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A Rill-client player that records the hashes of what it receives and the statuses it hears. */
public final class RecordingPlayer implements RtmpClientListener {
    public final MediaPackets packets = new MediaPackets();
    public final List<String> statuses = new CopyOnWriteArrayList<>();
    /** Codes of _error or error-level statuses that made the client give up. */
    public final List<String> refusals = new CopyOnWriteArrayList<>();
    /** The timestamp of every audio and video message, in the order received. */
    public final List<Long> mediaTimestamps = new CopyOnWriteArrayList<>();
    private volatile RtmpClientConnector.Connection connection;

    public static RecordingPlayer play(RtmpClientConnector connector, InetSocketAddress server, String app, String stream) {
        RecordingPlayer p = new RecordingPlayer();
        p.connection = connector.connect(server, app, stream, RtmpClientHandler.Mode.PLAY, p);
        return p;
    }

    /** Plays with a given {@code tcUrl}, e.g. one naming a vhost with {@code ?vhost=}. */
    public static RecordingPlayer play(RtmpClientConnector connector, InetSocketAddress server, String tcUrl,
                                       String app, String stream) {
        RecordingPlayer p = new RecordingPlayer();
        p.connection = connector.connect(server, tcUrl, app, stream, RtmpClientHandler.Mode.PLAY, p);
        return p;
    }

    @Override
    public void onStatus(String code, AmfObject info) {
        statuses.add(code);
    }

    @Override
    public void onRefused(String code, String description) {
        refusals.add(code);
    }

    @Override
    public void onError(Throwable cause) {
        statuses.add("error: " + cause);
        cause.printStackTrace();
    }

    @Override
    public void onMessage(RtmpMessage message) {
        if (MessageType.isMedia(message.typeId())) {
            mediaTimestamps.add(message.timestamp());
        }
        packets.add(message.typeId(), message.timestamp(), message.payload());
    }

    public boolean isActive() {
        return connection.connectFuture().channel().isActive();
    }

    public RtmpClientConnector.Connection connection() {
        return connection;
    }

    public void close() {
        connection.close();
    }
}
