package dev.rill.codec.ts;

import io.netty.buffer.ByteBuf;

/**
 * Splits a PES packet or a PSI section into 188-byte transport packets (ISO 13818-1 2.4.3.2):
 * sync byte, payload_unit_start_indicator on the first packet, a 4-bit continuity counter per PID,
 * and an adaptation field (2.4.3.4) carrying the PCR and random_access_indicator on the first
 * packet and stuffing on the last, so every packet is exactly 188 bytes.
 */
final class TsPackets {
    static final int PACKET_SIZE = 188;
    static final int SYNC_BYTE = 0x47;
    private static final int HEADER_SIZE = 4;
    private static final int PAYLOAD_SIZE = PACKET_SIZE - HEADER_SIZE;
    private static final int PCR_SIZE = 6;

    private final int[] continuity = new int[0x2000];

    /**
     * Writes {@code payload} (all its readable bytes, consumed) on {@code pid}. {@code pcr90k} is
     * written in the first packet's adaptation field when not negative; {@code randomAccess} sets
     * the random_access_indicator there.
     */
    void write(ByteBuf out, int pid, ByteBuf payload, long pcr90k, boolean randomAccess) {
        boolean first = true;
        while (payload.isReadable()) {
            boolean pcr = first && pcr90k >= 0;
            boolean flags = first && (pcr || randomAccess);
            int afBody = flags ? 1 + (pcr ? PCR_SIZE : 0) : 0;
            int space = PAYLOAD_SIZE - (flags ? 1 + afBody : 0);
            int chunk = Math.min(space, payload.readableBytes());
            int stuffing = space - chunk;
            boolean af = flags || stuffing > 0;
            int cc = continuity[pid];
            continuity[pid] = (cc + 1) & 0x0F;
            out.writeByte(SYNC_BYTE);
            out.writeShort((first ? 0x4000 : 0) | pid);
            out.writeByte((af ? 0x30 : 0x10) | cc);
            if (af) {
                writeAdaptationField(out, flags, pcr ? pcr90k : -1, randomAccess && first, stuffing);
            }
            out.writeBytes(payload, chunk);
            first = false;
        }
    }

    /** A PSI section in one packet after a zero pointer_field, the rest filled with 0xFF (2.4.4). */
    void writeSection(ByteBuf out, int pid, ByteBuf section) {
        int cc = continuity[pid];
        continuity[pid] = (cc + 1) & 0x0F;
        out.writeByte(SYNC_BYTE);
        out.writeShort(0x4000 | pid);
        out.writeByte(0x10 | cc);
        out.writeByte(0);
        int n = section.readableBytes();
        out.writeBytes(section);
        out.writeBytes(FILL, 0, PAYLOAD_SIZE - 1 - n);
    }

    /**
     * adaptation_field_length then, unless a single stuffing byte is all that is needed, the flags
     * byte, the PCR (33-bit base, 6 reserved bits, 9-bit extension 0) and 0xFF stuffing.
     * {@code stuffing} counts the bytes the field must grow by beyond its flags and PCR.
     */
    private static void writeAdaptationField(ByteBuf out, boolean flags, long pcr, boolean randomAccess, int stuffing) {
        if (!flags && stuffing == 1) {
            out.writeByte(0);
            return;
        }
        int fill = flags ? stuffing : stuffing - 2;
        int length = 1 + (pcr >= 0 ? PCR_SIZE : 0) + fill;
        out.writeByte(length);
        out.writeByte((randomAccess ? 0x40 : 0) | (pcr >= 0 ? 0x10 : 0));
        if (pcr >= 0) {
            long base = pcr & 0x1FFFFFFFFL;
            out.writeInt((int) (base >>> 1));
            out.writeByte((int) ((base & 1) << 7) | 0x7E);
            out.writeByte(0);
        }
        out.writeBytes(FILL, 0, fill);
    }

    private static final byte[] FILL = filled();

    private static byte[] filled() {
        byte[] b = new byte[PACKET_SIZE];
        java.util.Arrays.fill(b, (byte) 0xFF);
        return b;
    }
}
