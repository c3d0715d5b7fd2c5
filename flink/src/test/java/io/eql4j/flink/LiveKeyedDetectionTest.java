package io.eql4j.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.eql4j.runtime.EngineOptions;
import io.eql4j.runtime.ReloadReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * The keyed operator of a live job, with Flink's keyed broadcast harness, where the test controls the order of records
 * and packs: a live update keeps unchanged rules' partial sequences, clears removed and changed rules' state at once,
 * starts added rules, never mixes two definitions of a rule, and survives a snapshot and restore with the new pack.
 */
class LiveKeyedDetectionTest {

    private static final String SEQ = "sequence by user with maxspan=10s [process where x == 1] [process where x == 2]";
    private static final String SEQ_CHANGED =
            "sequence by user with maxspan=20s [process where x == 1] [process where x == 2]";

    private static final LivePack FIRST = LivePack.initial(
            FlinkPlan.ofQueries(Map.of("kept", SEQ, "changed", SEQ, "removed", SEQ), EngineOptions.defaults()));

    /** The update: kept as it was, changed, removed left out, added new. */
    private static final LivePack SECOND = FIRST.next(
            "v2", FIRST.plan().withFiles(Map.of("kept.eql", SEQ, "changed.eql", SEQ_CHANGED, "rules/added.eql", SEQ)));

    private static KeyedBroadcastOperatorTestHarness<RuleKey, RuleEvent, AppliedPack, MatchRecord> harness()
            throws Exception {
        var h = new KeyedBroadcastOperatorTestHarness<>(
                new CoBroadcastWithKeyedOperator<>(
                        new LiveKeyedDetection(FIRST, 1), List.of(LiveKeyedDetection.RUNNING)),
                RuleEvent::ruleKey,
                FlinkTypes.RULE_KEY,
                1,
                1,
                0);
        h.setup();
        return h;
    }

    private static RuleEvent record(String rule, int stage, long time, long revision) {
        return new RuleEvent(
                rule,
                JoinKeyValues.of("u"),
                new int[] {stage},
                false,
                time,
                null,
                "events",
                -1,
                time,
                "{\"" + rule + "\":" + time + "}",
                revision);
    }

    private static void feed(
            KeyedBroadcastOperatorTestHarness<RuleKey, RuleEvent, AppliedPack, MatchRecord> h, RuleEvent e)
            throws Exception {
        h.processElement(e, e.time());
    }

    private static List<String> matches(KeyedBroadcastOperatorTestHarness<?, ?, ?, MatchRecord> h) {
        List<String> out = new ArrayList<>();
        for (Object o : h.getOutput()) {
            if (o instanceof StreamRecord<?> r && r.getValue() instanceof MatchRecord m) {
                out.add(m.ruleId() + " " + m.events());
            }
        }
        return out;
    }

    /** The rules that have keyed state, read from the operator's state backend. */
    private static List<String> rulesWithState(KeyedBroadcastOperatorTestHarness<RuleKey, ?, ?, ?> h) {
        try (Stream<RuleKey> keys = h.getOperator()
                .<RuleKey>getKeyedStateBackend()
                .getKeys(LiveKeyedDetection.SLOTS.getName(), VoidNamespace.INSTANCE)) {
            return keys.map(RuleKey::ruleId).sorted().toList();
        }
    }

    @Test
    void theUpdatesReportSaysWhatHappensToEachRule() {
        assertThat(SECOND.generation()).isEqualTo(1);
        ReloadReport changes = SECOND.report().changes();
        assertThat(changes.ids(ReloadReport.Outcome.KEPT)).containsExactly("kept");
        assertThat(changes.ids(ReloadReport.Outcome.RESET)).containsExactly("changed");
        assertThat(changes.ids(ReloadReport.Outcome.ADDED)).containsExactly("added");
        assertThat(changes.ids(ReloadReport.Outcome.REMOVED)).containsExactly("removed");
        assertThat(SECOND.revisions())
                .containsEntry("kept", 0L)
                .containsEntry("changed", 1L)
                .containsEntry("added", 1L);
        assertThat(SECOND.report().toJson())
                .isEqualTo("{\"version\":\"v2\",\"accepted\":true,\"generation\":1,\"kept\":[\"kept\"],"
                        + "\"reset\":[\"changed\"],\"added\":[\"added\"],\"removed\":[\"removed\"],\"errors\":[]}");
    }

    @Test
    void aLiveUpdateKeepsUnchangedRulesClearsRemovedAndChangedOnesAndStartsAddedOnes() throws Exception {
        try (var h = harness()) {
            h.open();
            for (String rule : List.of("kept", "changed", "removed")) {
                feed(h, record(rule, 0, 1_000, 0));
            }
            h.watermark(1_000);
            assertThat(rulesWithState(h)).containsExactly("changed", "kept", "removed");

            // a router switched before this instance learnt the pack: its record of the added rule waits for it
            feed(h, record("added", 0, 1_100, 1));
            assertThat(rulesWithState(h)).containsExactly("changed", "kept", "removed");

            h.processBroadcastElement(new AppliedPack(SECOND, 0, 1), 1_000);
            // removed and changed rules' state is gone at once, without waiting for a timer or an event of theirs
            assertThat(rulesWithState(h)).containsExactly("added", "kept");

            feed(h, record("changed", 0, 1_200, 0)); // routed with the old definition: not run
            feed(h, record("kept", 1, 1_500, 0)); // the unchanged rule: its sequence spans the update
            feed(h, record("changed", 1, 1_500, 1)); // the changed rule started empty: nothing to complete
            feed(h, record("added", 1, 1_600, 1));
            h.watermark(2_000);
            assertThat(matches(h))
                    .containsExactlyInAnyOrder(
                            "kept [{\"kept\":1000}, {\"kept\":1500}]", "added [{\"added\":1100}, {\"added\":1600}]");

            // a sequence of the changed rule wholly under its new definition completes
            feed(h, record("changed", 0, 2_100, 1));
            feed(h, record("changed", 1, 2_200, 1));
            h.watermark(2_500);
            assertThat(matches(h)).contains("changed [{\"changed\":2100}, {\"changed\":2200}]");

            // a second copy of the pack (from another router instance) changes nothing
            h.processBroadcastElement(new AppliedPack(SECOND, 1, 2), 2_500);
            h.watermark(60_000);
            assertThat(rulesWithState(h)).isEmpty();
            assertThat(matches(h)).hasSize(3);
        }
    }

    @Test
    void aSnapshotAndRestoreKeepsTheUpdatedPackAndItsPartialSequences() throws Exception {
        OperatorSubtaskState snapshot;
        try (var h = harness()) {
            h.open();
            h.processBroadcastElement(new AppliedPack(SECOND, 0, 1), 0);
            feed(h, record("added", 0, 1_000, 1));
            feed(h, record("kept", 0, 1_000, 0));
            h.watermark(1_000);
            snapshot = h.snapshot(1, 1);
        }
        try (var h = harness()) { // the job's first pack is still FIRST: the restored state must say SECOND runs
            h.initializeState(snapshot);
            h.open();
            feed(h, record("added", 1, 1_500, 1));
            feed(h, record("kept", 1, 1_500, 0));
            feed(h, record("removed", 0, 1_600, 0)); // not in the running pack: not run, no state
            h.watermark(2_000);
            assertThat(matches(h))
                    .containsExactlyInAnyOrder(
                            "added [{\"added\":1000}, {\"added\":1500}]", "kept [{\"kept\":1000}, {\"kept\":1500}]");
            assertThat(rulesWithState(h)).isEmpty();
            assertThat(h.getBroadcastState(LiveKeyedDetection.RUNNING)
                            .get(LiveRouterOperator.CURRENT)
                            .generation())
                    .isEqualTo(1);
        }
    }

    @Test
    void packsForLaterGenerationsWaitUntilTheirPackArrives() throws Exception {
        LivePack third = SECOND.next("v3", SECOND.plan().withFiles(Map.of("kept.eql", SEQ, "late.eql", SEQ)));
        try (var h = harness()) {
            h.open();
            feed(h, record("late", 0, 1_000, 2));
            feed(h, record("late", 1, 1_100, 2));
            h.processBroadcastElement(new AppliedPack(SECOND, 0, 1), 0);
            h.watermark(1_050); // generation 2 is still unknown here: the records wait
            assertThat(matches(h)).isEmpty();
            h.processBroadcastElement(new AppliedPack(third, 0, 1), 0);
            h.watermark(2_000);
            assertThat(matches(h)).containsExactly("late [{\"late\":1000}, {\"late\":1100}]");
        }
    }

    /**
     * A limited sequence's results go to the result-limit step, not to the matches, with their completing event's
     * place and the revision of the definition that made them.
     */
    @Test
    void limitedRulesResultsCarryTheirRevisionToTheLimitStep() throws Exception {
        LivePack limited = LivePack.initial(
                FlinkPlan.ofQueries(Map.of("kept", SEQ + " | head 1", "changed", SEQ), EngineOptions.defaults()));
        LivePack next = limited.next(
                "v2",
                limited.plan().withFiles(Map.of("kept.eql", SEQ + " | head 1", "changed.eql", SEQ + " | tail 1")));
        var h = new KeyedBroadcastOperatorTestHarness<>(
                new CoBroadcastWithKeyedOperator<>(
                        new LiveKeyedDetection(limited, 1), List.of(LiveKeyedDetection.RUNNING)),
                RuleEvent::ruleKey,
                FlinkTypes.RULE_KEY,
                1,
                1,
                0);
        try (h) {
            h.setup();
            h.open();
            h.processBroadcastElement(new AppliedPack(next, 0, 1), 0);
            for (String rule : List.of("kept", "changed")) {
                long revision = next.revisions().get(rule);
                feed(h, record(rule, 0, 1_000, revision));
                feed(h, record(rule, 1, 1_500, revision));
            }
            h.watermark(2_000);
            assertThat(matches(h)).isEmpty();
            assertThat(h.getSideOutput(ResultLimits.RESULTS).stream()
                            .map(r -> r.getValue().ruleId() + "@" + r.getValue().revision() + ":"
                                    + r.getValue().time())
                            .toList())
                    .containsExactlyInAnyOrder("kept@0:1500", "changed@1:1500");
        }
    }

    /** The sweeps at a new pack clear and release many keys while they go over the keys of the state. */
    @Test
    void anUpdateClearsAndReleasesManyKeys() throws Exception {
        try (var h = harness()) {
            h.open();
            for (int u = 0; u < 500; u++) {
                for (String rule : List.of("kept", "changed", "removed")) {
                    h.processElement(withUser(record(rule, 0, 1_000, 0), "u" + u), 1_000);
                }
                h.processElement(withUser(record("added", 0, 1_100, 1), "u" + u), 1_100);
            }
            h.watermark(1_000);
            assertThat(rulesWithState(h)).hasSize(1_500);
            h.processBroadcastElement(new AppliedPack(SECOND, 0, 1), 1_000);
            assertThat(rulesWithState(h)).hasSize(1_000).containsOnly("added", "kept");
            for (int u = 0; u < 500; u++) {
                h.processElement(withUser(record("added", 1, 1_200, 1), "u" + u), 1_200);
            }
            h.watermark(2_000);
            assertThat(matches(h)).hasSize(500).allMatch(m -> m.startsWith("added "));
        }
    }

    private static RuleEvent withUser(RuleEvent e, String user) {
        return new RuleEvent(
                e.ruleId(),
                JoinKeyValues.of(user),
                e.stages(),
                e.until(),
                e.time(),
                null,
                e.source(),
                e.partition(),
                e.position(),
                e.event(),
                e.revision());
    }
}
