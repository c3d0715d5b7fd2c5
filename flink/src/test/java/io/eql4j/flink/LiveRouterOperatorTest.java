package io.eql4j.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.eql4j.runtime.EngineOptions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;
import org.apache.flink.streaming.util.TwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * The first operator of a live job: it switches packs between two events, stamps records with their rule's revision,
 * makes event queries' matches with the pack that routed them, reports each pack it switched to, and keeps the
 * running pack across a snapshot and restore.
 */
class LiveRouterOperatorTest {

    private static final String SEQ = "sequence by user [process where x == 1] [process where x == 2]";

    private static final LivePack FIRST = LivePack.initial(FlinkPlan.ofQueries(
            Map.of("one", "process where x == 1", "seq", SEQ, "changing", SEQ), EngineOptions.defaults()));
    private static final LivePack SECOND = FIRST.next(
            "v2",
            FIRST.plan()
                    .withFiles(Map.of(
                            "two.eql", "process where x == 2",
                            "seq.eql", SEQ,
                            "changing.eql", "sequence by user [process where x == 1] [process where x > 1]")));

    private long line;

    private static TwoInputStreamOperatorTestHarness<SourceLine, LivePack, RuleEvent> harness() throws Exception {
        var h = new TwoInputStreamOperatorTestHarness<>(new LiveRouterOperator(FIRST, Duration.ofSeconds(1)));
        h.setup(LiveTypes.LIVE_RULE_EVENT.createSerializer(
                h.getExecutionConfig().getSerializerConfig()));
        return h;
    }

    private void feed(TwoInputStreamOperatorTestHarness<SourceLine, LivePack, RuleEvent> h, int x) throws Exception {
        line++;
        String json = "{\"@timestamp\":" + (1_700_000_000_000L + line)
                + ",\"event\":{\"category\":\"process\"},\"user\":\"u\",\"x\":" + x + "}";
        h.processElement1(new StreamRecord<>(SourceLine.ofFile("e", line, json.getBytes(StandardCharsets.UTF_8))));
    }

    private static List<String> routed(TwoInputStreamOperatorTestHarness<SourceLine, LivePack, RuleEvent> h) {
        return h.extractOutputValues().stream()
                .map(r -> r.ruleId() + "@" + r.revision() + ":" + r.position())
                .toList();
    }

    private static List<String> eventMatches(TwoInputStreamOperatorTestHarness<SourceLine, LivePack, RuleEvent> h) {
        var out = h.getSideOutput(LiveRouterOperator.EVENT_MATCHES);
        return out == null
                ? List.of()
                : out.stream()
                        .map(r -> r.getValue().ruleId() + ":" + r.getValue().events())
                        .toList();
    }

    @Test
    void itSwitchesBetweenTwoEventsAndRoutesWithTheNewPacksFilters() throws Exception {
        try (var h = harness()) {
            h.open();
            feed(h, 1); // line 1: one (event query), seq and changing stage 0
            feed(h, 2); // line 2: seq and changing stage 1
            assertThat(routed(h)).containsExactlyInAnyOrder("seq@0:1", "changing@0:1", "seq@0:2", "changing@0:2");
            assertThat(eventMatches(h)).singleElement().asString().startsWith("one:");

            h.processElement2(new StreamRecord<>(SECOND));
            assertThat(h.getSideOutput(LiveRouterOperator.APPLIED))
                    .singleElement()
                    .satisfies(r -> {
                        assertThat(r.getValue().pack().generation()).isEqualTo(1);
                        assertThat(r.getValue().subtask()).isZero();
                        assertThat(r.getValue().parallelism()).isEqualTo(1);
                    });
            feed(h, 1); // line 3: "one" is gone
            feed(h, 3); // line 4: only the changed rule's new filter takes x == 3
            assertThat(routed(h))
                    .containsExactlyInAnyOrder(
                            "seq@0:1",
                            "changing@0:1",
                            "seq@0:2",
                            "changing@0:2",
                            "seq@0:3",
                            "changing@1:3",
                            "changing@1:4");
            assertThat(eventMatches(h)).hasSize(1);
            feed(h, 2); // line 5: the added event query matches
            assertThat(eventMatches(h)).hasSize(2).last().asString().startsWith("two:");

            h.processElement2(new StreamRecord<>(SECOND)); // a replay of a pack it runs: nothing happens
            assertThat(h.getSideOutput(LiveRouterOperator.APPLIED)).hasSize(1);
        }
    }

    @Test
    void aRestoreRoutesWithThePackThatRan() throws Exception {
        OperatorSubtaskState snapshot;
        try (var h = harness()) {
            h.open();
            h.processElement2(new StreamRecord<>(SECOND));
            snapshot = h.snapshot(1, 1);
        }
        try (var h = harness()) { // built with the first pack, as a restarted job is
            h.initializeState(snapshot);
            h.open();
            feed(h, 2);
            feed(h, 1);
            assertThat(eventMatches(h)).singleElement().asString().startsWith("two:");
            assertThat(routed(h)).contains("changing@1:1", "seq@0:2");
        }
    }

    private static List<Object> statuses(TwoInputStreamOperatorTestHarness<SourceLine, LivePack, RuleEvent> h) {
        return h.getOutput().stream()
                .filter(o -> o instanceof WatermarkStatus)
                .map(o -> (Object) o)
                .toList();
    }

    /**
     * Idleness as {@link RouterOperator}'s: an instance that reads no event for the idle timeout marks itself idle,
     * and active again with its next event; a rule pack is no event (it neither keeps it active nor wakes it), and
     * the inputs' own watermark statuses are not used.
     */
    @Test
    void aQuietInstanceMarksItselfIdleAndActiveAgainWithItsNextEvent() throws Exception {
        try (var h = new TwoInputStreamOperatorTestHarness<>(
                new LiveRouterOperator(FIRST, Duration.ofSeconds(1), Duration.ofMillis(500)))) {
            h.setup(LiveTypes.LIVE_RULE_EVENT.createSerializer(
                    h.getExecutionConfig().getSerializerConfig()));
            h.getExecutionConfig().setAutoWatermarkInterval(50);
            h.setProcessingTime(0);
            h.open();
            feed(h, 1);
            h.setProcessingTime(50); // a tick that saw input: quiet from here
            h.setProcessingTime(300);
            h.processElement2(new StreamRecord<>(SECOND)); // a rule update: not an event
            h.processWatermarkStatus1(WatermarkStatus.IDLE); // upstream statuses are not used
            h.processWatermarkStatus2(WatermarkStatus.IDLE);
            h.setProcessingTime(500);
            assertThat(statuses(h)).as("quiet for 450 ms only").isEmpty();
            h.setProcessingTime(550);
            assertThat(statuses(h)).containsExactly(WatermarkStatus.IDLE);
            h.processWatermarkStatus1(WatermarkStatus.ACTIVE); // upstream statuses are not used
            h.processWatermarkStatus2(WatermarkStatus.ACTIVE);
            h.processElement2(new StreamRecord<>(SECOND.next("v3", FIRST.plan())));
            h.setProcessingTime(2_000);
            assertThat(statuses(h)).as("idle once").containsExactly(WatermarkStatus.IDLE);

            feed(h, 2);
            assertThat(statuses(h)).containsExactly(WatermarkStatus.IDLE, WatermarkStatus.ACTIVE);
            assertThat(h.getOutput().stream().filter(o -> o instanceof WatermarkStatus || o instanceof StreamRecord))
                    .as("active before its record")
                    .last()
                    .isInstanceOf(StreamRecord.class);

            // quiet again until the end of the input: active again, so that the final watermark is passed on
            h.setProcessingTime(2_100);
            h.setProcessingTime(3_000);
            assertThat(statuses(h)).hasSize(3).last().isEqualTo(WatermarkStatus.IDLE);
            h.processWatermark1(new Watermark(Long.MAX_VALUE));
            assertThat(statuses(h)).hasSize(4).last().isEqualTo(WatermarkStatus.ACTIVE);
            assertThat(h.getOutput().stream().filter(o -> o instanceof Watermark))
                    .last()
                    .isEqualTo(new Watermark(Long.MAX_VALUE));
        }
    }
}
