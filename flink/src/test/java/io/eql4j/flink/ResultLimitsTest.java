package io.eql4j.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.eql4j.compile.ResultPosition;
import io.eql4j.runtime.EngineOptions;
import io.eql4j.runtime.RuntimeOptions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * The result-limit step with Flink's keyed operator harness: results arriving out of order from several keys and
 * instances are put in result order, {@code head} results leave as the watermark makes them final, {@code tail}
 * ones at the end of the input, and the waiting results survive a snapshot.
 */
class ResultLimitsTest {

    private static final FlinkPlan PLAN = FlinkPlan.ofQueries(queries(), EngineOptions.defaults());

    private static Map<String, String> queries() {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("head2", "process where x == 1 | head 2");
        q.put("tail2", "process where x == 1 | tail 2");
        q.put("headTail", "process where x == 1 | head 3 | tail 1");
        q.put("seq", "sequence by user [process where x == 1] [process where x == 2] | head 1");
        q.put(
                "trailing",
                "sequence by user with maxspan=1s [process where x == 1] [process where x == 2]"
                        + " ![process where x == 3] | head 1");
        q.put("sample", "sample by user [process where x == 1] [process where x == 2] | head 1");
        q.put("open", "process where x == 1");
        return q;
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, LimitedMatch, MatchRecord> harness()
            throws Exception {
        var h = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new ResultLimits(PLAN)), LimitedMatch::ruleId, Types.STRING);
        h.setup();
        h.open();
        return h;
    }

    /** A result of {@code rule} completed by line {@code line} at {@code time}, under join key {@code user}. */
    private static LimitedMatch result(String rule, String user, long time, long line) {
        MatchRecord.Kind kind = rule.equals("sample")
                ? MatchRecord.Kind.SAMPLE
                : rule.equals("seq") || rule.equals("trailing") ? MatchRecord.Kind.SEQUENCE : MatchRecord.Kind.EVENT;
        JoinKeyValues key = user == null ? JoinKeyValues.of() : JoinKeyValues.of(user);
        return new LimitedMatch(
                new MatchRecord(rule, rule, null, null, kind, key, List.of("{\"line\":" + line + "}")),
                kind == MatchRecord.Kind.SAMPLE ? RuleEvent.NO_TIME : time,
                null,
                "events",
                -1,
                line);
    }

    private static void add(KeyedOneInputStreamOperatorTestHarness<String, LimitedMatch, MatchRecord> h, LimitedMatch m)
            throws Exception {
        h.processElement(m, m.time() == RuleEvent.NO_TIME ? Long.MIN_VALUE : m.time());
    }

    /** What left the operator so far, as "rule:line[:user]", and forgets it. */
    private static List<String> taken(KeyedOneInputStreamOperatorTestHarness<?, ?, MatchRecord> h) {
        List<String> out = new ArrayList<>();
        for (Object o : h.getOutput()) {
            if (o instanceof StreamRecord<?> r && r.getValue() instanceof MatchRecord m) {
                out.add(m.ruleId() + ":" + m.events().get(0).replaceAll("\\D", "")
                        + (m.joinKeys().values().isEmpty()
                                ? ""
                                : ":" + m.joinKeys().values().get(0)));
            }
        }
        h.getOutput().clear();
        return out;
    }

    @Test
    void headResultsLeaveInResultOrderAsTheWatermarkMakesThemFinal() throws Exception {
        try (var h = harness()) {
            add(h, result("head2", null, 3_000, 3));
            add(h, result("head2", null, 1_000, 1));
            add(h, result("head2", null, 2_000, 2));
            assertThat(taken(h)).isEmpty(); // an earlier result may still come
            h.processWatermark(new Watermark(999));
            assertThat(taken(h)).isEmpty();
            h.processWatermark(new Watermark(1_500));
            assertThat(taken(h)).containsExactly("head2:1");
            h.processWatermark(new Watermark(2_000));
            assertThat(taken(h)).containsExactly("head2:2");
            assertThat(h.numKeyedStateEntries())
                    .as("a head that has all it takes keeps only that")
                    .isEqualTo(1);
            add(h, result("head2", null, 2_500, 4)); // after the head is full: dropped
            h.processWatermark(new Watermark(Long.MAX_VALUE));
            assertThat(taken(h)).isEmpty();
        }
    }

    @Test
    void equalTimesAreOrderedByTiebreakerThenArrival() throws Exception {
        try (var h = harness()) {
            h.processElement(withTiebreaker(null, 1), 1_000); // no tiebreaker: after any
            h.processElement(withTiebreaker(7L, 9), 1_000);
            h.processElement(withTiebreaker(7L, 8), 1_000);
            h.processWatermark(new Watermark(Long.MAX_VALUE));
            assertThat(taken(h)).containsExactly("head2:8", "head2:9");
        }
    }

    private static LimitedMatch withTiebreaker(Object tiebreaker, long line) {
        return new LimitedMatch(result("head2", null, 1_000, line).match(), 1_000, tiebreaker, "events", -1, line);
    }

    @Test
    void tailResultsLeaveAtTheEndOfTheInput() throws Exception {
        try (var h = harness()) {
            add(h, result("tail2", null, 2_000, 2));
            add(h, result("tail2", null, 3_000, 3));
            add(h, result("tail2", null, 1_000, 1));
            add(h, result("headTail", null, 4_000, 4));
            add(h, result("headTail", null, 1_000, 1));
            add(h, result("headTail", null, 3_000, 3));
            add(h, result("headTail", null, 2_000, 2));
            h.processWatermark(new Watermark(10_000));
            // head 3 | tail 1: the head has seen its three, so the tail's last one is final
            assertThat(taken(h)).containsExactly("headTail:3");
            assertThat(h.numKeyedStateEntries()).as("tail2 holds its last two").isGreaterThan(0);
            add(h, result("tail2", null, 11_000, 5));
            h.processWatermark(new Watermark(Long.MAX_VALUE));
            assertThat(taken(h)).containsExactly("tail2:3", "tail2:5");
            assertThat(h.numKeyedStateEntries())
                    .as("only headTail's mark that it has all it takes")
                    .isEqualTo(1);
        }
    }

    @Test
    void sequencesCompletedByOneEventAreOrderedByJoinKey() throws Exception {
        try (var h = harness()) {
            // one event (line 5) completes the sequences of two keys, which reach this step from two instances
            add(h, result("seq", "b", 5_000, 5));
            add(h, result("seq", "a", 5_000, 5));
            add(h, result("seq", "c", 6_000, 6));
            h.processWatermark(new Watermark(Long.MAX_VALUE));
            assertThat(taken(h)).containsExactly("seq:5:a");
        }
    }

    @Test
    void aSequenceWithATrailingMissingEventIsFinalOnlyAfterItsWindow() throws Exception {
        try (var h = harness()) {
            // its verdict may reach this step until the watermark passes time + maxspan (the keyed operator decides
            // it once the watermark is past the deadline's millisecond): an earlier result (line 1 at 1_200) may
            // still arrive after the watermark passed the first one's time
            add(h, result("trailing", "u", 1_500, 2));
            h.processWatermark(new Watermark(2_000));
            assertThat(taken(h)).isEmpty();
            add(h, result("trailing", "v", 1_200, 1));
            h.processWatermark(new Watermark(2_200));
            assertThat(taken(h)).isEmpty();
            h.processWatermark(new Watermark(2_201));
            assertThat(taken(h)).containsExactly("trailing:1:v");
        }
    }

    @Test
    void samplesAreOrderedByArrivalAndFinalAtTheEnd() throws Exception {
        try (var h = harness()) {
            add(h, result("sample", "b", 0, 7));
            add(h, result("sample", "a", 0, 9));
            h.processWatermark(new Watermark(1_000_000));
            assertThat(taken(h)).isEmpty();
            h.processWatermark(new Watermark(Long.MAX_VALUE));
            assertThat(taken(h)).containsExactly("sample:7:b");
        }
    }

    @Test
    void waitingResultsSurviveASnapshot() throws Exception {
        OperatorSubtaskState snapshot;
        try (var h = harness()) {
            add(h, result("tail2", null, 1_000, 1));
            add(h, result("tail2", null, 2_000, 2));
            h.processWatermark(new Watermark(1_500)); // line 1 offered and kept by the tail
            add(h, result("head2", null, 3_000, 3));
            snapshot = h.snapshot(1, 1);
        }
        var restored = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new ResultLimits(PLAN)), LimitedMatch::ruleId, Types.STRING);
        try (restored) {
            restored.setup();
            restored.initializeState(snapshot);
            restored.open();
            add(restored, result("tail2", null, 2_500, 4));
            add(restored, result("head2", null, 2_800, 5));
            restored.processWatermark(new Watermark(Long.MAX_VALUE));
            assertThat(taken(restored)).containsExactlyInAnyOrder("head2:5", "head2:3", "tail2:2", "tail2:4");
        }
    }

    /** The compile-time size limits every rule: from the head, released as final, or from the tail, at the end. */
    @Test
    void theCompileTimeSizeLimitsEveryRuleFromItsResultPosition() throws Exception {
        for (ResultPosition position : ResultPosition.values()) {
            FlinkPlan plan = FlinkPlan.ofQueries(
                    Map.of("any", "process where x == 1"),
                    EngineOptions.builder().size(1).resultPosition(position).build());
            assertThat(EngineSeam.rules(plan.plan()).get(0).limited()).isTrue();
            var h = new KeyedOneInputStreamOperatorTestHarness<>(
                    new KeyedProcessOperator<>(new ResultLimits(plan)), LimitedMatch::ruleId, Types.STRING);
            try (h) {
                h.setup();
                h.open();
                for (long i = 3; i >= 1; i--) {
                    add(h, result("any", null, i * 1_000, i));
                }
                h.processWatermark(new Watermark(5_000));
                List<String> atWatermark = taken(h);
                h.processWatermark(new Watermark(Long.MAX_VALUE));
                List<String> atEnd = taken(h);
                if (position == ResultPosition.HEAD) {
                    assertThat(atWatermark).containsExactly("any:1");
                    assertThat(atEnd).isEmpty();
                } else {
                    assertThat(atWatermark).isEmpty();
                    assertThat(atEnd).containsExactly("any:3");
                }
            }
        }
    }

    /** The keyed operator hands a limited sequence's result to this step with its completing event's place. */
    @Test
    void theKeyedOperatorGivesALimitedSequenceItsCompletingEventsOrderAlsoAfterARestore() throws Exception {
        OperatorSubtaskState snapshot;
        var keyed = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new KeyedDetection(PLAN, RuntimeOptions.defaults())),
                RuleEvent::ruleKey,
                FlinkTypes.RULE_KEY);
        try (keyed) {
            keyed.setup();
            keyed.open();
            keyed.processElement(seqRecord(0, 1_000, 1), 1_000);
            keyed.processWatermark(new Watermark(1_000));
            snapshot = keyed.snapshot(1, 1);
        }
        var restored = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new KeyedDetection(PLAN, RuntimeOptions.defaults())),
                RuleEvent::ruleKey,
                FlinkTypes.RULE_KEY);
        try (restored) {
            restored.setup();
            restored.initializeState(snapshot);
            restored.open();
            restored.processElement(seqRecord(1, 2_000, 2), 2_000);
            restored.processWatermark(new Watermark(2_000));
            assertThat(restored.getOutput().stream().filter(o -> o instanceof StreamRecord<?>))
                    .as("a limited rule's results go to the limit step only")
                    .isEmpty();
            assertThat(restored.getSideOutput(ResultLimits.RESULTS))
                    .singleElement()
                    .satisfies(r -> {
                        LimitedMatch m = r.getValue();
                        assertThat(m.time()).isEqualTo(2_000);
                        assertThat(m.toString()).contains("events#-1@2");
                        assertThat(m.match().events()).containsExactly("{\"line\":1}", "{\"line\":2}");
                    });
        }
    }

    private static RuleEvent seqRecord(int stage, long time, long line) {
        return new RuleEvent(
                "seq",
                JoinKeyValues.of("u"),
                new int[] {stage},
                false,
                time,
                null,
                "events",
                -1,
                line,
                "{\"line\":" + line + "}");
    }
}
