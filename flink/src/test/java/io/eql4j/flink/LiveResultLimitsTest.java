package io.eql4j.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.eql4j.runtime.EngineOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * The result-limit step of a live job, with Flink's keyed broadcast harness: a kept rule's limits go on across an
 * update, a changed rule's restart and its old definition's unfinished results are dropped, a removed rule's limit
 * state goes when the pack arrives, and a result of a pack not known yet waits for it.
 */
class LiveResultLimitsTest {

    private static final String HEAD1 = "process where x == 1 | head 1";

    private static final LivePack FIRST = LivePack.initial(FlinkPlan.ofQueries(
            Map.of("kept", HEAD1, "changed", HEAD1, "removed", "process where x == 1 | tail 2"),
            EngineOptions.defaults()));

    /** The update: kept as it was, changed to head 2, removed left out. */
    private static final LivePack SECOND = FIRST.next(
            "v2", FIRST.plan().withFiles(Map.of("kept.eql", HEAD1, "changed.eql", "process where x == 1 | head 2")));

    private static KeyedBroadcastOperatorTestHarness<String, LimitedMatch, AppliedPack, MatchRecord> harness()
            throws Exception {
        var h = new KeyedBroadcastOperatorTestHarness<>(
                new CoBroadcastWithKeyedOperator<>(new LiveResultLimits(FIRST), List.of(LiveResultLimits.RUNNING)),
                LimitedMatch::ruleId,
                Types.STRING,
                1,
                1,
                0);
        h.setup();
        return h;
    }

    /** A result of {@code rule}'s definition at {@code revision}, of the event on line {@code line} at {@code time}. */
    private static void result(
            KeyedBroadcastOperatorTestHarness<String, LimitedMatch, AppliedPack, MatchRecord> h,
            String rule,
            long time,
            long line,
            long revision)
            throws Exception {
        MatchRecord m = new MatchRecord(
                rule, rule, null, null, MatchRecord.Kind.EVENT, JoinKeyValues.of(), List.of("{\"line\":" + line + "}"));
        h.processElement(new LimitedMatch(m, time, null, "events", -1, line, revision), time);
    }

    /** What left the operator so far, as "rule:line", and forgets it. */
    private static List<String> taken(KeyedBroadcastOperatorTestHarness<?, ?, ?, MatchRecord> h) {
        List<String> out = new ArrayList<>();
        for (Object o : h.getOutput()) {
            if (o instanceof StreamRecord<?> r && r.getValue() instanceof MatchRecord m) {
                out.add(m.ruleId() + ":" + m.events().get(0).replaceAll("\\D", ""));
            }
        }
        h.getOutput().clear();
        return out;
    }

    private static List<String> rulesWith(KeyedBroadcastOperatorTestHarness<String, ?, ?, ?> h, String state)
            throws Exception {
        try (Stream<String> keys =
                h.getOperator().<String>getKeyedStateBackend().getKeys(state, VoidNamespace.INSTANCE)) {
            return keys.sorted().toList();
        }
    }

    @Test
    void aKeptRulesLimitsGoOnAndAChangedRulesRestart() throws Exception {
        try (var h = harness()) {
            h.open();
            result(h, "kept", 1_000, 1, 0);
            result(h, "changed", 1_000, 1, 0);
            result(h, "changed", 1_100, 2, 0);
            result(h, "removed", 1_000, 1, 0);
            h.watermark(1_500);
            assertThat(taken(h)).containsExactlyInAnyOrder("kept:1", "changed:1");
            result(h, "changed", 1_700, 3, 0); // the old head is full: dropped

            h.processBroadcastElement(new AppliedPack(SECOND, 0, 1), 1_500);
            assertThat(rulesWith(h, LimitsCore.DONE.getName()))
                    .as("the changed rule's old full head is gone; kept's stays")
                    .containsExactly("kept");
            assertThat(rulesWith(h, LimitsCore.SEEN.getName()))
                    .as("the removed rule's tail is gone")
                    .isEmpty();
            assertThat(rulesWith(h, "eql4j-limit-kept")).isEmpty();

            result(h, "kept", 2_000, 5, 0); // head 1 kept: it gave its one result before the update
            result(h, "changed", 1_900, 6, 0); // routed with the old definition: dropped
            result(h, "changed", 2_000, 7, 1);
            result(h, "changed", 3_000, 8, 1);
            result(h, "changed", 4_000, 9, 1);
            h.watermark(Long.MAX_VALUE);
            assertThat(taken(h)).containsExactly("changed:7", "changed:8");
        }
    }

    @Test
    void aResultOfAPackNotKnownYetWaitsForIt() throws Exception {
        try (var h = harness()) {
            h.open();
            result(h, "changed", 2_000, 1, 1); // its router switched before this instance learnt the pack
            h.watermark(2_500);
            assertThat(taken(h)).isEmpty();
            h.processBroadcastElement(new AppliedPack(SECOND, 0, 1), 2_500);
            h.watermark(3_000);
            assertThat(taken(h)).containsExactly("changed:1");
        }
    }

    @Test
    void aRestoreKeepsTheNewPackAndTheLimitState() throws Exception {
        OperatorSubtaskState snapshot;
        try (var h = harness()) {
            h.open();
            h.processBroadcastElement(new AppliedPack(SECOND, 0, 1), 0);
            result(h, "changed", 1_000, 1, 1);
            h.watermark(1_500);
            assertThat(taken(h)).containsExactly("changed:1");
            snapshot = h.snapshot(1, 1);
        }
        try (var h = harness()) {
            h.initializeState(snapshot);
            h.open();
            result(h, "changed", 2_000, 2, 1);
            result(h, "changed", 2_100, 3, 1);
            result(h, "changed", 1_900, 4, 0); // stale under the restored pack
            h.watermark(Long.MAX_VALUE);
            assertThat(taken(h)).containsExactly("changed:2");
        }
    }
}
