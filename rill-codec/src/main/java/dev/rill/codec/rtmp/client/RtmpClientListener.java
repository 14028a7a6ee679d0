package dev.rill.codec.rtmp.client;

import dev.rill.codec.amf.AmfObject;
import dev.rill.codec.rtmp.RtmpMessage;

/** What an {@link RtmpClientHandler} reports; every method runs on the connection's event loop. */
public interface RtmpClientListener {
    /**
     * Publishing or playing has started (NetStream.Publish.Start or NetStream.Play.Start); in
     * {@link RtmpClientHandler.Mode#CONNECT}, the server accepted the connect.
     */
    default void onStarted(RtmpClientHandler client) {
    }

    /** An onStatus (or _error) the server sent, with its info object. */
    default void onStatus(String code, AmfObject info) {
    }

    /**
     * Audio, video or data received while playing. The message is released after this returns;
     * retain it to keep it.
     */
    default void onMessage(RtmpMessage message) {
    }

    /** The server refused (connect rejected, Publish.BadName, ...): the connection is being closed. */
    default void onRefused(String code, String description) {
    }

    /** Something failed (bad data from the server, i/o); the connection is being closed. */
    default void onError(Throwable cause) {
    }

    /** The server answered a {@link RtmpClientHandler#ping(long)} (or sent an unasked answer). */
    default void onPingResponse(long timestamp) {
    }

    /** The socket's writability changed: a publisher that stopped writing may resume when true. */
    default void onWritabilityChanged(boolean writable) {
    }
}
