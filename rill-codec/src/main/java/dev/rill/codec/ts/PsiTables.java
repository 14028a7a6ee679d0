package dev.rill.codec.ts;

import io.netty.buffer.ByteBuf;

/**
 * The program association and program map sections of a single-program stream (ISO 13818-1
 * 2.4.4.3 and 2.4.4.8), each ending with its CRC-32/MPEG-2.
 */
final class PsiTables {
    static final int PAT_PID = 0x0000;
    static final int PMT_PID = 0x1001;
    static final int PROGRAM_NUMBER = 1;
    static final int TRANSPORT_STREAM_ID = 1;
    private static final int TABLE_PAT = 0x00;
    private static final int TABLE_PMT = 0x02;

    private PsiTables() {
    }

    /** program_association_section with one program pointing at {@link #PMT_PID}. */
    static void writePat(ByteBuf out, int version) {
        int start = out.writerIndex();
        sectionHeader(out, TABLE_PAT, 5 + 4 + 4, TRANSPORT_STREAM_ID, version);
        out.writeShort(PROGRAM_NUMBER);
        out.writeShort(0xE000 | PMT_PID);
        out.writeInt(Crc32Mpeg2.compute(out, start, out.writerIndex() - start));
    }

    /**
     * TS_program_map_section for {@code streams} (pairs of stream_type and elementary PID, no
     * descriptors) with PCR on {@code pcrPid}.
     */
    static void writePmt(ByteBuf out, int version, int pcrPid, int[][] streams) {
        int start = out.writerIndex();
        sectionHeader(out, TABLE_PMT, 5 + 4 + 5 * streams.length + 4, PROGRAM_NUMBER, version);
        out.writeShort(0xE000 | pcrPid);
        out.writeShort(0xF000);
        for (int[] s : streams) {
            out.writeByte(s[0]);
            out.writeShort(0xE000 | s[1]);
            out.writeShort(0xF000);
        }
        out.writeInt(Crc32Mpeg2.compute(out, start, out.writerIndex() - start));
    }

    /**
     * table_id, section_syntax_indicator 1, '0', reserved, section_length (bytes after it, CRC
     * included), the 16-bit id, reserved, version_number, current_next_indicator 1, section
     * numbers 0/0.
     */
    private static void sectionHeader(ByteBuf out, int tableId, int sectionLength, int id, int version) {
        out.writeByte(tableId);
        out.writeShort(0xB000 | sectionLength);
        out.writeShort(id);
        out.writeByte(0xC1 | ((version & 0x1F) << 1));
        out.writeByte(0);
        out.writeByte(0);
    }
}
