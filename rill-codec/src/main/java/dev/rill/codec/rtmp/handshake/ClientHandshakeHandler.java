package dev.rill.codec.rtmp.handshake;

import dev.rill.codec.ErrorCode;
import dev.rill.codec.RillException;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

import java.security.SecureRandom;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Client side of the RTMP handshake: sends C0 and C1 once the channel is active (complex with a
 * Flash Player version and a digest by default, or simple), reads S0, S1 and S2, answers C2 (see
 * {@link Handshake#answerS1}), fires {@link HandshakeCompleted} and removes itself; bytes the server
 * sent after S2 go on to the next handler. S2 is not checked: it proves only that the server saw C1.
 *
 * @throws RillException HANDSHAKE_INVALID (from decode) when S0 is not 3 or a signed S1's digest is
 *                       wrong; later bytes are dropped
 */
public final class ClientHandshakeHandler extends ByteToMessageDecoder {
    private enum State { READ_S0_S1_S2, FAILED }

    /** S0, S1 and S2. */
    private static final int SERVER_REPLY_SIZE = 1 + 2 * Handshake.PACKET_SIZE;

    private final DigestSchema schema;
    private final RandomGenerator random;
    private State state = State.READ_S0_S1_S2;
    private boolean c0c1Sent;

    /** Complex handshake, schema 1, like Flash Player and ffmpeg. */
    public ClientHandshakeHandler() {
        this(DigestSchema.DIGEST_THEN_KEY, new SecureRandom());
    }

    /**
     * @param schema where C1 puts its digest, or null for the simple handshake
     * @param random source of the random C1/C2 bytes (fixed in tests)
     */
    public ClientHandshakeHandler(DigestSchema schema, RandomGenerator random) {
        this.schema = schema;
        this.random = random;
    }

    /** Simple handshake: C1 is unsigned and C2 echoes S1. */
    public static ClientHandshakeHandler simple(RandomGenerator random) {
        return new ClientHandshakeHandler(null, random);
    }

    /** Complex handshake with C1's digest placed by this schema. */
    public static ClientHandshakeHandler complex(DigestSchema schema, RandomGenerator random) {
        if (schema == null) {
            throw new IllegalArgumentException("a complex handshake needs a digest schema");
        }
        return new ClientHandshakeHandler(schema, random);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) throws Exception {
        super.handlerAdded(ctx);
        if (ctx.channel().isActive()) {
            sendC0C1(ctx);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        sendC0C1(ctx);
        super.channelActive(ctx);
    }

    private void sendC0C1(ChannelHandlerContext ctx) {
        if (c0c1Sent) {
            return;
        }
        c0c1Sent = true;
        byte[] c1 = schema == null
                ? Handshake.createSimplePacket(random)
                : Handshake.createC1(random, schema, Handshake.FLASH_PLAYER_VERSION);
        ByteBuf c0c1 = ctx.alloc().buffer(1 + Handshake.PACKET_SIZE);
        c0c1.writeByte(Handshake.RTMP_VERSION).writeBytes(c1);
        ctx.writeAndFlush(c0c1);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (state == State.FAILED) {
            in.skipBytes(in.readableBytes());
            return;
        }
        if (!in.isReadable()) {
            return;
        }
        int version = in.getUnsignedByte(in.readerIndex());
        if (version != Handshake.RTMP_VERSION) {
            throw fail(in,
                    new RillException(ErrorCode.HANDSHAKE_INVALID, Handshake.badVersionMessage("S0", version)));
        }
        if (in.readableBytes() < SERVER_REPLY_SIZE) {
            return;
        }
        in.skipBytes(1);
        byte[] s1 = new byte[Handshake.PACKET_SIZE];
        in.readBytes(s1);
        in.skipBytes(Handshake.PACKET_SIZE);
        Handshake.ClientAnswer answer;
        try {
            answer = Handshake.answerS1(s1, schema != null, random);
        } catch (RillException e) {
            throw fail(in, e);
        }
        ctx.writeAndFlush(ctx.alloc().buffer(Handshake.PACKET_SIZE).writeBytes(answer.c2()));
        ctx.fireUserEventTriggered(answer.completed());
        ctx.pipeline().remove(this);
    }

    /** Drops what is buffered, and all later bytes, before the caller throws. */
    private RillException fail(ByteBuf in, RillException cause) {
        state = State.FAILED;
        in.skipBytes(in.readableBytes());
        return cause;
    }
}
