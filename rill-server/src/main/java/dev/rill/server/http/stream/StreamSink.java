package dev.rill.server.http.stream;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;

/** Where a live HTTP player's bytes go: the body of an HTTP response, or WebSocket binary frames. */
interface StreamSink {
    /** Writes (without flushing) {@code data}, taking ownership. */
    void write(Channel channel, ByteBuf data);

    /** Ends the stream cleanly and closes the connection. */
    void end(Channel channel);

    /** Chunks of an HTTP/1.1 chunked response (plain body for HTTP/1.0), ended by the last chunk. */
    StreamSink HTTP = new StreamSink() {
        @Override
        public void write(Channel channel, ByteBuf data) {
            channel.write(new DefaultHttpContent(data), channel.voidPromise());
        }

        @Override
        public void end(Channel channel) {
            channel.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT).addListener(ChannelFutureListener.CLOSE);
        }
    };

    /** One binary frame per write (WebSocket-FLV, as mpegts.js reads it), ended by a close frame. */
    StreamSink WEBSOCKET = new StreamSink() {
        @Override
        public void write(Channel channel, ByteBuf data) {
            channel.write(new BinaryWebSocketFrame(data), channel.voidPromise());
        }

        @Override
        public void end(Channel channel) {
            channel.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.NORMAL_CLOSURE, "stream unpublished"))
                    .addListener(ChannelFutureListener.CLOSE);
        }
    };
}
