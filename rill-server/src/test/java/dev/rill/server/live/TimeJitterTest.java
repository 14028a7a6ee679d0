package dev.rill.server.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.codec.rtmp.MessageType;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The time_jitter modes against SRS's SrsRtmpJitter::correct: full keeps the delta of each
 * audio/video message unless it is over 250 ms either way (then 10 ms), never goes below 0, and
 * sends other messages at 0; zero subtracts the first timestamp; off changes nothing.
 */
class TimeJitterTest {

    /** One input message: its timestamp and whether it is audio/video. */
    record In(long ts, boolean av) {
    }

    record Case(String name, TimeJitter.Mode mode, List<In> input, List<Long> expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                c("full: steady stream from 0", TimeJitter.Mode.FULL, "0 40 80 120", "0 40 80 120"),
                c("full: starts at 0", TimeJitter.Mode.FULL, "5000 5040 5063", "0 40 63"),
                c("full: forward jump over 250 ms is a 10 ms step", TimeJitter.Mode.FULL,
                        "0 40 10000 10040", "0 40 50 90"),
                c("full: backward jump over 250 ms is a 10 ms step", TimeJitter.Mode.FULL,
                        "90000 90040 100 140", "0 40 50 90"),
                c("full: 250 ms exactly is kept", TimeJitter.Mode.FULL, "0 250 260", "0 250 260"),
                c("full: small step back, clamped at 0", TimeJitter.Mode.FULL, "100 90 130", "0 0 40"),
                c("full: small step back, kept monotonic in sum", TimeJitter.Mode.FULL, "0 100 80 120", "0 100 80 120"),
                c("full: data is 0 and does not move the clock", TimeJitter.Mode.FULL,
                        "0 40 d1000 80", "0 40 0 80"),
                c("zero: subtracts the first timestamp", TimeJitter.Mode.ZERO, "1000 1040 11000", "0 40 10000"),
                c("zero: data counts too", TimeJitter.Mode.ZERO, "d500 540 580", "0 40 80"),
                c("zero: below the first is clamped at 0", TimeJitter.Mode.ZERO, "1000 900 1100", "0 0 100"),
                c("off: unchanged", TimeJitter.Mode.OFF, "1000 40 d7 4294967295", "1000 40 7 4294967295"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void corrects(Case c) {
        TimeJitter jitter = new TimeJitter(c.mode());
        List<Long> out = new ArrayList<>();
        for (In in : c.input()) {
            out.add(jitter.correct(in.ts(), in.av()));
        }
        assertThat(out).isEqualTo(c.expected());
    }

    @Test
    void aBatchIsCorrectedInOrderAndAStatusKeepsItsTimestampWithoutMovingTheBase() {
        TimeJitter jitter = new TimeJitter(TimeJitter.Mode.ZERO);
        List<SharedMessage> batch = List.of(
                message(MessageType.COMMAND_AMF0, 7), message(MessageType.VIDEO, 1000), message(MessageType.AUDIO, 1040));
        try {
            long[] small = new long[1];
            long[] out = jitter.correctAll(batch, small);
            assertThat(out).as("grown to fit").hasSizeGreaterThanOrEqualTo(3).isNotSameAs(small);
            assertThat(Arrays.copyOf(out, 3)).containsExactly(7, 0, 40);
            long[] again = jitter.correctAll(batch.subList(1, 3), out);
            assertThat(again).as("reused when it fits").isSameAs(out);
            assertThat(Arrays.copyOf(again, 2)).containsExactly(0, 40);
        } finally {
            batch.forEach(SharedMessage::release);
        }
    }

    private static SharedMessage message(int type, long ts) {
        return new SharedMessage(type, ts, Unpooled.wrappedBuffer(new byte[] {0x17, 1}));
    }

    /** Inputs are space-separated timestamps, "d" before a non-audio/video one. */
    private static Case c(String name, TimeJitter.Mode mode, String input, String expected) {
        List<In> in = new ArrayList<>();
        for (String s : input.split(" ")) {
            boolean av = !s.startsWith("d");
            in.add(new In(Long.parseLong(av ? s : s.substring(1)), av));
        }
        List<Long> exp = new ArrayList<>();
        for (String s : expected.split(" ")) {
            exp.add(Long.parseLong(s));
        }
        return new Case(name, mode, in, exp);
    }
}
