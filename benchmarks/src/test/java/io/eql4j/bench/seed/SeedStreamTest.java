package io.eql4j.bench.seed;

import static org.assertj.core.api.Assertions.assertThat;

import io.eql4j.bench.stream.Layout;
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
    void bothLayoutsHoldTheSameEventsButTheSharedOneSharesSubtrees() {
        List<Map<String, Object>> distinct = SeedStream.generate(5_000, 100, 3, Layout.DISTINCT);
        List<Map<String, Object>> shared = SeedStream.generate(5_000, 100, 3, Layout.SHARED);
        assertThat(shared).isEqualTo(distinct);
        assertThat(shared.get(0).get("event"))
                .isSameAs(shared.stream()
                        .filter(e -> e.get("event").equals(shared.get(0).get("event")))
                        .skip(1)
                        .findFirst()
                        .orElseThrow()
                        .get("event"));
        assertThat(distinct.get(0).get("event"))
                .isNotSameAs(distinct.stream()
                        .filter(e -> e.get("event").equals(distinct.get(0).get("event")))
                        .skip(1)
                        .findFirst()
                        .orElseThrow()
                        .get("event"));
    }

    @Test
    void theFlatLayoutHoldsEveryLeafUnderItsDottedNameAndTheSameStages() {
        List<Map<String, Object>> nested = SeedStream.generate(5_000, 100, 3, Layout.DISTINCT);
        List<Map<String, Object>> flat = SeedStream.generate(5_000, 100, 3, Layout.FLAT);
        assertThat(flat).hasSameSizeAs(nested);
        for (int i = 0; i < nested.size(); i++) {
            Map<String, Object> n = nested.get(i);
            Map<String, Object> f = flat.get(i);
            assertThat(f.values()).noneMatch(v -> v instanceof Map);
            assertThat(f.keySet()).allMatch(k -> k.equals("@timestamp") || k.contains("."));
            assertThat(SeedShape.FLAT.isRead(f)).isEqualTo(SeedShape.NESTED.isRead(n));
            assertThat(SeedShape.FLAT.isCall(f)).isEqualTo(SeedShape.NESTED.isCall(n));
            assertThat(SeedShape.FLAT.readKey(f)).isEqualTo(SeedShape.NESTED.readKey(n));
            assertThat(SeedShape.FLAT.callKeys(f)).isEqualTo(SeedShape.NESTED.callKeys(n));
            assertThat(SeedShape.FLAT.timestamp(f)).isEqualTo(SeedShape.NESTED.timestamp(n));
        }
        assertThat(flat.get(0).get("event.dataset"))
                .isEqualTo(((Map<?, ?>) nested.get(0).get("event")).get("dataset"));
        // one key instance per name across the stream
        String key = flat.get(0).keySet().stream()
                .filter(k -> k.contains("."))
                .findFirst()
                .orElseThrow();
        assertThat(flat.get(1).keySet().stream().filter(key::equals).findFirst().orElseThrow())
                .isSameAs(key);
    }

    @Test
    void aboutOnePercentOfEventsSatisfyAStageAndEveryKeyOccurs() {
        List<Map<String, Object>> events = SeedStream.generate(100_000, 500, 3);
        long stage = events.stream()
                .filter(e -> SeedLogic.isRead(e) || SeedLogic.isCall(e))
                .count();
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
