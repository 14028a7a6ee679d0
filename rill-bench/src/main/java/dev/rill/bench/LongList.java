package dev.rill.bench;

import java.util.Arrays;

/** A growable array of primitive longs, so recording a sample allocates only when it doubles. */
final class LongList {
    private long[] values;
    private int size;

    LongList(int initialCapacity) {
        values = new long[Math.max(16, initialCapacity)];
    }

    void add(long value) {
        if (size == values.length) {
            values = Arrays.copyOf(values, values.length * 2);
        }
        values[size++] = value;
    }

    int size() {
        return size;
    }

    long get(int index) {
        if (index >= size) {
            throw new IndexOutOfBoundsException(index + " >= " + size);
        }
        return values[index];
    }

    /** Appends every value to {@code dest} from {@code at}; returns the index after the last. */
    int copyTo(long[] dest, int at) {
        System.arraycopy(values, 0, dest, at, size);
        return at + size;
    }
}
