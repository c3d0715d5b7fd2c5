package io.eql4j.bench.seed;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The seed rule as a Flink job finds what eql4j finds. One test only: each job starts a MiniCluster (about a second);
 * the corner cases of the pattern are covered on the operator alone in {@link SeedRuleAgreementTest}.
 */
class FlinkJobSeedRuleTest {

    @Test
    void theJobFindsWhatEql4jFindsWithAndWithoutAFilter() throws Exception {
        List<Map<String, Object>> events = SeedStream.generate(20_000, 300, 5);
        long eql4j = SeedRule.countWithEql4j(SeedRule.plan(), events);
        assertThat(eql4j).as("the stream must contain sequences").isGreaterThan(10);
        assertThat(FlinkJobSeedRule.count(events, true)).as("filter in front").isEqualTo(eql4j);
        assertThat(FlinkJobSeedRule.count(events, false)).as("no filter").isEqualTo(eql4j);
        assertThat(FlinkJobSeedRule.countEql4j(events, 2))
                .as("eql4j operators at parallelism 2")
                .isEqualTo(eql4j);
        assertThat(FlinkJobSeedRule.count(events.subList(0, 1), true))
                .as("one event (the start-up pass)")
                .isZero();
    }
}
