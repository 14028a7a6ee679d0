package dev.rill.bench;

import dev.rill.codec.rtmp.client.RtmpClientListener;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpDecoderConfig;

/** Opens HTTP-FLV player connections: an HTTP client codec and {@link HttpFlvClient}. */
final class HttpFlvConnector implements PlayerConnector {
    /** Large pieces of body, so that a frame is parsed from few buffers. */
    private static final int MAX_BODY_PIECE = 1 << 20;

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
                ch.pipeline()
                        .addLast("http", new HttpClientCodec(new HttpDecoderConfig().setMaxChunkSize(MAX_BODY_PIECE),
                                false, false))
                        .addLast("flv", new HttpFlvClient(path, host, listener));
            }
        }).connect(url.host(), url.port());
    }
}
