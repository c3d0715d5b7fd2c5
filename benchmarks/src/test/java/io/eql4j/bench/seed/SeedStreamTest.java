package io.eql4j.bench.seed;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SeedStreamTest {

    @Test
    void isDeterministic() {
        assertThat(SeedStream.generate(5_000, 100, 3)).isEqualTo(SeedStream.generate(5_000, 100, 3));
        assertThat(SeedStream.generate(5_000, 100, 3)).isNotEqualTo(SeedStream.generate(5_000, 100, 4));
    }

    @Test
    void aboutOnePercentOfEventsSatisfyAStageAndEveryKeyOccurs() {
        List<Map<String, Object>> events = SeedStream.generate(100_000, 500, 3);
        long stage = events.stream().filter(e -> SeedLogic.isRead(e) || SeedLogic.isCall(e)).count();
        assertThat(stage).isBetween(800L, 1200L);
        Set<Object> keys = new HashSet<>();
        for (Map<String, Object> e : events) {
            Object key = FlinkCepSeedRule.keyOf(e);
            if (!key.equals("")) {
                keys.add(key);
            }
        }
        assertThat(keys).hasSize(500);
    }

    @Test
    void timestampsIncreaseByOneMillisecond() {
        List<Map<String, Object>> events = SeedStream.generate(1_000, 10, 3);
        for (int i = 0; i < events.size(); i++) {
            assertThat(SeedLogic.timestamp(events.get(i))).isEqualTo(SeedStream.START_MILLIS + i);
        }
    }
}
