package dev.rill.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.codec.RillException;
import dev.rill.codec.flv.FlvHeader;
import dev.rill.codec.flv.FlvWriter;
import dev.rill.codec.rtmp.RtmpMessage;
import dev.rill.codec.rtmp.client.RtmpClientListener;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HttpFlvClientTest {
    private static final byte[] KEYFRAME = {0x17, 0x01, 0, 0, 0, 1, 2, 3, 4, 5};
    private static final byte[] AUDIO = {(byte) 0xAF, 0x01, 9, 8, 7};
    private static final byte[] INTER_FRAME = {0x27, 0x01, 0, 0, 0x21, 6};

    private final Recorder recorder = new Recorder();

    @Test
    void sendsTheGetAndHandsEveryTagOverWhateverTheBodyPieces() {
        EmbeddedChannel ch = client();
        ByteBuf request = ch.readOutbound();
        String head = request.toString(StandardCharsets.US_ASCII);
        request.release();
        assertThat(head).startsWith("GET /live/s.flv HTTP/1.1\r\n").containsIgnoringCase("host: h:8080\r\n");

        ch.writeInbound(ascii("HTTP/1.1 200 OK\r\nContent-Type: video/x-flv\r\nTransfer-Encoding: chunked\r\n\r\n"));
        byte[] body = flv();
        // Pieces that end inside the FLV header, inside a tag header, inside a body and on a boundary.
        int[] cuts = {5, 20, 31, 40, body.length};
        int from = 0;
        for (int cut : cuts) {
            ch.writeInbound(chunk(body, from, cut));
            from = cut;
        }

        assertThat(recorder.messages).containsExactly(
                "9@0:" + ByteBufUtil.hexDump(KEYFRAME),
                "8@23:" + ByteBufUtil.hexDump(AUDIO),
                "9@33:" + ByteBufUtil.hexDump(INTER_FRAME));
        assertThat(recorder.refusal).isNull();
        assertThat(recorder.error).isNull();
        assertThat(ch.isOpen()).isTrue();

        ch.writeInbound(ascii("0\r\n\r\n"));
        assertThat(ch.isOpen()).as("the end of the body ends the player").isFalse();
    }

    @Test
    void anythingButOkIsARefusal() {
        EmbeddedChannel ch = client();
        ((ByteBuf) ch.readOutbound()).release();
        ch.writeInbound(ascii("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"));

        assertThat(recorder.refusal).isEqualTo("HTTP 404 /live/s.flv: Not Found");
        assertThat(recorder.messages).isEmpty();
        assertThat(ch.isOpen()).isFalse();
    }

    @Test
    void aMalformedTagIsAnErrorThatClosesThePlayer() {
        EmbeddedChannel ch = client();
        ((ByteBuf) ch.readOutbound()).release();
        ch.writeInbound(ascii("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"));
        byte[] body = flv();
        body[FlvHeader.SIZE_WITH_PREVIOUS_TAG_SIZE + FlvWriter.TAG_HEADER_SIZE + KEYFRAME.length + 3] ^= 1;
        ch.writeInbound(chunk(body, 0, body.length));

        assertThat(recorder.messages).isEmpty();
        assertThat(recorder.error).isInstanceOf(RillException.class).hasMessageContaining("PreviousTagSize");
        assertThat(ch.isOpen()).isFalse();
        ch.finishAndReleaseAll();
    }

    @Test
    void aMalformedChunkIsAnErrorNotAnEnd() {
        EmbeddedChannel ch = client();
        ((ByteBuf) ch.readOutbound()).release();
        ch.writeInbound(ascii("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"));
        ch.writeInbound(ascii("zz\r\nFLV"));

        assertThat(recorder.error).as("the HTTP decoder's failure").isNotNull();
        assertThat(ch.isOpen()).isFalse();
        ch.finishAndReleaseAll();
    }

    private EmbeddedChannel client() {
        return new EmbeddedChannel(new HttpClientCodec(), new HttpFlvClient("/live/s.flv", "h:8080", recorder));
    }

    private static byte[] flv() {
        ByteBuf out = Unpooled.buffer();
        try {
            new FlvHeader(true, true).write(out);
            FlvWriter.writeTag(out, 9, 0, Unpooled.wrappedBuffer(KEYFRAME));
            FlvWriter.writeTag(out, 8, 23, Unpooled.wrappedBuffer(AUDIO));
            FlvWriter.writeTag(out, 9, 33, Unpooled.wrappedBuffer(INTER_FRAME));
            return ByteBufUtil.getBytes(out);
        } finally {
            out.release();
        }
    }

    private static ByteBuf chunk(byte[] body, int from, int to) {
        ByteBuf b = Unpooled.buffer();
        b.writeCharSequence(Integer.toHexString(to - from) + "\r\n", StandardCharsets.US_ASCII);
        b.writeBytes(body, from, to - from);
        b.writeCharSequence("\r\n", StandardCharsets.US_ASCII);
        return b;
    }

    private static ByteBuf ascii(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.US_ASCII);
    }

    private static final class Recorder implements RtmpClientListener {
        final List<String> messages = new ArrayList<>();
        String refusal;
        Throwable error;

        @Override
        public void onMessage(RtmpMessage m) {
            messages.add(m.typeId() + "@" + m.timestamp() + ":" + ByteBufUtil.hexDump(m.payload()));
        }

        @Override
        public void onRefused(String code, String description) {
            refusal = code + " " + description;
        }

        @Override
        public void onError(Throwable cause) {
            error = cause;
        }
    }
}
