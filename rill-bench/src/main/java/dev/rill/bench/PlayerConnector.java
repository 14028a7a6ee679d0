package dev.rill.bench;

import dev.rill.codec.rtmp.client.RtmpClientListener;
import io.netty.channel.ChannelFuture;

/** Opens a player's connection over one protocol; the listener hears its media as RTMP messages. */
interface PlayerConnector {
    /** Starts a TCP connect to play {@code stream}; the future's channel is the connection. */
    ChannelFuture play(String stream, RtmpClientListener listener);
}
