package io.eql4j.internal.time;

import static org.assertj.core.api.Assertions.assertThat;

import io.eql4j.compile.EqlCompiler;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {

    @Test
    void printsDurationsAsAUserWritesThem() {
        assertThat(Durations.format(Duration.ZERO)).isEqualTo("0");
        assertThat(Durations.format(Duration.ofMillis(500))).isEqualTo("500ms");
        assertThat(Durations.format(Duration.ofSeconds(90))).isEqualTo("90s");
        assertThat(Durations.format(Duration.ofSeconds(120))).isEqualTo("2m");
        assertThat(Durations.format(Duration.ofHours(2))).isEqualTo("2h");
        assertThat(Durations.format(Duration.ofDays(1))).isEqualTo("1d");
        assertThat(Durations.format(Duration.ofNanos(1_500))).isEqualTo("1500ns");
        assertThat(Durations.format(Duration.ofSeconds(Long.MAX_VALUE))).isEqualTo("unbounded");
    }

    @Test
    void thePlanShowsTheWindowAsWritten() {
        assertThat(EqlCompiler.compile("sequence with maxspan=90s [any where true] [any where true]")
                        .explain())
                .contains("window: 90s (inclusive)")
                .doesNotContain("PT");
        assertThat(EqlCompiler.compile("sequence with maxspan=1h [any where true] [any where true]")
                        .explain())
                .contains("window: 1h (inclusive)");
    }
}
