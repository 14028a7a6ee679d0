package dev.rill.bench;

import dev.rill.codec.rtmp.client.RtmpClientListener;
import io.netty.buffer.ByteBufHolder;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakeException;
import io.netty.util.ReferenceCountUtil;

/**
 * Plays one stream over WebSocket-FLV, after Netty's client protocol handler has done the
 * handshake: binary frames (and their continuations) carry the FLV stream to a
 * {@link FlvBodyFeed}; a close frame ends the connection; a refused handshake is a refusal.
 */
final class WebSocketFlvClient extends ChannelInboundHandlerAdapter {
    private final RtmpClientListener listener;
    private final FlvBodyFeed body;

    WebSocketFlvClient(RtmpClientListener listener) {
        this.listener = listener;
        this.body = new FlvBodyFeed(listener);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof BinaryWebSocketFrame || msg instanceof ContinuationWebSocketFrame) {
                body.feed(ctx.alloc(), ((ByteBufHolder) msg).content());
            } else if (msg instanceof CloseWebSocketFrame) {
                ctx.close();
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof WebSocketClientHandshakeException refused) {
            listener.onRefused("WebSocket handshake", refused.getMessage());
        } else {
            listener.onError(cause);
        }
        ctx.close();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        body.release();
    }
}
