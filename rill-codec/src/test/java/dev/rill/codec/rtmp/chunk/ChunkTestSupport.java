package dev.rill.codec.rtmp.chunk;

import dev.rill.codec.rtmp.RtmpMessage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/** Builds chunk vectors and runs bytes through decoders and encoders, releasing every buffer. */
final class ChunkTestSupport {
    private ChunkTestSupport() {
    }

    /** A decoded message reduced to plain values, so results compare with equals. */
    record Decoded(int csid, int typeId, long timestamp, int streamId, String payloadHex) {
        static Decoded of(int csid, int typeId, long timestamp, int streamId, byte[] payload) {
            return new Decoded(csid, typeId, timestamp, streamId, HexFormat.of().formatHex(payload));
        }
    }

    static byte[] hex(String text) {
        return HexFormat.of().parseHex(text.replace(" ", ""));
    }

    /** Deterministic payload bytes: a message's content does not matter, only that it survives. */
    static byte[] payload(int length, int seed) {
        byte[] b = new byte[length];
        new Random(seed).nextBytes(b);
        return b;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    static byte[] slice(byte[] b, int from, int to) {
        return java.util.Arrays.copyOfRange(b, from, to);
    }

    /** Feeds each part as one read and returns every message the decoder produced. */
    static List<Decoded> decode(ChunkLimits limits, byte[]... parts) {
        EmbeddedChannel ch = new EmbeddedChannel(new ChunkDecoder(limits));
        try {
            for (byte[] part : parts) {
                ch.writeInbound(Unpooled.wrappedBuffer(part));
            }
            return drain(ch);
        } finally {
            ch.finishAndReleaseAll();
        }
    }

    static List<Decoded> drain(EmbeddedChannel ch) {
        List<Decoded> result = new ArrayList<>();
        for (Object o; (o = ch.readInbound()) != null; ) {
            RtmpMessage m = (RtmpMessage) o;
            try {
                result.add(Decoded.of(m.chunkStreamId(), m.typeId(), m.timestamp(), m.streamId(),
                        ByteBufUtil.getBytes(m.payload())));
            } finally {
                m.release();
            }
        }
        return result;
    }

    /** Everything the channel wrote, as one array. */
    static byte[] outbound(EmbeddedChannel ch) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object o; (o = ch.readOutbound()) != null; ) {
            try {
                out.writeBytes(ByteBufUtil.getBytes((ByteBuf) o));
            } finally {
                ReferenceCountUtil.release(o);
            }
        }
        return out.toByteArray();
    }

    /** Writes the messages through a fresh ChunkEncoder and returns the bytes. */
    static byte[] encode(RtmpMessage... messages) {
        EmbeddedChannel ch = new EmbeddedChannel(new ChunkEncoder());
        try {
            for (RtmpMessage m : messages) {
                ch.writeOutbound(m);
            }
            return outbound(ch);
        } finally {
            ch.finishAndReleaseAll();
        }
    }
}
