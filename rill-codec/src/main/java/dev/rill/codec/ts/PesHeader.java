package dev.rill.codec.ts;

import io.netty.buffer.ByteBuf;

/**
 * The PES packet header (ISO 13818-1 2.4.3.6/2.4.3.7): start code prefix, stream_id,
 * PES_packet_length, the '10' flags byte, PTS_DTS_flags, and the 33-bit PTS (and DTS when it
 * differs) in 90 kHz units with their marker bits.
 */
final class PesHeader {
    static final int STREAM_ID_VIDEO = 0xE0;
    static final int STREAM_ID_AUDIO = 0xC0;
    /** PES_packet_length counts at most this many bytes; larger video packets use 0 (unbounded). */
    static final int MAX_PACKET_LENGTH = 0xFFFF;

    private PesHeader() {
    }

    /** The header size for a packet with or without a separate DTS. */
    static int size(boolean withDts) {
        return 9 + (withDts ? 10 : 5);
    }

    /**
     * Writes the header for {@code payloadLength} bytes of elementary stream. {@code dts} is
     * written only when it differs from {@code pts}. PES_packet_length is 0 when the packet is too
     * long for 16 bits, which ISO 13818-1 allows for video only.
     */
    static void write(ByteBuf out, int streamId, int payloadLength, long pts, long dts) {
        boolean withDts = dts != pts;
        int headerData = withDts ? 10 : 5;
        int packetLength = 3 + headerData + payloadLength;
        out.writeInt(0x000001_00 | streamId);
        out.writeShort(packetLength > MAX_PACKET_LENGTH ? 0 : packetLength);
        out.writeByte(0x80);
        out.writeByte(withDts ? 0xC0 : 0x80);
        out.writeByte(headerData);
        writeTimestamp(out, withDts ? 0x3 : 0x2, pts);
        if (withDts) {
            writeTimestamp(out, 0x1, dts);
        }
    }

    /** '4-bit prefix', TS[32..30], marker, TS[29..15], marker, TS[14..0], marker. */
    static void writeTimestamp(ByteBuf out, int prefix, long ts) {
        long t = ts & 0x1FFFFFFFFL;
        out.writeByte((prefix << 4) | (int) (((t >>> 30) & 0x07) << 1) | 1);
        out.writeShort((int) (((t >>> 15) & 0x7FFF) << 1) | 1);
        out.writeShort((int) ((t & 0x7FFF) << 1) | 1);
    }
}
