package dev.rill.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.codec.flv.FlvHeader;
import dev.rill.codec.flv.FlvWriter;
import dev.rill.codec.rtmp.RtmpMessage;
import dev.rill.codec.rtmp.client.RtmpClientListener;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakeException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebSocketFlvClientTest {
    private final List<String> messages = new ArrayList<>();
    private String refusal;
    private final RtmpClientListener recorder = new RtmpClientListener() {
        @Override
        public void onMessage(RtmpMessage m) {
            messages.add(m.typeId() + "@" + m.timestamp() + ":" + ByteBufUtil.hexDump(m.payload()));
        }

        @Override
        public void onRefused(String code, String description) {
            refusal = code + ": " + description;
        }
    };

    @Test
    void binaryFramesAndTheirContinuationsCarryTheFlvStream() {
        EmbeddedChannel ch = new EmbeddedChannel(new WebSocketFlvClient(recorder));
        ByteBuf flv = Unpooled.buffer();
        new FlvHeader(true, true).write(flv);
        FlvWriter.writeTag(flv, 9, 0, Unpooled.wrappedBuffer(new byte[] {0x17, 1, 0, 0, 0, 5}));
        FlvWriter.writeTag(flv, 8, 23, Unpooled.wrappedBuffer(new byte[] {(byte) 0xAF, 1, 9}));
        byte[] bytes = ByteBufUtil.getBytes(flv);
        flv.release();

        ch.writeInbound(new BinaryWebSocketFrame(false, 0, Unpooled.wrappedBuffer(bytes, 0, 20)));
        ch.writeInbound(new ContinuationWebSocketFrame(true, 0, Unpooled.wrappedBuffer(bytes, 20, 10)));
        ch.writeInbound(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(bytes, 30, bytes.length - 30)));

        assertThat(messages).containsExactly("9@0:170100000005", "8@23:af0109");
        assertThat(ch.isOpen()).isTrue();
        ch.writeInbound(new CloseWebSocketFrame());
        assertThat(ch.isOpen()).as("the server's close frame ends the player").isFalse();
    }

    @Test
    void aRefusedHandshakeIsARefusal() {
        EmbeddedChannel ch = new EmbeddedChannel(new WebSocketFlvClient(recorder));
        ch.pipeline().fireExceptionCaught(new WebSocketClientHandshakeException("Invalid handshake response getStatus: 404 Not Found"));
        assertThat(refusal).isEqualTo("WebSocket handshake: Invalid handshake response getStatus: 404 Not Found");
        assertThat(ch.isOpen()).isFalse();
    }
}
