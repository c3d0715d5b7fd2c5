package io.eql4j.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.eql4j.runtime.EngineOptions;
import io.eql4j.runtime.RuntimeOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** The keyed detection operator with Flink's keyed operator harness: its state, timers, lateness and snapshots. */
class KeyedDetectionTest {

    private static final FlinkPlan PLAN = FlinkPlan.ofQueries(
            Map.of("seq", "sequence by user with maxspan=1s [process where x == 1] [process where x == 2]"),
            EngineOptions.defaults());

    private static KeyedOneInputStreamOperatorTestHarness<RuleKey, RuleEvent, MatchRecord> harness() throws Exception {
        var h = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new KeyedDetection(PLAN, RuntimeOptions.defaults())),
                RuleEvent::ruleKey,
                FlinkTypes.RULE_KEY);
        h.setup();
        h.open();
        return h;
    }

    private static RuleEvent record(String user, int stage, long time, long line) {
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

    private static List<MatchRecord> matches(KeyedOneInputStreamOperatorTestHarness<?, ?, MatchRecord> h) {
        List<MatchRecord> out = new ArrayList<>();
        for (Object o : h.getOutput()) {
            if (o instanceof StreamRecord<?> r && r.getValue() instanceof MatchRecord m) {
                out.add(m);
            }
        }
        return out;
    }

    @Test
    void eventsRunInTimeOrderOnceTheWatermarkPassesThem() throws Exception {
        try (var h = harness()) {
            // the second stage arrives first; its time is after the first's
            h.processElement(record("u", 1, 1_500, 2), 1_500);
            h.processElement(record("u", 0, 1_000, 1), 1_000);
            assertThat(matches(h)).isEmpty(); // nothing runs before the watermark passes
            h.processWatermark(new Watermark(1_499));
            assertThat(matches(h)).isEmpty();
            h.processWatermark(new Watermark(1_500));
            assertThat(matches(h)).singleElement().satisfies(m -> {
                assertThat(m.events()).containsExactly("{\"line\":1}", "{\"line\":2}");
                assertThat(m.joinKeys().values()).containsExactly("u");
            });
            assertThat(h.numKeyedStateEntries()).isZero();
        }
    }

    @Test
    void aLateRecordIsAProblemAndCounted() throws Exception {
        try (var h = harness()) {
            h.processWatermark(new Watermark(5_000));
            h.processElement(record("u", 0, 4_000, 1), 4_000);
            assertThat(h.getSideOutput(EventRouter.PROBLEMS))
                    .singleElement()
                    .satisfies(r -> assertThat(r.getValue().kind()).isEqualTo(ProblemRecord.Kind.LATE));
            assertThat(h.numKeyedStateEntries()).isZero();
        }
    }

    @Test
    void aPartialSequenceSurvivesASnapshotAndCompletesAfterTheRestore() throws Exception {
        OperatorSubtaskState snapshot;
        try (var h = harness()) {
            h.processElement(record("u", 0, 1_000, 1), 1_000);
            h.processWatermark(new Watermark(1_000));
            h.processElement(record("u", 1, 1_800, 2), 1_800); // buffered, not yet run
            snapshot = h.snapshot(1, 1);
        }
        var restored = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new KeyedDetection(PLAN, RuntimeOptions.defaults())),
                RuleEvent::ruleKey,
                FlinkTypes.RULE_KEY);
        try (restored) {
            restored.setup();
            restored.initializeState(snapshot);
            restored.open();
            restored.processWatermark(new Watermark(2_000));
            assertThat(matches(restored))
                    .singleElement()
                    .satisfies(m -> assertThat(m.events()).containsExactly("{\"line\":1}", "{\"line\":2}"));
            assertThat(restored.numKeyedStateEntries()).isZero();
        }
    }

    /**
     * A million distinct join keys, each with a partial sequence of a rule with a 1 s window, the watermark moving with
     * them: the keyed state holds only the keys whose window is still open, and none once the watermark is past
     * every window. No timer is left either.
     */
    @Test
    void stateIsBoundedByTheWindows() throws Exception {
        try (var h = harness()) {
            int keys = 1_000_000;
            int most = 0;
            for (int i = 0; i < keys; i++) {
                long time = i; // a thousand keys per second of event time
                h.processElement(record("user-" + i, 0, time, i), time);
                if (i % 10_000 == 9_999) {
                    h.processWatermark(new Watermark(time));
                    most = Math.max(most, h.numKeyedStateEntries());
                }
            }
            // after each watermark only the keys of the last second (one window: 1000 keys here) are held
            assertThat(most).isBetween(1_000, 1_001);
            h.processWatermark(new Watermark(keys + 1_001));
            assertThat(h.numKeyedStateEntries()).isZero();
            assertThat(h.numEventTimeTimers()).isZero();
            assertThat(matches(h)).isEmpty();
        }
    }

    private static KeyedOneInputStreamOperatorTestHarness<RuleKey, RuleEvent, MatchRecord> harness(FlinkPlan plan)
            throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new KeyedDetection(plan, RuntimeOptions.defaults())),
                RuleEvent::ruleKey,
                FlinkTypes.RULE_KEY);
    }

    private static RuleEvent record(String rule, String user, int stage, long time, long line) {
        return new RuleEvent(
                rule,
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

    /**
     * A savepoint under one pack, a restore under a changed one: the unchanged rule's partial sequence completes, the
     * changed rule starts empty, and the removed rule's state is gone once its timer fires.
     */
    @Test
    void aRestoreUnderAChangedPackKeepsUnchangedRulesOnly() throws Exception {
        String seq = "sequence by user with maxspan=1s [process where x == 1] [process where x == 2]";
        Map<String, String> before = new java.util.LinkedHashMap<>();
        before.put("kept", seq);
        before.put("changed", seq);
        before.put("removed", seq);
        Map<String, String> after = new java.util.LinkedHashMap<>();
        after.put("kept", seq);
        after.put("changed", "sequence by user with maxspan=2s [process where x == 1] [process where x == 2]");
        OperatorSubtaskState snapshot;
        try (var h = harness(FlinkPlan.ofQueries(before, EngineOptions.defaults()))) {
            h.setup();
            h.open();
            for (String rule : before.keySet()) {
                h.processElement(record(rule, "u", 0, 1_000, 1), 1_000);
            }
            h.processWatermark(new Watermark(1_000));
            assertThat(h.numKeyedStateEntries()).isEqualTo(3);
            snapshot = h.snapshot(1, 1);
        }
        try (var h = harness(FlinkPlan.ofQueries(after, EngineOptions.defaults()))) {
            h.setup();
            h.initializeState(snapshot);
            h.open();
            for (String rule : after.keySet()) {
                h.processElement(record(rule, "u", 1, 1_500, 2), 1_500);
            }
            h.processWatermark(new Watermark(1_500));
            assertThat(matches(h)).singleElement().satisfies(m -> {
                assertThat(m.ruleId()).isEqualTo("kept");
                assertThat(m.events()).containsExactly("{\"line\":1}", "{\"line\":2}");
            });
            h.processWatermark(new Watermark(5_000)); // past every window: the removed rule's timer has fired
            assertThat(h.numKeyedStateEntries()).isZero();
            assertThat(matches(h)).hasSize(1);
        }
    }
}
