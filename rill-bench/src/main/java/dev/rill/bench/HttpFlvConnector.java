package dev.rill.bench;

import dev.rill.codec.rtmp.client.RtmpClientListener;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;

/**
 * Opens HTTP-FLV player connections (an HTTP client codec and {@link HttpFlvClient}) or, for a
 * {@code ws://} URL, WebSocket-FLV ones (Netty's client handshake and {@link WebSocketFlvClient}).
 */
final class HttpFlvConnector implements PlayerConnector {
    /** Large pieces of body, so that a frame is parsed from few buffers. */
    private static final int MAX_BODY_PIECE = 1 << 20;
    /** The handshake's response has no body worth keeping. */
    private static final int MAX_HANDSHAKE_RESPONSE = 8192;
    /** A merged write of a few Mbit/s is one frame of a few hundred KB. */
    private static final int MAX_FRAME = 16 << 20;

    private final Transport transport;
    private final BenchUrl url;

    HttpFlvConnector(Transport transport, BenchUrl url) {
        this.transport = transport;
        this.url = url;
    }

    @Override
    public ChannelFuture play(String stream, RtmpClientListener listener) {
        String path = url.flvPath(stream);
        String host = url.host() + ":" + url.port();
        return transport.bootstrap(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                ChannelPipeline p = ch.pipeline()
                        .addLast("http", new HttpClientCodec(new HttpDecoderConfig().setMaxChunkSize(MAX_BODY_PIECE),
                                false, false));
                if (url.isWebSocket()) {
                    p.addLast("aggregator", new HttpObjectAggregator(MAX_HANDSHAKE_RESPONSE))
                            .addLast("websocket", new WebSocketClientProtocolHandler(WebSocketClientProtocolConfig
                                    .newBuilder().webSocketUri("ws://" + host + path).maxFramePayloadLength(MAX_FRAME)
                                    .handleCloseFrames(false).build()))
                            .addLast("flv", new WebSocketFlvClient(listener));
                } else {
                    p.addLast("flv", new HttpFlvClient(path, host, listener));
                }
            }
        }).connect(url.host(), url.port());
    }
}
