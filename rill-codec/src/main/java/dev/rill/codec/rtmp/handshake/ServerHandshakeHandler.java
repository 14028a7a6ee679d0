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
 * Server side of the RTMP handshake: reads C0 and C1, answers S0, S1 and S2 in one write (complex
 * when C1 is signed, simple otherwise, see {@link Handshake#answerC1}), then reads C2 without
 * checking it, as SRS and nginx-rtmp do (ffmpeg publishing echoes S1 instead of signing).
 *
 * <p>When C2 is in, it fires {@link HandshakeCompleted} and removes itself; bytes that came after C2
 * (ffmpeg sends C2 and connect together) go on to the next handler. The only limits are the fixed
 * packet sizes; waiting too long for the client is left to a timeout outside this handler.
 *
 * @throws RillException HANDSHAKE_INVALID (from decode) when C0 is not 3; later bytes are dropped
 */
public final class ServerHandshakeHandler extends ByteToMessageDecoder {
    private enum State { READ_C0_C1, READ_C2, FAILED }

    private final RandomGenerator random;
    private State state = State.READ_C0_C1;
    private HandshakeCompleted completed;
    private long bytesConsumed;

    public ServerHandshakeHandler() {
        this(new SecureRandom());
    }

    /** @param random source of the random S1/S2 bytes (fixed in tests) */
    public ServerHandshakeHandler(RandomGenerator random) {
        this.random = random;
    }

    /**
     * The client's bytes this handler has taken: C0, C1 and C2 once complete, or everything up to
     * a failure (bytes after C2 go on to the next handler and are not counted here).
     */
    public long bytesConsumed() {
        return bytesConsumed;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (state == State.READ_C0_C1) {
            readC0C1(ctx, in);
        }
        if (state == State.READ_C2 && in.readableBytes() >= Handshake.PACKET_SIZE) {
            in.skipBytes(Handshake.PACKET_SIZE);
            bytesConsumed += Handshake.PACKET_SIZE;
            ctx.fireUserEventTriggered(completed);
            ctx.pipeline().remove(this);
        }
        if (state == State.FAILED) {
            bytesConsumed += in.readableBytes();
            in.skipBytes(in.readableBytes());
        }
    }

    private void readC0C1(ChannelHandlerContext ctx, ByteBuf in) {
        if (!in.isReadable()) {
            return;
        }
        int version = in.getUnsignedByte(in.readerIndex());
        if (version != Handshake.RTMP_VERSION) {
            state = State.FAILED;
            bytesConsumed += in.readableBytes();
            in.skipBytes(in.readableBytes());
            throw new RillException(ErrorCode.HANDSHAKE_INVALID, Handshake.badVersionMessage("C0", version));
        }
        if (in.readableBytes() < 1 + Handshake.PACKET_SIZE) {
            return;
        }
        in.skipBytes(1);
        bytesConsumed += 1 + Handshake.PACKET_SIZE;
        byte[] c1 = new byte[Handshake.PACKET_SIZE];
        in.readBytes(c1);
        Handshake.ServerAnswer answer = Handshake.answerC1(c1, random);
        ByteBuf s0s1s2 = ctx.alloc().buffer(1 + 2 * Handshake.PACKET_SIZE);
        s0s1s2.writeByte(Handshake.RTMP_VERSION).writeBytes(answer.s1()).writeBytes(answer.s2());
        ctx.writeAndFlush(s0s1s2);
        completed = answer.completed();
        state = State.READ_C2;
    }
}
