package dev.rill.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** A bounded number of lines per interval; what is held back is told in one summary. */
class LogBudgetTest {
    private final AtomicLong now = new AtomicLong(5_000);
    private final LogBudget budget = new LogBudget(now::get, 10, 60_000);

    @Test
    void tenLinesAMinuteAndASummaryOfTheRest() {
        long logged = IntStream.range(0, 300).filter(i -> budget.take("127.0.0.1")).count();
        assertThat(logged).isEqualTo(10);
        budget.hold("127.0.0.1");
        assertThat(budget.drain()).isEqualTo("291 (from 127.0.0.1: 291)");
        assertThat(budget.drain()).isNull();
        assertThat(budget.take("127.0.0.1")).isFalse();
        now.addAndGet(60_000);
        assertThat(budget.take("127.0.0.1")).isTrue();
    }

    @Test
    void aSummaryNamesAFewSourcesAndCountsTheOthers() {
        for (int i = 0; i < 10; i++) {
            budget.take("x");
        }
        for (int i = 0; i < 8; i++) {
            budget.hold("10.0.0." + i);
        }
        assertThat(budget.drain()).isEqualTo(
                "8 (from 10.0.0.0: 1, 10.0.0.1: 1, 10.0.0.2: 1, 10.0.0.3: 1, 10.0.0.4: 1, others: 3)");
    }
}
