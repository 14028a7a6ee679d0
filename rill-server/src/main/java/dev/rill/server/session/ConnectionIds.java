package dev.rill.server.session;

import java.security.SecureRandom;

/** Short random context ids, SRS 4 style (8 lowercase letters and digits). */
public final class ConnectionIds {
    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    private final SecureRandom random = new SecureRandom();

    public String next() {
        char[] id = new char[8];
        for (int i = 0; i < id.length; i++) {
            id[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return new String(id);
    }
}
