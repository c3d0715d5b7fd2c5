package io.eql4j.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.eql4j.flink.testing.CapturingMetrics;
import io.eql4j.runtime.EngineOptions;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.util.ListCollector;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

/** Event queries: each record is a match, counted per rule; the router counts what passed each rule's filters. */
class EventQueryMatchesTest {

    private static final FlinkPlan PLAN = FlinkPlan.ofQueries(Map.of("q", "any where true"), EngineOptions.defaults());

    private static RuleEvent event(long time) {
        String text = "{\"@timestamp\":" + time + "}";
        EventRouter router = new EventRouter(PLAN);
        router.init(new CapturingMetrics());
        List<RuleEvent> out = new ArrayList<>();
        router.route(
                SourceLine.ofFile("e.ndjson", time, text.getBytes(StandardCharsets.UTF_8)),
                new ListCollector<>(out),
                p -> {
                    throw new AssertionError(p.toString());
                });
        return out.get(0);
    }

    @Test
    void eachRecordOfAnEventQueryIsAMatchCountedPerRule() throws Exception {
        try (OneInputStreamOperatorTestHarness<RuleEvent, MatchRecord> harness =
                ProcessFunctionTestHarnesses.forProcessFunction(new EventQueryMatches(PLAN))) {
            harness.processElement(event(90_000), 90_000);
            harness.processElement(event(100_001), 100_001);
            assertThat(harness.extractOutputValues())
                    .extracting(m -> m.events().get(0))
                    .containsExactly("{\"@timestamp\":90000}", "{\"@timestamp\":100001}");
            assertThat(harness.extractOutputValues()).allSatisfy(m -> {
                assertThat(m.ruleId()).isEqualTo("q");
                assertThat(m.kind()).isEqualTo(MatchRecord.Kind.EVENT);
            });
        }
        EventQueryMatches matches = new EventQueryMatches(PLAN);
        CapturingMetrics metrics = new CapturingMetrics();
        matches.init(metrics);
        matches.match(event(200_000));
        matches.match(event(200_001));
        assertThat(metrics.count("rule.q.matches")).isEqualTo(2);
    }

    @Test
    void theRouterCountsTheEventsThatPassARulesFilters() {
        EventRouter router = new EventRouter(FlinkPlan.ofQueries(
                Map.of("a", "any where n == 1", "b", "any where n == 2"), EngineOptions.defaults()));
        CapturingMetrics metrics = new CapturingMetrics();
        router.init(metrics);
        for (int n : new int[] {1, 1, 2, 3}) {
            router.route(
                    SourceLine.ofFile("e", n, ("{\"@timestamp\":1,\"n\":" + n + "}").getBytes(StandardCharsets.UTF_8)),
                    new ListCollector<>(new ArrayList<>()),
                    p -> {});
        }
        assertThat(metrics.count("rule.a.eventsPassed")).isEqualTo(2);
        assertThat(metrics.count("rule.b.eventsPassed")).isEqualTo(1);
    }
}
