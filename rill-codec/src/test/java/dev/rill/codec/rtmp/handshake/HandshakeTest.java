package dev.rill.codec.rtmp.handshake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.codec.ErrorCode;
import dev.rill.codec.RillException;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The handshake's pure functions, checked against digests computed here from the published layout
 * (keys, offsets, HMAC chain) rather than through {@link Handshake}'s own helpers.
 */
class HandshakeTest {
    private static final byte[] KEY_TAIL =
            HexFormat.of().parseHex("f0eec24a8068bee82e00d0d1029e7e576eec5d2d29806fab93b8e636cfeb31ae");
    private static final byte[] FP_TEXT = "Genuine Adobe Flash Player 001".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FMS_TEXT =
            "Genuine Adobe Flash Media Server 001".getBytes(StandardCharsets.US_ASCII);
    private static final long FMLE_VERSION = 0x09007c02L;

    static Stream<Arguments> pinnedC1Vectors() {
        // Digest position and value computed outside Java (Python hmac, java.util.Random replayed).
        return Stream.of(
                Arguments.of("seed 42, schema 1, Flash 128.0.7.2", 42L, DigestSchema.DIGEST_THEN_KEY,
                        Handshake.FLASH_PLAYER_VERSION, 101,
                        "54809f0b207b787e919b6abbca645632fc6daa562349404cf6d56782e1eddfa5"),
                Arguments.of("seed 7, schema 0, FMLE-style 9.0.124.2", 7L, DigestSchema.KEY_THEN_DIGEST,
                        FMLE_VERSION, 1095, "59beb10e20034a9112c451f187613e1c93cd7d4e75a2c8d331c9f75abfc42404"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pinnedC1Vectors")
    void c1MatchesPinnedVector(String name, long seed, DigestSchema schema, long version, int position,
            String digestHex) {
        byte[] c1 = Handshake.createC1(new Random(seed), schema, version);

        assertThat(Arrays.copyOfRange(c1, 0, 4)).containsOnly(0);
        assertThat(Handshake.version(c1)).isEqualTo(version);
        assertThat(Handshake.digestPosition(c1, schema)).isEqualTo(position);
        assertThat(HexFormat.of().formatHex(c1, position, position + 32)).isEqualTo(digestHex);
        assertThat(Handshake.findClientDigest(c1)).contains(schema);
    }

    static Stream<Arguments> realWorldC1s() {
        return Stream.of(
                Arguments.of("Flash 0x80000702, schema 0", Handshake.FLASH_PLAYER_VERSION,
                        DigestSchema.KEY_THEN_DIGEST),
                Arguments.of("Flash 0x80000702, schema 1", Handshake.FLASH_PLAYER_VERSION,
                        DigestSchema.DIGEST_THEN_KEY),
                Arguments.of("FMLE 0x09007c02, schema 0", FMLE_VERSION, DigestSchema.KEY_THEN_DIGEST),
                Arguments.of("FMLE 0x09007c02, schema 1", FMLE_VERSION, DigestSchema.DIGEST_THEN_KEY));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("realWorldC1s")
    void signedC1GetsComplexAnswerThatVerifiesIndependently(String name, long version, DigestSchema schema) {
        for (long seed = 0; seed < 50; seed++) {
            byte[] c1 = Handshake.createC1(new Random(seed), schema, version);
            int c1Position = independentDigestPosition(c1, schema.number());
            assertThat(Arrays.copyOfRange(c1, c1Position, c1Position + 32))
                    .isEqualTo(hmac(FP_TEXT, without(c1, c1Position)));

            Handshake.ServerAnswer answer = Handshake.answerC1(c1, new Random(seed + 1000));

            assertThat(answer.completed()).isEqualTo(new HandshakeCompleted(true, schema.number(), version));
            byte[] s1 = answer.s1();
            assertThat(Arrays.copyOfRange(s1, 4, 8)).containsExactly(4, 5, 0, 1);
            int s1Position = independentDigestPosition(s1, schema.number());
            assertThat(Arrays.copyOfRange(s1, s1Position, s1Position + 32))
                    .isEqualTo(hmac(FMS_TEXT, without(s1, s1Position)));
            byte[] s2Key = hmac(concat(FMS_TEXT, KEY_TAIL), Arrays.copyOfRange(c1, c1Position, c1Position + 32));
            assertThat(Arrays.copyOfRange(answer.s2(), 1504, 1536))
                    .isEqualTo(hmac(s2Key, Arrays.copyOf(answer.s2(), 1504)));
        }
    }

    @ParameterizedTest(name = "schema {0}")
    @MethodSource("schemas")
    void complexS1GetsC2ThatVerifiesIndependently(DigestSchema schema) {
        byte[] s1 = Handshake.createS1(new Random(5), schema);

        Handshake.ClientAnswer answer = Handshake.answerS1(s1, true, new Random(6));

        assertThat(answer.completed()).isEqualTo(new HandshakeCompleted(true, schema.number(), 0x04050001L));
        int s1Position = independentDigestPosition(s1, schema.number());
        byte[] c2Key = hmac(concat(FP_TEXT, KEY_TAIL), Arrays.copyOfRange(s1, s1Position, s1Position + 32));
        byte[] c2 = answer.c2();
        assertThat(Arrays.copyOfRange(c2, 1504, 1536)).isEqualTo(hmac(c2Key, Arrays.copyOf(c2, 1504)));
        assertThat(Handshake.isValidC2(c2, Handshake.digestOf(s1, schema))).isTrue();
    }

    static Stream<DigestSchema> schemas() {
        return Stream.of(DigestSchema.values());
    }

    @Test
    void zeroVersionC1GetsSimpleAnswerWhoseS2EchoesC1() {
        byte[] c1 = Handshake.createSimplePacket(new Random(1));

        Handshake.ServerAnswer answer = Handshake.answerC1(c1, new Random(2));

        assertThat(answer.completed()).isEqualTo(new HandshakeCompleted(false, -1, 0));
        assertThat(answer.s2()).isEqualTo(c1);
        assertThat(Arrays.copyOfRange(answer.s1(), 0, 8)).containsOnly(0);
    }

    @Test
    void c1WithVersionButBrokenDigestGetsSimpleAnswer() {
        byte[] c1 = Handshake.createC1(new Random(3), DigestSchema.DIGEST_THEN_KEY, Handshake.FLASH_PLAYER_VERSION);
        c1[Handshake.digestPosition(c1, DigestSchema.DIGEST_THEN_KEY) + 5] ^= 1;

        Handshake.ServerAnswer answer = Handshake.answerC1(c1, new Random(4));

        assertThat(answer.completed()).isEqualTo(new HandshakeCompleted(false, -1, Handshake.FLASH_PLAYER_VERSION));
        assertThat(answer.s2()).isEqualTo(c1);
    }

    @Test
    void simpleS1IsAcceptedAndEchoed() {
        byte[] s1 = Handshake.createSimplePacket(new Random(8));

        Handshake.ClientAnswer answer = Handshake.answerS1(s1, true, new Random(9));

        assertThat(answer.completed()).isEqualTo(new HandshakeCompleted(false, -1, 0));
        assertThat(answer.c2()).isEqualTo(s1);
    }

    @Test
    void simpleClientEchoesEvenASignedS1() {
        byte[] s1 = Handshake.createS1(new Random(10), DigestSchema.KEY_THEN_DIGEST);

        Handshake.ClientAnswer answer = Handshake.answerS1(s1, false, new Random(11));

        assertThat(answer.completed().complex()).isFalse();
        assertThat(answer.c2()).isEqualTo(s1);
    }

    @Test
    void s1WithVersionButNoValidDigestFails() {
        byte[] s1 = Handshake.createS1(new Random(12), DigestSchema.DIGEST_THEN_KEY);
        s1[Handshake.digestPosition(s1, DigestSchema.DIGEST_THEN_KEY)] ^= 1;

        assertThatThrownBy(() -> Handshake.answerS1(s1, true, new Random(13)))
                .isInstanceOfSatisfying(RillException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.HANDSHAKE_INVALID))
                .hasMessage("S1 version 4.5.0.1 announces a digest handshake but S1 has no valid digest"
                        + " under schema 0 or 1");
    }

    @Test
    void s2AndC2CheckersRejectAFlippedBit() {
        byte[] digest = new byte[32];
        byte[] s2 = Handshake.createS2(new Random(14), digest);
        byte[] c2 = Handshake.createC2(new Random(15), digest);
        assertThat(Handshake.isValidS2(s2, digest)).isTrue();
        assertThat(Handshake.isValidC2(c2, digest)).isTrue();
        assertThat(Handshake.isValidC2(s2, digest)).isFalse();

        s2[100] ^= 1;
        assertThat(Handshake.isValidS2(s2, digest)).isFalse();
    }

    static Stream<Arguments> badVersionBytes() {
        return Stream.of(
                Arguments.of("HTTP GET", 'G', "C0 version byte 0x47 is not 3 (is this HTTP?)"),
                Arguments.of("TLS hello", 0x16, "C0 version byte 0x16 is not 3 (is this TLS?)"),
                Arguments.of("RTMPE", 6, "C0 version byte 0x06 is not 3 (encrypted RTMPE is not supported)"),
                Arguments.of("other", 0xFF, "C0 version byte 0xff is not 3"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badVersionBytes")
    void badVersionMessageNamesTheLikelyProtocol(String name, int versionByte, String message) {
        assertThat(Handshake.badVersionMessage("C0", versionByte)).isEqualTo(message);
    }

    @Test
    void peerVersionPrintsAsDottedBytes() {
        assertThat(new HandshakeCompleted(true, 1, 0x80000702L).peerVersionString()).isEqualTo("128.0.7.2");
    }

    private static int independentDigestPosition(byte[] packet, int schemaNumber) {
        int block = schemaNumber == 0 ? 8 + 764 : 8;
        int sum = 0;
        for (int i = 0; i < 4; i++) {
            sum += packet[block + i] & 0xFF;
        }
        return block + 4 + sum % 728;
    }

    private static byte[] without(byte[] packet, int position) {
        return concat(Arrays.copyOf(packet, position), Arrays.copyOfRange(packet, position + 32, packet.length));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] joined = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, joined, a.length, b.length);
        return joined;
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }
}
