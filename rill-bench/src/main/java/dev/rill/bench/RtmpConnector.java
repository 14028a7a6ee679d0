package dev.rill.bench;

import dev.rill.codec.rtmp.chunk.ChunkDecoder;
import dev.rill.codec.rtmp.chunk.ChunkEncoder;
import dev.rill.codec.rtmp.chunk.ChunkLimits;
import dev.rill.codec.rtmp.client.RtmpClientHandler;
import dev.rill.codec.rtmp.client.RtmpClientListener;
import dev.rill.codec.rtmp.handshake.ClientHandshakeHandler;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;

/**
 * Opens RTMP client connections with Rill's client session: handshake, chunk encoder (before the
 * decoder, so that replies the decoder triggers pass through it), chunk decoder, session.
 */
final class RtmpConnector implements PlayerConnector {
    /** The chunk size a publisher announces, as large as ffmpeg's so a frame is a few chunks. */
    static final int OUT_CHUNK_SIZE = 60000;

    private final Transport transport;
    private final BenchUrl url;

    RtmpConnector(Transport transport, BenchUrl url) {
        this.transport = transport;
        this.url = url;
    }

    /** Starts a TCP connect to play or publish {@code stream}; the listener hears the session. */
    Connection connect(String stream, RtmpClientHandler.Mode mode, RtmpClientListener listener) {
        RtmpClientHandler handler = new RtmpClientHandler(url.tcUrl(), url.app(), stream, mode, OUT_CHUNK_SIZE,
                listener);
        Bootstrap b = transport.bootstrap(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                ch.pipeline()
                        .addLast("handshake", new ClientHandshakeHandler())
                        .addLast("chunk-encoder", new ChunkEncoder())
                        .addLast("chunk-decoder", new ChunkDecoder(ChunkLimits.DEFAULT))
                        .addLast("client", handler);
            }
        });
        return new Connection(b.connect(url.host(), url.port()), handler);
    }

    @Override
    public ChannelFuture play(String stream, RtmpClientListener listener) {
        return connect(stream, RtmpClientHandler.Mode.PLAY, listener).connectFuture();
    }

    /** A client connection: its TCP connect future and its session handler. */
    record Connection(ChannelFuture connectFuture, RtmpClientHandler handler) {
        Channel channel() {
            return connectFuture.channel();
        }

        ChannelFuture close() {
            return connectFuture.channel().close();
        }
    }
}
