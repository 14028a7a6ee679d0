package dev.rill.codec.rtmp.handshake;

/**
 * Where the digest sits in a complex-handshake C1 or S1. After the 4-byte time and 4-byte version,
 * the 1528 remaining bytes are two 764-byte blocks, a key block and a digest block, in either order.
 * A digest block opens with four offset bytes; the 32-byte digest follows them at
 * (sum of the four bytes) mod 728.
 */
public enum DigestSchema {
    /** Schema 0: time, version, key block, digest block. */
    KEY_THEN_DIGEST(0, 8 + 764),
    /** Schema 1: time, version, digest block, key block (Flash Player, librtmp, ffmpeg). */
    DIGEST_THEN_KEY(1, 8);

    private final int number;
    private final int digestBlockStart;

    DigestSchema(int number, int digestBlockStart) {
        this.number = number;
        this.digestBlockStart = digestBlockStart;
    }

    /** 0 or 1, as SRS and the handshake write-ups number the schemas. */
    public int number() {
        return number;
    }

    /** Offset in the 1536-byte packet of the digest block (its four offset bytes). */
    public int digestBlockStart() {
        return digestBlockStart;
    }
}
