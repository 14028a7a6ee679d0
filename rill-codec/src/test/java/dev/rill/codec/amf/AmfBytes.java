package dev.rill.codec.amf;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.function.BiFunction;

/** Hex vectors and buffer plumbing for the AMF tests; every buffer is released here. */
final class AmfBytes {
    private AmfBytes() {
    }

    /** Bytes from hex with optional spaces: "00 3F F0". */
    static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", ""));
    }

    static String hex(byte[] bytes) {
        return HexFormat.ofDelimiter(" ").withUpperCase().formatHex(bytes);
    }

    static byte[] concat(byte[]... parts) {
        ByteBuf buf = Unpooled.wrappedBuffer(parts);
        try {
            return ByteBufUtil.getBytes(buf);
        } finally {
            buf.release();
        }
    }

    static byte[] writeAmf0(Object value) {
        ByteBuf out = Unpooled.buffer();
        try {
            Amf0.write(out, value);
            return ByteBufUtil.getBytes(out);
        } finally {
            out.release();
        }
    }

    /** Reads one AMF0 value that must use every byte. */
    static Object readAmf0(byte[] bytes, AmfLimits limits) {
        return readWhole(bytes, limits, Amf0::read);
    }

    static Object readAmf0(byte[] bytes) {
        return readAmf0(bytes, AmfLimits.DEFAULT);
    }

    /** Reads one AMF3 value that must use every byte. */
    static Object readAmf3(byte[] bytes, AmfLimits limits) {
        return readWhole(bytes, limits, Amf3::read);
    }

    static Object readAmf3(byte[] bytes) {
        return readAmf3(bytes, AmfLimits.DEFAULT);
    }

    /** Reads from the first {@code length} bytes; for prefixes, which must fail. */
    static Object readPrefix(byte[] bytes, int length, BiFunction<ByteBuf, AmfLimits, Object> reader) {
        ByteBuf in = Unpooled.wrappedBuffer(Arrays.copyOf(bytes, length));
        try {
            return reader.apply(in, AmfLimits.DEFAULT);
        } finally {
            in.release();
        }
    }

    private static Object readWhole(byte[] bytes, AmfLimits limits, BiFunction<ByteBuf, AmfLimits, Object> reader) {
        ByteBuf in = Unpooled.wrappedBuffer(bytes);
        try {
            Object value = reader.apply(in, limits);
            assertThat(in.readableBytes()).as("bytes left unread").isZero();
            return value;
        } finally {
            in.release();
        }
    }
}
