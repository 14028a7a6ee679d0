package dev.rill.codec.ts;

import io.netty.buffer.ByteBuf;

/**
 * CRC-32/MPEG-2, the checksum that ends every PSI section (ISO 13818-1 annex A): polynomial
 * 0x04C11DB7, initial value 0xFFFFFFFF, no reflection, no final xor.
 */
public final class Crc32Mpeg2 {
    private static final int[] TABLE = new int[256];

    static {
        for (int i = 0; i < 256; i++) {
            int crc = i << 24;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 0x80000000) != 0 ? (crc << 1) ^ 0x04C11DB7 : crc << 1;
            }
            TABLE[i] = crc;
        }
    }

    private Crc32Mpeg2() {
    }

    /** The CRC of {@code length} bytes of {@code buf} from {@code index}, without moving indexes. */
    public static int compute(ByteBuf buf, int index, int length) {
        int crc = 0xFFFFFFFF;
        for (int i = index, end = index + length; i < end; i++) {
            crc = (crc << 8) ^ TABLE[((crc >>> 24) ^ buf.getUnsignedByte(i)) & 0xFF];
        }
        return crc;
    }
}
