package dev.rill.testing;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The bytes of one fuzz input and where to cut them into the reads a decoder sees. The cuts come
 * from the end of the input (the number of cuts, then each position), the bytes from the rest, so a
 * seed file is the wire bytes followed by one 0x00 byte: no cuts, one read.
 */
public record FuzzInput(byte[] bytes, int[] cuts) {
    /** At most this many cuts, so at most one more fragments. */
    public static final int MAX_CUTS = 8;

    public static FuzzInput from(FuzzedDataProvider data) {
        int count = data.consumeInt(0, MAX_CUTS);
        int[] raw = new int[count];
        for (int i = 0; i < count; i++) {
            raw[i] = data.consumeInt(0, Integer.MAX_VALUE);
        }
        byte[] bytes = data.consumeRemainingAsBytes();
        int[] cuts = new int[count];
        for (int i = 0; i < count; i++) {
            cuts[i] = raw[i] % (bytes.length + 1);
        }
        Arrays.sort(cuts);
        return new FuzzInput(bytes, cuts);
    }

    /** The bytes in the order they arrive, cut at each position (empty fragments included). */
    public List<byte[]> fragments() {
        List<byte[]> out = new ArrayList<>(cuts.length + 1);
        int from = 0;
        for (int cut : cuts) {
            out.add(Arrays.copyOfRange(bytes, from, cut));
            from = cut;
        }
        out.add(Arrays.copyOfRange(bytes, from, bytes.length));
        return out;
    }

    /** The seed file for wire bytes fed in one read. */
    public static byte[] seed(byte[] wire) {
        byte[] seed = Arrays.copyOf(wire, wire.length + 1);
        seed[wire.length] = 0;
        return seed;
    }
}
