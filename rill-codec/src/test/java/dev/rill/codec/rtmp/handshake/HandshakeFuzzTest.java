package dev.rill.codec.rtmp.handshake;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.rill.codec.ErrorCode;
import dev.rill.codec.RillException;
import dev.rill.testing.FuzzInput;
import dev.rill.testing.SeedCorpus;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The server and client handshake handlers on arbitrary bytes cut into reads at fuzzer-chosen
 * points. The server refuses (HANDSHAKE_INVALID) exactly when the first byte is not 3; given C0 and
 * C1 it answers S0, S1 and S2 (a valid S2 for a signed C1, an echo otherwise); given C2 too it
 * completes and passes every later byte on. The client, having sent a signed C1, refuses only with
 * HANDSHAKE_INVALID and otherwise completes on S0, S1 and S2 and passes the rest on. Seeded with
 * handshakes built from the vector tests' packets.
 */
class HandshakeFuzzTest {
    private static final int PACKET = Handshake.PACKET_SIZE;

    @FuzzTest(maxDuration = "10m")
    void handshake(FuzzedDataProvider data) {
        FuzzInput input = FuzzInput.from(data);
        server(input);
        client(input);
    }

    private static void server(FuzzInput input) {
        byte[] bytes = input.bytes();
        Recorder recorder = new Recorder();
        EmbeddedChannel ch = new EmbeddedChannel(new ServerHandshakeHandler(new Random(1)), recorder);
        boolean refused = feed(ch, input.fragments());
        byte[] written = outbound(ch);
        ch.finishAndReleaseAll();
        assertThat(refused).as("refused").isEqualTo(bytes.length > 0 && bytes[0] != Handshake.RTMP_VERSION);
        if (refused || bytes.length < 1 + PACKET) {
            assertThat(written).as("written before C1 is whole").isEmpty();
            assertThat(recorder.events).isEmpty();
            return;
        }
        assertThat(written).as("S0 S1 S2").hasSize(1 + 2 * PACKET);
        assertThat(written[0]).isEqualTo((byte) Handshake.RTMP_VERSION);
        byte[] c1 = Arrays.copyOfRange(bytes, 1, 1 + PACKET);
        byte[] s2 = Arrays.copyOfRange(written, 1 + PACKET, 1 + 2 * PACKET);
        Optional<DigestSchema> schema = Handshake.version(c1) == 0 ? Optional.empty() : Handshake.findClientDigest(c1);
        if (schema.isPresent()) {
            assertThat(Handshake.isValidS2(s2, Handshake.digestOf(c1, schema.get()))).as("S2 signed for C1").isTrue();
        } else {
            assertThat(s2).as("S2 echoes a simple C1").isEqualTo(c1);
        }
        if (bytes.length < 1 + 2 * PACKET) {
            assertThat(recorder.events).isEmpty();
            return;
        }
        assertThat(recorder.events).hasSize(1).first().isInstanceOf(HandshakeCompleted.class);
        assertThat(((HandshakeCompleted) recorder.events.get(0)).complex()).isEqualTo(schema.isPresent());
        assertThat(recorder.bytes.toByteArray()).as("bytes after C2")
                .isEqualTo(Arrays.copyOfRange(bytes, 1 + 2 * PACKET, bytes.length));
    }

    private static void client(FuzzInput input) {
        byte[] bytes = input.bytes();
        Recorder recorder = new Recorder();
        EmbeddedChannel ch = new EmbeddedChannel(
                ClientHandshakeHandler.complex(DigestSchema.DIGEST_THEN_KEY, new Random(2)), recorder);
        byte[] c0c1 = outbound(ch);
        assertThat(c0c1).hasSize(1 + PACKET);
        boolean refused = feed(ch, input.fragments());
        byte[] c2 = outbound(ch);
        ch.finishAndReleaseAll();
        if (bytes.length > 0 && bytes[0] != Handshake.RTMP_VERSION) {
            assertThat(refused).as("refused a bad S0").isTrue();
        }
        if (refused || bytes.length < 1 + 2 * PACKET) {
            assertThat(c2).isEmpty();
            assertThat(recorder.events).isEmpty();
            return;
        }
        assertThat(c2).as("C2").hasSize(PACKET);
        assertThat(recorder.events).hasSize(1).first().isInstanceOf(HandshakeCompleted.class);
        assertThat(recorder.bytes.toByteArray()).as("bytes after S2")
                .isEqualTo(Arrays.copyOfRange(bytes, 1 + 2 * PACKET, bytes.length));
    }

    /** Feeds each read; true when the handler refused (with HANDSHAKE_INVALID, the only code allowed). */
    private static boolean feed(EmbeddedChannel ch, List<byte[]> reads) {
        boolean refused = false;
        for (byte[] read : reads) {
            try {
                ch.writeInbound(Unpooled.wrappedBuffer(read));
            } catch (RillException e) {
                assertThat(e.code()).as("code of %s", e).isEqualTo(ErrorCode.HANDSHAKE_INVALID);
                assertThat(e.getMessage()).isNotBlank();
                assertThat(refused).as("refused twice").isFalse();
                refused = true;
            }
        }
        return refused;
    }

    private static byte[] outbound(EmbeddedChannel ch) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object o; (o = ch.readOutbound()) != null; ) {
            ByteBuf buf = (ByteBuf) o;
            out.writeBytes(ByteBufUtil.getBytes(buf));
            buf.release();
        }
        return out.toByteArray();
    }

    private static final class Recorder extends ChannelInboundHandlerAdapter {
        final List<Object> events = new java.util.ArrayList<>();
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf buf = (ByteBuf) msg;
            bytes.writeBytes(ByteBufUtil.getBytes(buf));
            buf.release();
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            events.add(evt);
        }
    }

    static Map<String, byte[]> seeds() {
        Map<String, byte[]> seeds = new LinkedHashMap<>();
        byte[] tail = "connect".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        for (DigestSchema schema : DigestSchema.values()) {
            byte[] c1 = Handshake.createC1(new Random(3), schema, Handshake.FLASH_PLAYER_VERSION);
            seeds.put("signed C1 schema " + schema.number(), FuzzInput.seed(concat(new byte[] {3}, c1,
                    Handshake.createSimplePacket(new Random(4)), tail)));
            byte[] s1 = Handshake.createS1(new Random(5), schema);
            seeds.put("signed S1 schema " + schema.number(), FuzzInput.seed(concat(new byte[] {3}, s1,
                    Handshake.createS2(new Random(6), Handshake.digestOf(s1, schema)), tail)));
        }
        seeds.put("simple", FuzzInput.seed(concat(new byte[] {3}, Handshake.createSimplePacket(new Random(7)),
                Handshake.createSimplePacket(new Random(8)))));
        seeds.put("HTTP instead of RTMP", FuzzInput.seed("GET / HTTP/1.1\r\n\r\n".getBytes(
                java.nio.charset.StandardCharsets.US_ASCII)));
        seeds.put("TLS instead of RTMP", FuzzInput.seed(new byte[] {0x16, 3, 1, 0, 5}));
        return seeds;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    @Test
    void corpusHoldsTheVectorTables() {
        SeedCorpus.check(HandshakeFuzzTest.class, "handshake", seeds());
    }
}
