package io.eql4j.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.eql4j.runtime.EngineOptions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** The first operator stamps its records with their event time and moves the watermark with every event's time. */
class RouterOperatorTest {

    private static final FlinkPlan PLAN = FlinkPlan.ofQueries(
            Map.of(
                    "q", "process where true",
                    "s", "sample by host [file where true] [file where true]"),
            EngineOptions.defaults());

    private long line;

    private void feed(OneInputStreamOperatorTestHarness<SourceLine, RuleEvent> h, String json) throws Exception {
        line++;
        h.processElement(new StreamRecord<>(SourceLine.ofFile("e", line, json.getBytes(StandardCharsets.UTF_8))));
    }

    private static String event(String category, long time) {
        return "{\"@timestamp\":" + time + ",\"event\":{\"category\":\"" + category + "\"},\"host\":\"h\"}";
    }

    private static List<Long> watermarks(OneInputStreamOperatorTestHarness<SourceLine, RuleEvent> h) {
        return h.getOutput().stream()
                .filter(o -> o instanceof Watermark)
                .map(o -> ((Watermark) o).getTimestamp())
                .toList();
    }

    @Test
    void recordsCarryTheirTimeAndEveryEventMovesTheWatermark() throws Exception {
        try (OneInputStreamOperatorTestHarness<SourceLine, RuleEvent> h =
                new OneInputStreamOperatorTestHarness<>(new RouterOperator(PLAN, Duration.ofSeconds(1)))) {
            h.getExecutionConfig().setAutoWatermarkInterval(50);
            h.open();
            feed(h, event("process", 100_000));
            assertThat(h.extractOutputStreamRecords()).singleElement().satisfies(r -> {
                assertThat(r.getTimestamp()).isEqualTo(100_000);
                assertThat(r.getValue().ruleId()).isEqualTo("q");
            });
            h.setProcessingTime(50);
            assertThat(watermarks(h)).containsExactly(100_000L - 1000 - 1);

            // events no rule wants: one in 64 is read for its time, and time moves with it
            for (int i = 0; i < 64; i++) {
                feed(h, event("network", 200_000 + i));
            }
            h.setProcessingTime(100);
            assertThat(watermarks(h)).containsExactly(98_999L, 200_063L - 1000 - 1);

            // a sample needs no time: its record has none, and nothing moves
            feed(h, "{\"event\":{\"category\":\"file\"},\"host\":\"h\"}");
            assertThat(h.extractOutputStreamRecords()).last().satisfies(r -> {
                assertThat(r.getValue().ruleId()).isEqualTo("s");
                assertThat(r.hasTimestamp()).isFalse();
            });
            h.setProcessingTime(150);
            assertThat(watermarks(h)).hasSize(2);

            h.processWatermark(new Watermark(Long.MAX_VALUE));
            assertThat(watermarks(h)).last().isEqualTo(Long.MAX_VALUE);
        }
    }

    private static List<Object> statuses(OneInputStreamOperatorTestHarness<SourceLine, RuleEvent> h) {
        return h.getOutput().stream()
                .filter(o -> o instanceof WatermarkStatus)
                .map(o -> (Object) o)
                .toList();
    }

    /** An instance that reads nothing for the idle timeout marks itself idle, and active again with its next event. */
    @Test
    void aQuietInstanceMarksItselfIdleAndActiveAgainWithItsNextEvent() throws Exception {
        try (OneInputStreamOperatorTestHarness<SourceLine, RuleEvent> h = new OneInputStreamOperatorTestHarness<>(
                new RouterOperator(PLAN, Duration.ofSeconds(1), Duration.ofMillis(500)))) {
            h.getExecutionConfig().setAutoWatermarkInterval(50);
            h.setProcessingTime(0);
            h.open();
            feed(h, event("process", 100_000));
            h.setProcessingTime(50); // a tick that saw input: quiet from here
            h.setProcessingTime(500);
            assertThat(statuses(h)).as("quiet for 450 ms only").isEmpty();
            h.setProcessingTime(550);
            assertThat(statuses(h)).containsExactly(WatermarkStatus.IDLE);
            h.setProcessingTime(2_000);
            assertThat(statuses(h)).as("idle once").containsExactly(WatermarkStatus.IDLE);

            feed(h, event("process", 101_000));
            assertThat(statuses(h)).containsExactly(WatermarkStatus.IDLE, WatermarkStatus.ACTIVE);
            assertThat(h.getOutput().stream().filter(o -> o instanceof WatermarkStatus || o instanceof StreamRecord))
                    .as("active before its record")
                    .last()
                    .isInstanceOf(StreamRecord.class);
            h.setProcessingTime(2_050);
            assertThat(watermarks(h)).last().isEqualTo(101_000L - 1000 - 1);

            // quiet again until the end of the input: active again, so that the final watermark is passed on
            h.setProcessingTime(2_100);
            h.setProcessingTime(3_000);
            assertThat(statuses(h)).hasSize(3).last().isEqualTo(WatermarkStatus.IDLE);
            h.processWatermark(new Watermark(Long.MAX_VALUE));
            assertThat(statuses(h)).hasSize(4).last().isEqualTo(WatermarkStatus.ACTIVE);
            assertThat(watermarks(h)).last().isEqualTo(Long.MAX_VALUE);
        }
    }

    /** Without watermarks (unbounded lateness) there is nothing to hold back: an instance never marks itself idle. */
    @Test
    void withAnUnboundedLatenessAnInstanceIsNeverIdle() throws Exception {
        try (OneInputStreamOperatorTestHarness<SourceLine, RuleEvent> h = new OneInputStreamOperatorTestHarness<>(
                new RouterOperator(PLAN, EqlFlink.UNBOUNDED, Duration.ofMillis(100)))) {
            h.getExecutionConfig().setAutoWatermarkInterval(50);
            h.open();
            h.setProcessingTime(10_000);
            assertThat(statuses(h)).isEmpty();
        }
    }

    /** Late as the engine decides it: older than the newest time read before it, less the allowed lateness. */
    @Test
    void aLateEventIsReportedOnceAndNotEmittedForTimedRules() throws Exception {
        Map<String, String> queries = new java.util.LinkedHashMap<>();
        queries.put("q", "process where true");
        queries.put("q2", "process where host == \"h\"");
        queries.put("s", "sample by host [process where true] [file where true]");
        RouterOperator operator =
                new RouterOperator(FlinkPlan.ofQueries(queries, EngineOptions.defaults()), Duration.ofSeconds(1));
        try (OneInputStreamOperatorTestHarness<SourceLine, RuleEvent> h =
                new OneInputStreamOperatorTestHarness<>(operator)) {
            h.open();
            feed(h, event("process", 100_000));
            feed(h, event("process", 99_000)); // exactly the lateness behind: not late
            feed(h, event("process", 98_999)); // late
            // samples take every event, without time (first, as the engine runs them on arrival); the late event
            // reaches them only
            assertThat(h.extractOutputStreamRecords())
                    .extracting(r -> r.getValue().ruleId() + (r.hasTimestamp() ? "@" + r.getTimestamp() : ""))
                    .containsExactly("s", "q@100000", "q2@100000", "s", "q@99000", "q2@99000", "s");
            assertThat(h.getSideOutput(EventRouter.PROBLEMS))
                    .extracting(StreamRecord::getValue)
                    .singleElement()
                    .satisfies(p -> {
                        assertThat(p.kind()).isEqualTo(ProblemRecord.Kind.LATE);
                        assertThat(p.origin()).isEqualTo("e:3");
                        assertThat(p.ruleId()).isNull();
                        assertThat(p.message())
                                .contains("1970-01-01T00:01:38.999Z")
                                .contains("PT1S");
                    });
        }
    }

    @Test
    void anUnboundedLatenessEmitsNoWatermarkBeforeTheEnd() throws Exception {
        try (OneInputStreamOperatorTestHarness<SourceLine, RuleEvent> h =
                new OneInputStreamOperatorTestHarness<>(new RouterOperator(PLAN, EqlFlink.UNBOUNDED))) {
            h.getExecutionConfig().setAutoWatermarkInterval(50);
            h.open();
            feed(h, event("process", 100_000));
            h.setProcessingTime(500);
            assertThat(watermarks(h)).isEmpty();
            h.processWatermark(new Watermark(Long.MAX_VALUE));
            assertThat(watermarks(h)).containsExactly(Long.MAX_VALUE);
        }
    }

    @Test
    void withoutPeriodicWatermarksEachEventMayMoveIt() throws Exception {
        try (OneInputStreamOperatorTestHarness<SourceLine, RuleEvent> h =
                new OneInputStreamOperatorTestHarness<>(new RouterOperator(PLAN, Duration.ZERO))) {
            h.getExecutionConfig().setAutoWatermarkInterval(0);
            h.open();
            feed(h, event("process", 100_000));
            feed(h, event("process", 90_000));
            feed(h, event("process", 100_010));
            assertThat(watermarks(h)).containsExactly(99_999L, 100_009L);
        }
    }
}
