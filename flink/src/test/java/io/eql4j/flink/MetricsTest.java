package io.eql4j.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.eql4j.flink.testing.HarnessMetrics;
import io.eql4j.runtime.EngineOptions;
import io.eql4j.runtime.RuntimeOptions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * The per-rule metrics the issue lists, read from real Flink operator metric groups of the operators under the test
 * harness: events that passed each rule's filters ({@code eventsPassed}) and late events ({@code lateEvents}) in the
 * router; {@code matches}, {@code lateEvents} and {@code liveKeys} in the keyed operator; {@code matches} of the
 * result-limit step.
 */
class MetricsTest {

    private static final FlinkPlan PLAN = FlinkPlan.ofQueries(queries(), EngineOptions.defaults());

    private static Map<String, String> queries() {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("proc", "process where true");
        q.put("seq", "sequence by user with maxspan=1s [process where x == 1] [process where x == 2]");
        q.put("first", "process where x == 1 | head 1");
        return q;
    }

    private long line;

    private void feed(OneInputStreamOperatorTestHarness<SourceLine, RuleEvent> h, String json) throws Exception {
        line++;
        h.processElement(new StreamRecord<>(SourceLine.ofFile("e", line, json.getBytes(StandardCharsets.UTF_8))));
    }

    private static String event(long time, int x, String user) {
        return "{\"@timestamp\":" + time + ",\"event\":{\"category\":\"" + (x == 0 ? "network" : "process")
                + "\"},\"x\":" + x + ",\"user\":\"" + user + "\"}";
    }

    @Test
    void theRouterCountsEventsThatPassedEachRulesFiltersAndLateEvents() throws Exception {
        HarnessMetrics metrics = new HarnessMetrics();
        try (var h = new OneInputStreamOperatorTestHarness<>(
                new RouterOperator(PLAN, Duration.ZERO), metrics.environment())) {
            h.open();
            feed(h, event(100_000, 1, "a")); // proc, seq (stage 0), first
            feed(h, event(100_500, 2, "a")); // proc, seq (stage 1)
            feed(h, event(100_600, 0, "a")); // no filter passes
            feed(h, event(99_000, 1, "b")); // late: proc, seq and first each count it
            assertThat(metrics.count("rule.proc.eventsPassed")).isEqualTo(3);
            assertThat(metrics.count("rule.seq.eventsPassed")).isEqualTo(3);
            assertThat(metrics.count("rule.first.eventsPassed")).isEqualTo(2);
            assertThat(metrics.count("rule.proc.lateEvents")).isEqualTo(1);
            assertThat(metrics.count("rule.seq.lateEvents")).isEqualTo(1);
            assertThat(metrics.count("rule.first.lateEvents")).isEqualTo(1);
        }
    }

    private static RuleEvent seq(String user, int stage, long time, long line) {
        return new RuleEvent(
                "seq",
                JoinKeyValues.of(user),
                new int[] {stage},
                false,
                time,
                null,
                "events",
                -1,
                line,
                "{\"line\":" + line + "}");
    }

    @Test
    void theKeyedOperatorCountsLiveKeysMatchesAndLateRecords() throws Exception {
        HarnessMetrics metrics = new HarnessMetrics();
        try (var h = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new KeyedDetection(PLAN, RuntimeOptions.defaults())),
                RuleEvent::ruleKey,
                FlinkTypes.RULE_KEY,
                metrics.environment())) {
            h.open();
            assertThat(metrics.count("rule.seq.liveKeys")).isZero();
            h.processElement(seq("a", 0, 1_000, 1), 1_000);
            h.processElement(seq("b", 0, 1_100, 2), 1_100);
            h.processElement(seq("c", 0, 1_200, 3), 1_200);
            assertThat(metrics.count("rule.seq.liveKeys")).as("three keys").isEqualTo(3);
            h.processElement(seq("a", 1, 1_500, 4), 1_500);
            h.processWatermark(new Watermark(1_600));
            assertThat(metrics.count("rule.seq.matches")).isEqualTo(1);
            assertThat(metrics.count("rule.seq.liveKeys"))
                    .as("a completed: its key is gone")
                    .isEqualTo(2);

            h.processElement(seq("d", 0, 1_300, 5), 1_300); // behind the watermark
            assertThat(metrics.count("rule.seq.lateEvents")).isEqualTo(1);
            assertThat(metrics.count("rule.seq.liveKeys"))
                    .as("a late record makes no key")
                    .isEqualTo(2);

            h.processWatermark(new Watermark(2_201)); // past b's and c's windows
            assertThat(metrics.count("rule.seq.liveKeys")).as("windows passed").isZero();
            assertThat(h.numKeyedStateEntries()).isZero();
            assertThat(metrics.count("rule.seq.matches")).isEqualTo(1);
        }
    }

    @Test
    void theResultLimitStepCountsWhatPassesTheLimits() throws Exception {
        HarnessMetrics metrics = new HarnessMetrics();
        try (var h = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new ResultLimits(PLAN)),
                LimitedMatch::ruleId,
                Types.STRING,
                metrics.environment())) {
            h.open();
            for (long i = 1; i <= 3; i++) {
                MatchRecord m = new MatchRecord(
                        "first", "first", null, null, MatchRecord.Kind.EVENT, JoinKeyValues.of(), List.of("{}"));
                h.processElement(new LimitedMatch(m, i * 1_000, null, "e", -1, i), i * 1_000);
            }
            assertThat(metrics.count("rule.first.matches")).isZero();
            h.processWatermark(new Watermark(Long.MAX_VALUE));
            assertThat(metrics.count("rule.first.matches")).isEqualTo(1);
        }
    }
}
