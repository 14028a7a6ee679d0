package dev.rill.codec.flv;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.HexFormat;

/** Hex helpers for byte-exact FLV vectors. */
final class FlvTestBytes {
    private FlvTestBytes() {
    }

    static byte[] hex(String text) {
        return HexFormat.of().parseHex(text.replace(" ", ""));
    }

    static ByteBuf buf(String text) {
        return Unpooled.wrappedBuffer(hex(text));
    }

    static String hexOf(ByteBuf buf) {
        byte[] bytes = new byte[buf.readableBytes()];
        buf.getBytes(buf.readerIndex(), bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
