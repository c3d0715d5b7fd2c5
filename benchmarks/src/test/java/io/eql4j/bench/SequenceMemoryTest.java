package io.eql4j.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The memory probe's bookkeeping (not its byte counts, which need a large n and a quiet heap). */
class SequenceMemoryTest {

    @Test
    void everyReadIsPendingUntilTheWindowPassesThenNoneIs() {
        List<SequenceMemory.Result> results = SequenceMemory.measure(3_000);
        assertThat(results).hasSize(3);
        assertThat(results.get(0).pendingBefore()).isEqualTo(3_000);
        assertThat(results.get(0).pendingAfter()).isZero();
        assertThat(results.get(1).pendingBefore()).as("hand-written").isEqualTo(3_000);
        assertThat(results.get(2).pendingBefore()).isPositive();
        assertThat(results.get(2).pendingAfter()).isZero();
    }
}
