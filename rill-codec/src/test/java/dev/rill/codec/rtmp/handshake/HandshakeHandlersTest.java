package dev.rill.codec.rtmp.handshake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.codec.ErrorCode;
import dev.rill.codec.RillException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.IntPredicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Client and server handlers talking to each other over two EmbeddedChannels, in every fragmentation. */
class HandshakeHandlersTest {
    private static final int PACKET = Handshake.PACKET_SIZE;
    /** Stands for the connect command ffmpeg sends right behind C2. */
    private static final byte[] AFTER_C2 = pattern(300, 0x11);
    /** Stands for a server's first messages sent right behind S2. */
    private static final byte[] AFTER_S2 = pattern(50, 0x77);

    enum Mode {
        SIMPLE(null),
        COMPLEX_SCHEMA_0(DigestSchema.KEY_THEN_DIGEST),
        COMPLEX_SCHEMA_1(DigestSchema.DIGEST_THEN_KEY);

        final DigestSchema schema;

        Mode(DigestSchema schema) {
            this.schema = schema;
        }

        ClientHandshakeHandler client(Random random) {
            return schema == null
                    ? ClientHandshakeHandler.simple(random)
                    : ClientHandshakeHandler.complex(schema, random);
        }

        HandshakeCompleted seenByServer() {
            return schema == null ? new HandshakeCompleted(false, -1, 0)
                    : new HandshakeCompleted(true, schema.number(), Handshake.FLASH_PLAYER_VERSION);
        }

        HandshakeCompleted seenByClient() {
            return schema == null ? new HandshakeCompleted(false, -1, 0)
                    : new HandshakeCompleted(true, schema.number(), Handshake.SERVER_VERSION);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Mode.class)
    void completesWhenEachStreamIsCutAtAnyOnePoint(Mode mode) {
        int longest = 1 + 2 * PACKET + AFTER_C2.length;
        for (int cut = 1; cut < longest; cut++) {
            int at = cut;
            try {
                handshake(mode, offset -> offset == at);
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError("cut at " + at + ": " + e.getMessage(), e);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Mode.class)
    void completesWhenEveryByteArrivesAlone(Mode mode) {
        handshake(mode, offset -> true);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Mode.class)
    void completesWhenEverythingArrivesAtOnce(Mode mode) {
        handshake(mode, offset -> false);
    }

    @Test
    void serverRejectsHttpAtTheFirstByte() {
        EmbeddedChannel server = new EmbeddedChannel(new ServerHandshakeHandler(new Random(1)));

        assertThatThrownBy(() -> server.writeInbound(ascii("G")))
                .isInstanceOfSatisfying(RillException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.HANDSHAKE_INVALID))
                .hasMessage("C0 version byte 0x47 is not 3 (is this HTTP?)");
        server.writeInbound(ascii("ET / HTTP/1.1\r\nHost: example\r\n\r\n"));

        assertThat((Object) server.readOutbound()).isNull();
        assertThat(server.finish()).isFalse();
    }

    @Test
    void serverRejectsWholeHttpRequest() {
        EmbeddedChannel server = new EmbeddedChannel(new ServerHandshakeHandler(new Random(1)));

        assertThatThrownBy(() -> server.writeInbound(ascii("GET / HTTP/1.1\r\nHost: example\r\n\r\n")))
                .isInstanceOfSatisfying(RillException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.HANDSHAKE_INVALID))
                .hasMessageContaining("0x47 is not 3 (is this HTTP?)");
        assertThat(server.finish()).isFalse();
    }

    @Test
    void serverAnswersZeroVersionC1WithEchoingS2() {
        byte[] c1 = Handshake.createSimplePacket(new Random(3));
        Recorder recorder = new Recorder();
        EmbeddedChannel server = new EmbeddedChannel(new ServerHandshakeHandler(new Random(4)), recorder);

        server.writeInbound(Unpooled.wrappedBuffer(new byte[] {3}, c1));
        byte[] reply = drain(server);

        assertThat(reply).hasSize(1 + 2 * PACKET);
        assertThat(reply[0]).isEqualTo((byte) 3);
        assertThat(Arrays.copyOfRange(reply, 1 + PACKET, 1 + 2 * PACKET)).isEqualTo(c1);
        server.writeInbound(Unpooled.wrappedBuffer(new byte[PACKET]));
        assertThat(recorder.events).containsExactly(new HandshakeCompleted(false, -1, 0));
        assertThat(server.finish()).isFalse();
    }

    @Test
    void clientRejectsNonRtmpS0() {
        EmbeddedChannel client = new EmbeddedChannel(ClientHandshakeHandler.complex(DigestSchema.KEY_THEN_DIGEST,
                new Random(1)));
        drain(client);

        assertThatThrownBy(() -> client.writeInbound(ascii("HTTP/1.1 400 Bad Request\r\n")))
                .isInstanceOfSatisfying(RillException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.HANDSHAKE_INVALID))
                .hasMessage("S0 version byte 0x48 is not 3 (is this HTTP?)");
        assertThat(client.finish()).isFalse();
    }

    @Test
    void clientRejectsSignedS1WithWrongDigest() {
        byte[] s1 = Handshake.createS1(new Random(5), DigestSchema.DIGEST_THEN_KEY);
        s1[Handshake.digestPosition(s1, DigestSchema.DIGEST_THEN_KEY) + 31] ^= 0x40;
        EmbeddedChannel client = new EmbeddedChannel(new ClientHandshakeHandler(DigestSchema.DIGEST_THEN_KEY,
                new Random(6)));
        drain(client);

        assertThatThrownBy(() -> client.writeInbound(Unpooled.wrappedBuffer(new byte[] {3}, s1, new byte[PACKET])))
                .isInstanceOfSatisfying(RillException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.HANDSHAKE_INVALID))
                .hasMessageContaining("no valid digest");
        assertThat((Object) client.readOutbound()).isNull();
        assertThat(client.finish()).isFalse();
    }

    @Test
    void complexClientAcceptsSimpleServerAndEchoesS1() {
        byte[] s1 = Handshake.createSimplePacket(new Random(7));
        Recorder recorder = new Recorder();
        EmbeddedChannel client = new EmbeddedChannel(new ClientHandshakeHandler(DigestSchema.DIGEST_THEN_KEY,
                new Random(8)), recorder);
        drain(client);

        client.writeInbound(Unpooled.wrappedBuffer(new byte[] {3}, s1, new byte[PACKET], AFTER_S2));

        assertThat(drain(client)).isEqualTo(s1);
        assertThat(recorder.events).containsExactly(new HandshakeCompleted(false, -1, 0));
        assertThat(recorder.bytes.toByteArray()).isEqualTo(AFTER_S2);
        assertThat(client.finish()).isFalse();
    }

    @Test
    void clientAddedToActiveChannelSendsC0C1() {
        EmbeddedChannel channel = new EmbeddedChannel();
        channel.pipeline().addLast(new ClientHandshakeHandler());

        byte[] c0c1 = drain(channel);

        assertThat(c0c1).hasSize(1 + PACKET);
        assertThat(c0c1[0]).isEqualTo((byte) 3);
        assertThat(Handshake.findClientDigest(Arrays.copyOfRange(c0c1, 1, 1 + PACKET)))
                .contains(DigestSchema.DIGEST_THEN_KEY);
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void serverSurvivesRandomBytesWithOnlyRillExceptions() {
        Random random = new Random(99);
        for (int round = 0; round < 300; round++) {
            byte[] garbage = new byte[1 + 2 * PACKET + random.nextInt(64)];
            random.nextBytes(garbage);
            if (round % 2 == 0) {
                garbage[0] = 3;
            }
            Recorder recorder = new Recorder();
            EmbeddedChannel server = new EmbeddedChannel(new ServerHandshakeHandler(new Random(round)), recorder);
            feedExpectingOnlyRillException(server, garbage, 1 + random.nextInt(garbage.length - 1));
            if (garbage[0] == 3) {
                assertThat(recorder.events).hasSize(1);
                assertThat(drain(server)).hasSize(1 + 2 * PACKET);
            }
            drain(server);
            server.finishAndReleaseAll();
        }
    }

    @Test
    void clientSurvivesRandomBytesWithOnlyRillExceptions() {
        Random random = new Random(98);
        for (int round = 0; round < 300; round++) {
            byte[] garbage = new byte[1 + 2 * PACKET + random.nextInt(64)];
            random.nextBytes(garbage);
            if (round % 2 == 0) {
                garbage[0] = 3;
            }
            EmbeddedChannel client = new EmbeddedChannel(new ClientHandshakeHandler(DigestSchema.KEY_THEN_DIGEST,
                    new Random(round)), new Recorder());
            drain(client);
            feedExpectingOnlyRillException(client, garbage, 1 + random.nextInt(garbage.length - 1));
            drain(client);
            client.finishAndReleaseAll();
        }
    }

    private static void feedExpectingOnlyRillException(EmbeddedChannel channel, byte[] bytes, int cut) {
        for (ByteBuf part : new ByteBuf[] {Unpooled.wrappedBuffer(bytes, 0, cut),
                Unpooled.wrappedBuffer(bytes, cut, bytes.length - cut)}) {
            try {
                channel.writeInbound(part);
            } catch (RillException e) {
                assertThat(e.code()).isEqualTo(ErrorCode.HANDSHAKE_INVALID);
            }
        }
    }

    /**
     * Runs one handshake, cutting each direction's byte stream wherever {@code cutAt} says (offsets
     * counted from the stream's start), and checks what both sides saw.
     */
    private static void handshake(Mode mode, IntPredicate cutAt) {
        Recorder serverSide = new Recorder();
        Recorder clientSide = new Recorder();
        EmbeddedChannel server = new EmbeddedChannel(new ServerHandshakeHandler(new Random(1)), serverSide);
        EmbeddedChannel client = new EmbeddedChannel(mode.client(new Random(2)), clientSide);
        Pipe toServer = new Pipe(() -> !clientSide.events.isEmpty(), AFTER_C2);
        Pipe toClient = new Pipe(() -> true, AFTER_S2);
        boolean moved = true;
        while (moved) {
            moved = toServer.carry(client, server, cutAt);
            moved |= toClient.carry(server, client, cutAt);
        }

        assertThat(serverSide.events).containsExactly(mode.seenByServer());
        assertThat(clientSide.events).containsExactly(mode.seenByClient());
        assertThat(serverSide.bytes.toByteArray()).isEqualTo(AFTER_C2);
        assertThat(clientSide.bytes.toByteArray()).isEqualTo(AFTER_S2);
        assertThat(toClient.writes).as("S0, S1 and S2 go in one write").isEqualTo(1);
        assertThat(server.pipeline().get(ServerHandshakeHandler.class)).isNull();
        assertThat(client.pipeline().get(ClientHandshakeHandler.class)).isNull();
        checkResponses(mode, toServer.sent.toByteArray(), toClient.sent.toByteArray());
        assertThat(server.finish()).isFalse();
        assertThat(client.finish()).isFalse();
    }

    private static void checkResponses(Mode mode, byte[] fromClient, byte[] fromServer) {
        byte[] c1 = Arrays.copyOfRange(fromClient, 1, 1 + PACKET);
        byte[] c2 = Arrays.copyOfRange(fromClient, 1 + PACKET, 1 + 2 * PACKET);
        byte[] s1 = Arrays.copyOfRange(fromServer, 1, 1 + PACKET);
        byte[] s2 = Arrays.copyOfRange(fromServer, 1 + PACKET, 1 + 2 * PACKET);
        assertThat(fromClient[0]).isEqualTo((byte) 3);
        assertThat(fromServer[0]).isEqualTo((byte) 3);
        if (mode.schema == null) {
            assertThat(s2).isEqualTo(c1);
            assertThat(c2).isEqualTo(s1);
        } else {
            assertThat(Handshake.isValidS2(s2, Handshake.digestOf(c1, mode.schema))).isTrue();
            assertThat(Handshake.isValidC2(c2, Handshake.digestOf(s1, mode.schema))).isTrue();
        }
    }

    /** One direction: what one side wrote, plus a trailer once ready, delivered in cut fragments. */
    private static final class Pipe {
        final ByteArrayOutputStream sent = new ByteArrayOutputStream();
        final Supplier<Boolean> trailerReady;
        final byte[] trailer;
        boolean trailerSent;
        int delivered;
        int writes;

        Pipe(Supplier<Boolean> trailerReady, byte[] trailer) {
            this.trailerReady = trailerReady;
            this.trailer = trailer;
        }

        boolean carry(EmbeddedChannel from, EmbeddedChannel to, IntPredicate cutAt) {
            for (ByteBuf buf = from.readOutbound(); buf != null; buf = from.readOutbound()) {
                writes++;
                sent.writeBytes(copyAndRelease(buf));
            }
            if (!trailerSent && sent.size() > 0 && trailerReady.get()) {
                trailerSent = true;
                sent.writeBytes(trailer);
            }
            byte[] all = sent.toByteArray();
            if (delivered == all.length) {
                return false;
            }
            int start = delivered;
            for (int end = delivered + 1; end <= all.length; end++) {
                if (end == all.length || cutAt.test(end)) {
                    to.writeInbound(Unpooled.copiedBuffer(all, start, end - start));
                    start = end;
                }
            }
            delivered = all.length;
            return true;
        }
    }

    /** Stands for the next handler: keeps the events and bytes that reach it. */
    private static final class Recorder extends ChannelInboundHandlerAdapter {
        final List<Object> events = new ArrayList<>();
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            bytes.writeBytes(copyAndRelease((ByteBuf) msg));
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            events.add(evt);
        }
    }

    private static byte[] drain(EmbeddedChannel channel) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (ByteBuf buf = channel.readOutbound(); buf != null; buf = channel.readOutbound()) {
            out.writeBytes(copyAndRelease(buf));
        }
        return out.toByteArray();
    }

    private static byte[] copyAndRelease(ByteBuf buf) {
        try {
            byte[] bytes = new byte[buf.readableBytes()];
            buf.readBytes(bytes);
            return bytes;
        } finally {
            buf.release();
        }
    }

    private static ByteBuf ascii(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.US_ASCII);
    }

    private static byte[] pattern(int length, int seed) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (seed + i);
        }
        return bytes;
    }
}
