package io.eql4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressTest {

    private final StringWriter err = new StringWriter();
    private final AtomicLong nanos = new AtomicLong(5_000_000_000L);

    private Progress progress(boolean enabled) {
        return new Progress(new PrintWriter(err), enabled, nanos::get);
    }

    @Test
    void appearsAfterASecondAtMostFourTimesASecondAndIsClearedAtTheEnd() {
        Progress p = progress(true);
        nanos.addAndGet(900_000_000L);
        p.update(1024, () -> 0);
        assertThat(err.toString()).as("not within the first second").isEmpty();

        nanos.addAndGet(1_100_000_000L); // 2 s after the start
        p.update(2048, () -> 3);
        String first = String.format("\r%,d events read, %,d/s, %,d matches", 2048, 1024, 3);
        assertThat(err.toString()).isEqualTo(first);

        nanos.addAndGet(100_000_000L);
        p.update(3072, () -> 3);
        assertThat(err.toString()).as("not again within 250 ms").isEqualTo(first);

        nanos.addAndGet(200_000_000L);
        p.update(1023 * 1024, () -> 3);
        assertThat(err.toString()).startsWith(first + "\r").hasSizeGreaterThan(first.length() + 1);

        p.clear();
        String[] lines = err.toString().split("\r", -1);
        String last = lines[lines.length - 3];
        assertThat(lines[lines.length - 2]).isBlank().hasSize(last.length());
        assertThat(lines[lines.length - 1]).isEmpty();
    }

    @Test
    void looksAtTheClockOnlyEvery1024Events() {
        Progress p = progress(true);
        nanos.addAndGet(10_000_000_000L);
        p.update(1000, () -> 0);
        assertThat(err.toString()).isEmpty();
        p.update(1024, () -> 0);
        assertThat(err.toString()).isNotEmpty();
    }

    @Test
    void disabledPrintsNothing() {
        Progress p = progress(false);
        nanos.addAndGet(10_000_000_000L);
        p.update(1024, () -> 1);
        p.clear();
        assertThat(err.toString()).isEmpty();
    }
}
