package dev.rill.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.BitSet;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class StatsTest {
    static Stream<Arguments> percentiles() {
        long[] oneToHundred = LongStream.rangeClosed(1, 100).toArray();
        return Stream.of(
                Arguments.of("empty", new long[0], 50.0, 0L),
                Arguments.of("single value p0", new long[] {7}, 0.0, 7L),
                Arguments.of("single value p99", new long[] {7}, 99.0, 7L),
                Arguments.of("1..100 p50", oneToHundred, 50.0, 50L),
                Arguments.of("1..100 p95", oneToHundred, 95.0, 95L),
                Arguments.of("1..100 p99", oneToHundred, 99.0, 99L),
                Arguments.of("1..100 p100", oneToHundred, 100.0, 100L),
                Arguments.of("four values p50 is the second", new long[] {10, 20, 30, 40}, 50.0, 20L),
                Arguments.of("four values p51 is the third", new long[] {10, 20, 30, 40}, 51.0, 30L),
                Arguments.of("ten values p95 is the last", LongStream.rangeClosed(1, 10).toArray(), 95.0, 10L));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void percentiles(String name, long[] sorted, double p, long expected) {
        assertThat(Stats.percentile(sorted, p)).isEqualTo(expected);
    }

    @Test
    void percentileOutsideRangeIsRefused() {
        assertThatThrownBy(() -> Stats.percentile(new long[] {1}, 101))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("101");
    }

    @Test
    void distributionSortsAndSummarizes() {
        long[] values = LongStream.rangeClosed(1, 1000).map(i -> 1001 - i).toArray();
        Stats.Distribution d = Stats.distribution(values);
        assertThat(d).isEqualTo(new Stats.Distribution(1000, 500, 950, 990, 1000));
    }

    static Stream<Arguments> delivered() {
        return Stream.of(
                Arguments.of("all of window 10..20", bits(10, 20), 10L, 20L, 0L, 1.0),
                Arguments.of("half of window 10..20", bits(10, 15), 10L, 20L, 0L, 0.5),
                Arguments.of("messages outside the window do not count", bits(0, 15), 10L, 20L, 0L, 0.5),
                Arguments.of("only owed from the first keyframe", bits(15, 20), 10L, 20L, 15L, 1.0),
                Arguments.of("one missing after the first keyframe", bits(16, 20), 10L, 20L, 15L, 0.8),
                Arguments.of("nothing received", new BitSet(), 10L, 20L, 0L, 0.0),
                Arguments.of("joined after the window: nothing owed", new BitSet(), 10L, 20L, 25L, 1.0),
                Arguments.of("empty window: nothing owed", new BitSet(), 10L, 10L, 0L, 1.0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void delivered(String name, BitSet received, long first, long end, long firstSeq, double expected) {
        assertThat(Stats.deliveredFraction(received, first, end, firstSeq)).isEqualTo(expected);
    }

    private static BitSet bits(int from, int to) {
        BitSet b = new BitSet();
        b.set(from, to);
        return b;
    }
}
