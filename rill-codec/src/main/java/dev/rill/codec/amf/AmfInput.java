package dev.rill.codec.amf;

import dev.rill.codec.ErrorCode;
import dev.rill.codec.RillException;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * Bounded reads for the AMF readers: every read checks the bytes readable first, every length or
 * count is checked against the {@link AmfLimits} and the bytes left before anything is allocated, and
 * container nesting is counted. All failures are {@link RillException}s whose message starts with the
 * format name.
 */
final class AmfInput {
    private final ByteBuf in;
    private final AmfLimits limits;
    private final String format;
    private int depth;

    AmfInput(ByteBuf in, AmfLimits limits, String format, int depth) {
        this.in = in;
        this.limits = limits;
        this.format = format;
        this.depth = depth;
    }

    ByteBuf buf() {
        return in;
    }

    AmfLimits limits() {
        return limits;
    }

    int depth() {
        return depth;
    }

    int readU8(String what) {
        need(1, what);
        return in.readUnsignedByte();
    }

    int peekU8() {
        return in.isReadable() ? in.getUnsignedByte(in.readerIndex()) : -1;
    }

    int readU16(String what) {
        need(2, what);
        return in.readUnsignedShort();
    }

    short readS16(String what) {
        need(2, what);
        return in.readShort();
    }

    int readS32(String what) {
        need(4, what);
        return in.readInt();
    }

    long readU32(String what) {
        need(4, what);
        return in.readUnsignedInt();
    }

    double readDouble(String what) {
        need(8, what);
        return in.readDouble();
    }

    /** Reads {@code length} bytes of UTF-8 (malformed sequences become U+FFFD). */
    String readUtf8(long length, String what) {
        checkLength(length, what);
        String s = in.toString(in.readerIndex(), (int) length, StandardCharsets.UTF_8);
        in.skipBytes((int) length);
        return s;
    }

    byte[] readBytes(long length, String what) {
        checkLength(length, what);
        byte[] bytes = new byte[(int) length];
        in.readBytes(bytes);
        return bytes;
    }

    /**
     * Checks a declared element count before the elements are read: against the element limit, and
     * against the bytes left, given that each element takes at least {@code minBytesEach}.
     */
    int checkCount(long count, int minBytesEach, String what) {
        checkElements(count, what);
        if (count * minBytesEach > in.readableBytes()) {
            throw invalid(what + " truncated: " + count + " elements need at least "
                    + count * minBytesEach + " bytes, " + in.readableBytes() + " readable");
        }
        return (int) count;
    }

    /** Checks a running element count while a container without a declared count is read. */
    void checkElements(long count, String what) {
        if (count > limits.maxElements()) {
            throw new RillException(ErrorCode.AMF_TOO_LARGE, format + " " + what + " has " + count
                    + " elements, exceeds limit " + limits.maxElements());
        }
    }

    /** Counts one more level of nesting; call before reading a container's contents. */
    void enter() {
        if (depth + 1 > limits.maxDepth()) {
            throw new RillException(ErrorCode.AMF_TOO_DEEP, format + " nesting depth " + (depth + 1)
                    + " exceeds limit " + limits.maxDepth());
        }
        depth++;
    }

    void leave() {
        depth--;
    }

    RillException invalid(String message) {
        return new RillException(ErrorCode.AMF_INVALID, format + " " + message);
    }

    private void checkLength(long length, String what) {
        if (length > limits.maxStringLength()) {
            throw new RillException(ErrorCode.AMF_TOO_LARGE, format + " " + what + " of " + length
                    + " bytes exceeds limit " + limits.maxStringLength());
        }
        if (length > in.readableBytes()) {
            throw invalid(what + " truncated: length " + length + ", " + in.readableBytes()
                    + " bytes readable");
        }
    }

    private void need(int n, String what) {
        if (in.readableBytes() < n) {
            throw invalid(what + " truncated: needs " + n + " bytes, " + in.readableBytes()
                    + " readable");
        }
    }
}
