package dev.rill.codec.rtmp.handshake;

import dev.rill.codec.ErrorCode;
import dev.rill.codec.RillException;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Optional;
import java.util.random.RandomGenerator;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The RTMP handshake as pure functions on 1536-byte packets (RTMP spec 5.2 for the simple form; the
 * digest form is Adobe's unpublished one, as Flash Player, FMS, librtmp, ffmpeg and SRS implement it).
 *
 * <p>Simple: C1/S1 are time, four zero bytes and random; C2/S2 echo S1/C1.
 *
 * <p>Complex: C1/S1 carry a version and a 32-byte HMAC-SHA256 digest (see {@link DigestSchema}) over
 * the other 1504 bytes, keyed by the text part of the Genuine Flash Player key (C1) or Genuine FMS
 * key (S1). S2 (C2) is 1504 random bytes and a digest over them keyed by
 * HMAC-SHA256(full FMS (FP) key, C1 (S1) digest). The key block holds a random 128-byte area where a
 * Diffie-Hellman public key would sit; only RTMPE uses it, and no client checks it.
 */
public final class Handshake {
    /** Size of C1, S1, C2 and S2. */
    public static final int PACKET_SIZE = 1536;
    /** The only C0/S0 version byte accepted: plain RTMP. */
    public static final int RTMP_VERSION = 3;
    /** Length of an HMAC-SHA256 digest. */
    public static final int DIGEST_LENGTH = 32;
    /** Version bytes a Flash Player C1 carries, 128.0.7.2. */
    public static final long FLASH_PLAYER_VERSION = 0x80000702L;
    /**
     * Version bytes Rill's S1 carries, an FMS-style 4.5.0.1. A major version of 3 or more makes
     * ffmpeg check the S1 and S2 digests, as it does against FMS.
     */
    public static final long SERVER_VERSION = 0x04050001L;

    private static final int DIGEST_OFFSET_MODULUS = 764 - 4 - DIGEST_LENGTH;
    private static final int RESPONSE_DIGEST_POSITION = PACKET_SIZE - DIGEST_LENGTH;

    private static final byte[] KEY_TAIL = {
        (byte) 0xF0, (byte) 0xEE, (byte) 0xC2, (byte) 0x4A, (byte) 0x80, (byte) 0x68, (byte) 0xBE, (byte) 0xE8,
        (byte) 0x2E, (byte) 0x00, (byte) 0xD0, (byte) 0xD1, (byte) 0x02, (byte) 0x9E, (byte) 0x7E, (byte) 0x57,
        (byte) 0x6E, (byte) 0xEC, (byte) 0x5D, (byte) 0x2D, (byte) 0x29, (byte) 0x80, (byte) 0x6F, (byte) 0xAB,
        (byte) 0x93, (byte) 0xB8, (byte) 0xE6, (byte) 0x36, (byte) 0xCF, (byte) 0xEB, (byte) 0x31, (byte) 0xAE,
    };
    private static final String FP_KEY_TEXT = "Genuine Adobe Flash Player 001";
    private static final String FMS_KEY_TEXT = "Genuine Adobe Flash Media Server 001";
    /** 62 bytes; its first 30 (the text) key the C1 digest. */
    private static final byte[] GENUINE_FP_KEY = genuineKey(FP_KEY_TEXT);
    /** 68 bytes; its first 36 (the text) key the S1 digest. */
    private static final byte[] GENUINE_FMS_KEY = genuineKey(FMS_KEY_TEXT);

    /** What a server sends after S0 in answer to a C1, and how the handshake went. */
    public record ServerAnswer(byte[] s1, byte[] s2, HandshakeCompleted completed) {
    }

    /** The C2 a client sends in answer to S1/S2, and how the handshake went. */
    public record ClientAnswer(byte[] c2, HandshakeCompleted completed) {
    }

    private Handshake() {
    }

    /**
     * Answers a C1: complex (same schema, signed S1, S2 keyed by the C1 digest) when C1 carries a
     * version and a valid digest, else simple (S2 echoes C1). Never fails: any C1 gets an answer.
     */
    public static ServerAnswer answerC1(byte[] c1, RandomGenerator random) {
        checkSize("C1", c1);
        long clientVersion = version(c1);
        Optional<DigestSchema> schema = clientVersion == 0 ? Optional.empty() : findClientDigest(c1);
        if (schema.isEmpty()) {
            return new ServerAnswer(createSimplePacket(random), c1.clone(), HandshakeCompleted.simple(clientVersion));
        }
        byte[] s1 = createS1(random, schema.get());
        byte[] s2 = createS2(random, digestOf(c1, schema.get()));
        return new ServerAnswer(s1, s2, HandshakeCompleted.complex(schema.get(), clientVersion));
    }

    /**
     * Answers S1 with C2. A client that sent a simple C1, or a server whose S1 major version byte is 0
     * (a simple server, as librtmp decides), gets an echo of S1. Otherwise S1 must carry a valid
     * digest under either schema and C2 is signed from it.
     *
     * @throws RillException HANDSHAKE_INVALID when S1 announces a version but has no valid digest
     */
    public static ClientAnswer answerS1(byte[] s1, boolean sentComplex, RandomGenerator random) {
        checkSize("S1", s1);
        long serverVersion = version(s1);
        if (!sentComplex || s1[4] == 0) {
            return new ClientAnswer(s1.clone(), HandshakeCompleted.simple(serverVersion));
        }
        DigestSchema schema = findServerDigest(s1).orElseThrow(() -> new RillException(ErrorCode.HANDSHAKE_INVALID,
                "S1 version " + HandshakeCompleted.simple(serverVersion).peerVersionString()
                        + " announces a digest handshake but S1 has no valid digest under schema 0 or 1"));
        byte[] c2 = createC2(random, digestOf(s1, schema));
        return new ClientAnswer(c2, HandshakeCompleted.complex(schema, serverVersion));
    }

    /** A simple C1 or S1: time 0 (the epoch chunk timestamps count from), four zero bytes, random. */
    public static byte[] createSimplePacket(RandomGenerator random) {
        byte[] packet = new byte[PACKET_SIZE];
        random.nextBytes(packet);
        Arrays.fill(packet, 0, 8, (byte) 0);
        return packet;
    }

    /** A complex C1 with the given version, signed with the Genuine FP key's text part. */
    public static byte[] createC1(RandomGenerator random, DigestSchema schema, long version) {
        return createSignedPacket(random, schema, version, GENUINE_FP_KEY, FP_KEY_TEXT.length());
    }

    /** A complex S1 with {@link #SERVER_VERSION}, signed with the Genuine FMS key's text part. */
    public static byte[] createS1(RandomGenerator random, DigestSchema schema) {
        return createSignedPacket(random, schema, SERVER_VERSION, GENUINE_FMS_KEY, FMS_KEY_TEXT.length());
    }

    /** A complex S2: random, then HMAC(HMAC(full FMS key, C1 digest), first 1504 bytes). */
    public static byte[] createS2(RandomGenerator random, byte[] c1Digest) {
        return createResponse(random, c1Digest, GENUINE_FMS_KEY);
    }

    /** A complex C2: random, then HMAC(HMAC(full FP key, S1 digest), first 1504 bytes). */
    public static byte[] createC2(RandomGenerator random, byte[] s1Digest) {
        return createResponse(random, s1Digest, GENUINE_FP_KEY);
    }

    /** Whether S2 ends with the digest a server derives from this C1 digest. */
    public static boolean isValidS2(byte[] s2, byte[] c1Digest) {
        return isValidResponse(s2, c1Digest, GENUINE_FMS_KEY);
    }

    /** Whether C2 ends with the digest a client derives from this S1 digest. */
    public static boolean isValidC2(byte[] c2, byte[] s1Digest) {
        return isValidResponse(c2, s1Digest, GENUINE_FP_KEY);
    }

    /** The schema under which C1 carries a valid Genuine FP digest, trying schema 1 first. */
    public static Optional<DigestSchema> findClientDigest(byte[] c1) {
        return findDigest(c1, GENUINE_FP_KEY, FP_KEY_TEXT.length());
    }

    /** The schema under which S1 carries a valid Genuine FMS digest, trying schema 1 first. */
    public static Optional<DigestSchema> findServerDigest(byte[] s1) {
        return findDigest(s1, GENUINE_FMS_KEY, FMS_KEY_TEXT.length());
    }

    /** Offset of the 32-byte digest in a C1/S1 under this schema. */
    public static int digestPosition(byte[] packet, DigestSchema schema) {
        int block = schema.digestBlockStart();
        int sum = (packet[block] & 0xFF) + (packet[block + 1] & 0xFF) + (packet[block + 2] & 0xFF)
                + (packet[block + 3] & 0xFF);
        return block + 4 + sum % DIGEST_OFFSET_MODULUS;
    }

    /** The 32 digest bytes of a C1/S1 under this schema. */
    public static byte[] digestOf(byte[] packet, DigestSchema schema) {
        int position = digestPosition(packet, schema);
        return Arrays.copyOfRange(packet, position, position + DIGEST_LENGTH);
    }

    /** Bytes 4..7 of a C1/S1, big-endian, unsigned. */
    public static long version(byte[] packet) {
        return (packet[4] & 0xFFL) << 24 | (packet[5] & 0xFFL) << 16 | (packet[6] & 0xFFL) << 8 | packet[7] & 0xFFL;
    }

    /** The failure message for a C0/S0 that is not 3, naming what the byte suggests the peer speaks. */
    public static String badVersionMessage(String packetName, int versionByte) {
        String hint;
        if (versionByte == 6 || versionByte == 8 || versionByte == 9) {
            hint = " (encrypted RTMPE is not supported)";
        } else if (versionByte == 0x16) {
            hint = " (is this TLS?)";
        } else if (versionByte >= 'A' && versionByte <= 'Z') {
            hint = " (is this HTTP?)";
        } else {
            hint = "";
        }
        return String.format("%s version byte 0x%02x is not %d%s", packetName, versionByte, RTMP_VERSION, hint);
    }

    private static Optional<DigestSchema> findDigest(byte[] packet, byte[] key, int keyLength) {
        for (DigestSchema schema : new DigestSchema[] {DigestSchema.DIGEST_THEN_KEY, DigestSchema.KEY_THEN_DIGEST}) {
            int position = digestPosition(packet, schema);
            byte[] expected = hmacExcluding(packet, position, key, keyLength);
            if (MessageDigest.isEqual(expected, Arrays.copyOfRange(packet, position, position + DIGEST_LENGTH))) {
                return Optional.of(schema);
            }
        }
        return Optional.empty();
    }

    private static byte[] createSignedPacket(RandomGenerator random, DigestSchema schema, long version, byte[] key,
            int keyLength) {
        byte[] packet = new byte[PACKET_SIZE];
        random.nextBytes(packet);
        Arrays.fill(packet, 0, 4, (byte) 0);
        packet[4] = (byte) (version >>> 24);
        packet[5] = (byte) (version >>> 16);
        packet[6] = (byte) (version >>> 8);
        packet[7] = (byte) version;
        int position = digestPosition(packet, schema);
        System.arraycopy(hmacExcluding(packet, position, key, keyLength), 0, packet, position, DIGEST_LENGTH);
        return packet;
    }

    private static byte[] createResponse(RandomGenerator random, byte[] peerDigest, byte[] fullKey) {
        byte[] packet = new byte[PACKET_SIZE];
        random.nextBytes(packet);
        System.arraycopy(responseDigest(packet, peerDigest, fullKey), 0, packet, RESPONSE_DIGEST_POSITION,
                DIGEST_LENGTH);
        return packet;
    }

    private static boolean isValidResponse(byte[] packet, byte[] peerDigest, byte[] fullKey) {
        checkSize("C2/S2", packet);
        return MessageDigest.isEqual(responseDigest(packet, peerDigest, fullKey),
                Arrays.copyOfRange(packet, RESPONSE_DIGEST_POSITION, PACKET_SIZE));
    }

    private static byte[] responseDigest(byte[] packet, byte[] peerDigest, byte[] fullKey) {
        byte[] tempKey = hmacSha256(fullKey, fullKey.length).doFinal(peerDigest);
        Mac mac = hmacSha256(tempKey, tempKey.length);
        mac.update(packet, 0, RESPONSE_DIGEST_POSITION);
        return mac.doFinal();
    }

    /** HMAC over the packet without the 32 digest bytes at position. */
    private static byte[] hmacExcluding(byte[] packet, int position, byte[] key, int keyLength) {
        int after = position + DIGEST_LENGTH;
        Mac mac = hmacSha256(key, keyLength);
        mac.update(packet, 0, position);
        mac.update(packet, after, PACKET_SIZE - after);
        return mac.doFinal();
    }

    private static Mac hmacSha256(byte[] key, int keyLength) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, 0, keyLength, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required of every Java platform", e);
        }
    }

    private static void checkSize(String name, byte[] packet) {
        if (packet.length != PACKET_SIZE) {
            throw new IllegalArgumentException(name + " must be " + PACKET_SIZE + " bytes, not " + packet.length);
        }
    }

    private static byte[] genuineKey(String text) {
        byte[] textBytes = text.getBytes(StandardCharsets.US_ASCII);
        byte[] key = Arrays.copyOf(textBytes, textBytes.length + KEY_TAIL.length);
        System.arraycopy(KEY_TAIL, 0, key, textBytes.length, KEY_TAIL.length);
        return key;
    }
}
