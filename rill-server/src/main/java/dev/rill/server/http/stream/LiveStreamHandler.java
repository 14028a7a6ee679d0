package dev.rill.server.http.stream;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.util.ReferenceCountUtil;

/**
 * The last handler of a connection that streams live, from the moment its request is taken (the
 * gate may still be deciding): resumes the player when the socket drains, answers WebSocket
 * pings, closes on a WebSocket close, and discards anything else the client sends (a player has
 * nothing to say once it has asked to play).
 */
final class LiveStreamHandler extends ChannelInboundHandlerAdapter {
    private HttpStreamPlayer player;

    /** The player of this connection, once the gate let it play. */
    void play(HttpStreamPlayer streaming) {
        this.player = streaming;
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        if (player != null && ctx.channel().isWritable()) {
            player.onWritable();
        }
        super.channelWritabilityChanged(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (player != null) {
            player.onConnectionError(cause);
        }
        ctx.close();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof PingWebSocketFrame ping) {
                ctx.writeAndFlush(new PongWebSocketFrame(ping.content().retain()));
            } else if (msg instanceof CloseWebSocketFrame) {
                ctx.close();
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }
}
