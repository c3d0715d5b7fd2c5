package io.eql4j.bench.seed;

import static org.assertj.core.api.Assertions.assertThat;

import io.eql4j.compile.Plan;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** eql4j, the hand-written HashMap and Flink CEP (with and without a filter) find the same sequences. */
class SeedRuleAgreementTest {

    private static final long T = SeedStream.START_MILLIS;
    private static Plan plan;

    @BeforeAll
    static void compile() {
        plan = SeedRule.plan();
    }

    /** The five implementations' counts: eql4j, hand-written, Flink filtered, Flink unfiltered, Esper. */
    private static List<Long> counts(List<Map<String, Object>> events) throws Exception {
        return List.of(
                SeedRule.countWithEql4j(plan, events),
                HandWrittenSeedRule.count(events),
                FlinkCepSeedRule.count(events, true),
                FlinkCepSeedRule.count(events, false),
                EsperSeedRule.count(events, SeedShape.NESTED));
    }

    @Test
    void allFindTheSameSequencesInAGeneratedStream() throws Exception {
        List<Map<String, Object>> events = SeedStream.generate(40_000, 300, 5);
        List<Long> counts = counts(events);
        assertThat(counts.get(0)).as("the stream must contain sequences").isGreaterThan(20);
        assertThat(counts)
                .as("eql4j, hand-written, Flink filtered, Flink unfiltered, Esper")
                .containsOnly(counts.get(0));
    }

    @Test
    void allAgreeWithManyKeysAndFewCollisions() throws Exception {
        List<Map<String, Object>> events = SeedStream.generate(40_000, 100_000, 6);
        List<Long> counts = counts(events);
        assertThat(counts.get(0)).isGreaterThan(20);
        assertThat(counts).containsOnly(counts.get(0));
    }

    @Test
    void allFindTheSameSequencesInFlatMaps() throws Exception {
        List<Map<String, Object>> events = SeedStream.generate(40_000, 300, 5, io.eql4j.bench.stream.Layout.FLAT);
        long eql4j = SeedRule.countWithEql4j(plan, events);
        assertThat(eql4j)
                .isEqualTo(SeedRule.countWithEql4j(plan, SeedStream.generate(40_000, 300, 5)))
                .isGreaterThan(20);
        assertThat(List.of(
                        HandWrittenSeedRule.count(events, SeedShape.FLAT),
                        FlinkCepSeedRule.count(events, true, SeedShape.FLAT),
                        FlinkCepSeedRule.count(events, false, SeedShape.FLAT),
                        EsperSeedRule.count(events, SeedShape.FLAT)))
                .containsOnly(eql4j);
    }

    @Test
    void maxspanIsInclusive() throws Exception {
        assertThat(counts(List.of(read(0, "a"), call(60_000, "a")))).containsOnly(1L);
        assertThat(counts(List.of(read(0, "a"), call(60_001, "a")))).containsOnly(0L);
    }

    @Test
    void theNewestReadWinsWhenTheOlderOneIsOutOfTheWindow() throws Exception {
        assertThat(counts(List.of(read(0, "a"), read(30_000, "a"), call(70_000, "a"))))
                .containsOnly(1L);
    }

    @Test
    void aReadIsConsumedByOneCallAndKeysDoNotMix() throws Exception {
        assertThat(counts(List.of(read(0, "a"), read(1, "b"), call(2, "a"), call(3, "a"), call(4, "c"))))
                .containsOnly(1L);
        assertThat(counts(List.of(call(0, "a"), read(1, "a")))).containsOnly(0L);
    }

    @Test
    void theStagesDependOnEveryCondition() throws Exception {
        List<Map<String, Object>> events = new ArrayList<>();
        events.add(read(0, "a"));
        events.add(SeedStream.apiCall(T + 10, "a", "RequestReceived"));
        events.add(SeedStream.apiCall(T + 20, "a", "ResponseStarted"));
        assertThat(counts(events)).containsOnly(1L);
        assertThat(SeedLogic.isCall(events.get(1))).isFalse();
        assertThat(SeedLogic.isRead(events.get(0))).isTrue();
        assertThat(SeedLogic.isRead(events.get(2))).isFalse();
    }

    @Test
    void parsesTimestampsAsInstantDoes() {
        for (String ts : List.of(
                "2026-03-17T09:00:00.000Z",
                "2024-02-29T23:59:59.999Z",
                "1969-12-31T23:59:59.001Z",
                "2000-01-01T00:00:00.000Z",
                "2100-03-01T12:34:56.789Z")) {
            assertThat(SeedLogic.parseIsoMillis(ts))
                    .as(ts)
                    .isEqualTo(java.time.Instant.parse(ts).toEpochMilli());
        }
        assertThat(SeedLogic.parseIsoMillis("2026-03-17T09:00:00Z")).isEqualTo(T);
    }

    private static Map<String, Object> read(long offset, String pod) {
        return SeedStream.tokenRead(T + offset, pod);
    }

    private static Map<String, Object> call(long offset, String pod) {
        return SeedStream.apiCall(T + offset, pod, "ResponseComplete");
    }
}
