package dev.rill.codec.rtmp.handshake;

/**
 * User event fired by the handshake handlers once the handshake is over, just before the bytes that
 * followed it are passed on.
 *
 * @param complex     whether the digest handshake was used
 * @param schema      the digest schema (0 or 1), or -1 for the simple handshake
 * @param peerVersion the four version bytes of the peer's C1 (server side) or S1 (client side),
 *                    big-endian, unsigned; 0 when the peer sent none
 */
public record HandshakeCompleted(boolean complex, int schema, long peerVersion) {

    static HandshakeCompleted simple(long peerVersion) {
        return new HandshakeCompleted(false, -1, peerVersion);
    }

    static HandshakeCompleted complex(DigestSchema schema, long peerVersion) {
        return new HandshakeCompleted(true, schema.number(), peerVersion);
    }

    /** The peer version as dotted bytes, e.g. "128.0.7.2" for Flash Player's 0x80000702. */
    public String peerVersionString() {
        return (peerVersion >>> 24 & 0xFF) + "." + (peerVersion >>> 16 & 0xFF) + "."
                + (peerVersion >>> 8 & 0xFF) + "." + (peerVersion & 0xFF);
    }
}
