package dev.rill.codec.media;

import dev.rill.codec.ErrorCode;
import dev.rill.codec.RillException;

/**
 * Reads bits and Exp-Golomb codes (ISO/IEC 14496-10 section 9.1) from a NAL unit's payload,
 * skipping emulation prevention bytes (the 0x03 of 0x000003, section 7.4.1) as it goes. Reading
 * past the end fails with a RillException naming what was being read.
 */
final class RbspReader {
    /** ue(v) with more than this many leading zero bits cannot fit in 32 bits. */
    static final int MAX_EXP_GOLOMB_ZEROS = 31;

    private final byte[] data;
    private final int end;
    private int bytePos;
    private int bitPos;
    private int zerosBefore;

    RbspReader(byte[] data, int offset, int length) {
        this.data = data;
        this.bytePos = offset;
        this.end = offset + length;
    }

    int bit(String what) {
        if (bitPos == 0) {
            skipEmulationPrevention();
        }
        if (bytePos >= end) {
            throw new RillException(ErrorCode.MEDIA_INVALID, "parameter set ends before " + what);
        }
        int b = (data[bytePos] >> (7 - bitPos)) & 1;
        if (++bitPos == 8) {
            zerosBefore = data[bytePos] == 0 ? zerosBefore + 1 : 0;
            bitPos = 0;
            bytePos++;
        }
        return b;
    }

    int bits(int n, String what) {
        int v = 0;
        for (int i = 0; i < n; i++) {
            v = (v << 1) | bit(what);
        }
        return v;
    }

    boolean flag(String what) {
        return bit(what) == 1;
    }

    void skip(int n, String what) {
        for (int i = 0; i < n; i++) {
            bit(what);
        }
    }

    /** ue(v), section 9.1. */
    int ue(String what) {
        int zeros = 0;
        while (bit(what) == 0) {
            if (++zeros > MAX_EXP_GOLOMB_ZEROS) {
                throw new RillException(ErrorCode.MEDIA_INVALID,
                        "Exp-Golomb code for " + what + " has over " + MAX_EXP_GOLOMB_ZEROS + " leading zeros");
            }
        }
        long value = (1L << zeros) - 1 + (zeros == 0 ? 0 : Integer.toUnsignedLong(bits(zeros, what)));
        if (value > Integer.MAX_VALUE) {
            throw new RillException(ErrorCode.MEDIA_INVALID, what + " " + value + " does not fit in 31 bits");
        }
        return (int) value;
    }

    /** se(v), section 9.1.1. */
    int se(String what) {
        int k = ue(what);
        return (k & 1) == 1 ? (k + 1) / 2 : -(k / 2);
    }

    private void skipEmulationPrevention() {
        if (zerosBefore >= 2 && bytePos < end && data[bytePos] == 3) {
            bytePos++;
            zerosBefore = 0;
        }
    }
}
