package io.eql4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eql4j.compile.TimestampPrecision;
import io.eql4j.event.Event;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Event time and memory: reordering within the allowed lateness, late events, events without timestamp,
 * {@code advanceTo}, {@code finish}, expiry and eviction of state, and rule errors.
 */
class TimeAndMemoryTest {

    private static final String DOCS_EXAMPLE = "sequence by user.name [process where name == \"attrib\"] "
            + "[process where name == \"bash\"] [process where name == \"cat\"]";
    private static final String[] DOCS_EVENTS = {
        "root attrib",
        "root attrib",
        "elkbee bash",
        "root bash",
        "root bash",
        "elkbee attrib",
        "root attrib",
        "elkbee bash",
        "root cat",
        "elkbee cat",
        "root cat"
    };

    /** The docs' example events (spec §6.7), one second apart, in the given arrival order. */
    private static Timeline docsExample(List<Integer> arrival, Duration lateness) {
        Timeline t = Timeline.query(DOCS_EXAMPLE).options(o -> o.allowedLateness(lateness));
        for (int i : arrival) {
            String[] userAndName = DOCS_EVENTS[i - 1].split(" ");
            t.at(
                    Timeline.time(i * 1000L),
                    "id=" + i + " category=process user.name=" + userAndName[0] + " name=" + userAndName[1]);
        }
        return t;
    }

    @Test
    void outOfOrderInputWithinTheLatenessGivesTheSortedResult() {
        List<Integer> ids = new ArrayList<>();
        for (int i = 1; i <= DOCS_EVENTS.length; i++) {
            ids.add(i);
        }
        docsExample(ids, Duration.ZERO).expect("2,4,9 by root", "6,8,10 by elkbee");
        Random random = new Random(42);
        for (int round = 0; round < 20; round++) {
            List<Integer> shuffled = new ArrayList<>(ids);
            Collections.shuffle(shuffled, random);
            Timeline.Run run =
                    docsExample(shuffled, Duration.ofSeconds(11)).expect("2,4,9 by root", "6,8,10 by elkbee");
            assertThat(run.problems()).as("arrival " + shuffled).isEmpty();
            assertThat(run.stats().eventsProcessed()).isEqualTo(11);
        }
    }

    @Test
    void bufferedEventsWaitForTheWatermark() {
        Timeline.Run run = Timeline.query("any where true")
                .options(o -> o.allowedLateness(Duration.ofSeconds(5)))
                .at("00:00:01", "id=1")
                .at("00:00:03", "id=2")
                .run();
        assertThat(run.delivered()).isEmpty();
        assertThat(run.stats().bufferedEvents()).isEqualTo(2);
        run.at("00:00:06", "id=3");
        assertThat(run.delivered()).containsExactly("1");
        run.at("00:00:02", "id=4");
        assertThat(run.delivered()).containsExactly("1");
        run.advanceTo("00:00:08");
        assertThat(run.delivered()).containsExactly("1", "4", "2");
        assertThat(run.stats().bufferedEvents()).isEqualTo(1);
        run.finish();
        assertThat(run.delivered()).containsExactly("1", "4", "2", "3");
        assertThat(run.stats().bufferedEvents()).isZero();
        assertThat(run.stats().eventsReceived()).isEqualTo(4);
        assertThat(run.stats().eventsProcessed()).isEqualTo(4);
    }

    @Test
    void lateEventsAreReportedAndLeftOutWhileOtherMatchesGoOn() {
        Timeline.Run run = Timeline.query("sequence by u [any where x == 1] [any where x == 2]")
                .options(o -> o.allowedLateness(Duration.ofSeconds(2)))
                .at("00:00:10", "id=1 u=a x=1")
                .at("00:00:20", "id=2 u=b x=1")
                .at("00:00:15", "id=3 u=a x=2")
                .at("00:00:19", "id=4 u=b x=0")
                .at("00:00:21", "id=5 u=b x=2")
                .at("00:00:21", "id=6 u=a x=2")
                .expect("2,5 by b", "1,6 by a");
        assertThat(run.problems()).containsExactly("LATE #3");
        EventProblem late = run.problemRecords().get(0);
        assertThat(late.kind()).isEqualTo(EventProblem.Kind.LATE);
        assertThat(late.eventNumber()).isEqualTo(3);
        assertThat(Timeline.id(late.event())).isEqualTo("3");
        assertThat(late.toString()).startsWith("event 3: late: its time 2026-01-01T00:00:15Z");
        assertThat(run.stats().lateEvents()).isEqualTo(1);
        assertThat(run.stats().eventsReceived()).isEqualTo(6);
        assertThat(run.stats().eventsProcessed()).isEqualTo(5);
    }

    @Test
    void withoutLatenessAnyEventOlderThanTheLastIsLate() {
        Timeline.Run run = Timeline.query("any where true")
                .at("00:00:02", "id=1")
                .at("00:00:01.999", "id=2")
                .at("00:00:02", "id=3")
                .expect("1", "3");
        assertThat(run.problems()).containsExactly("LATE #2");
    }

    @Test
    void theTiebreakerOrdersEqualTimestamps() {
        String query = "sequence [any where x == 1] [any where x == 2]";
        Timeline.query(query)
                .options(o -> o.tiebreakerField("seq").allowedLateness(Duration.ofSeconds(1)))
                .at("00:00:01", "id=1 x=1 seq=2")
                .at("00:00:01", "id=2 x=2 seq=1")
                .at("00:00:01", "id=3 x=2 seq=3")
                .expect("1,3");
        // a null tiebreaker sorts after every value
        Timeline.query(query)
                .options(o -> o.tiebreakerField("seq").allowedLateness(Duration.ofSeconds(1)))
                .at("00:00:01", "id=1 x=2")
                .at("00:00:01", "id=2 x=1 seq=5")
                .expect("2,1");
        // without lateness, an equal timestamp with a smaller tiebreaker after a bigger one is late
        Timeline.Run run = Timeline.query(query)
                .options(o -> o.tiebreakerField("seq"))
                .at("00:00:01", "id=1 x=1 seq=2")
                .at("00:00:01", "id=2 x=2 seq=1")
                .at("00:00:01", "id=3 x=2 seq=3")
                .expect("1,3");
        assertThat(run.problems()).containsExactly("LATE #2");
        // without a tiebreaker, arrival order decides
        Timeline.query(query)
                .options(o -> o.allowedLateness(Duration.ofSeconds(1)))
                .at("00:00:01", "id=1 x=2")
                .at("00:00:01", "id=2 x=1")
                .at("00:00:01", "id=3 x=2")
                .expect("2,3");
    }

    @Test
    void eventsWithoutTimestampAreReportedAndStillSampled() {
        Timeline.Run run = Timeline.queries(
                        "sequence by k [any where a == 1] [any where b == 1]",
                        "sample by k [any where a == 1] [any where b == 1]",
                        "any where b == 1")
                .at("00:00:01", "id=1 k=x a=1")
                .event("id=2 k=x b=1")
                .event("id=3 k=x b=1 @timestamp=yesterday")
                .at("00:00:03", "id=4 k=y a=1")
                .expect("r2: 1,2 by x");
        assertThat(run.problems()).containsExactly("NO_TIMESTAMP #2", "NO_TIMESTAMP #3");
        assertThat(run.problemRecords().get(1).toString())
                .startsWith("event 3: no usable timestamp")
                .contains("yesterday");
        assertThat(run.stats().eventsWithoutTimestamp()).isEqualTo(2);
        assertThat(run.stats().eventsReceived()).isEqualTo(4);
        assertThat(run.stats().eventsProcessed()).isEqualTo(2);
    }

    @Test
    void samplesAloneNeedNoTimestamp() {
        Timeline.Run run = Timeline.query("sample by k [any where a == 1] [any where b == 1]")
                .event("id=1 k=x a=1")
                .event("id=2 k=x b=1")
                .expect("1,2 by x");
        assertThat(run.problems()).isEmpty();
        assertThat(run.stats().eventsWithoutTimestamp()).isZero();
    }

    @Test
    void timestampsInOtherForms() {
        // an offset, epoch millis as a double, and epoch millis with a fraction all land on the same time line;
        // 6 is one microsecond beyond maxspan, which only nanosecond precision sees
        for (TimestampPrecision precision : TimestampPrecision.values()) {
            Timeline t = Timeline.query(
                            "sequence with maxspan=1s [any where x == 1] [any where x == 2] " + "[any where x == 3]")
                    .options(o -> o.timestampPrecision(precision))
                    .event(Map.of("id", 1, "x", 1, "@timestamp", "2026-01-01T01:00:01+01:00"))
                    .event(Map.of("id", 2, "x", 2, "@timestamp", 1.7672256015E12))
                    .event(Map.of("id", 3, "x", 3, "@timestamp", "1767225602000.000"))
                    .event(Map.of("id", 4, "x", 1, "@timestamp", "2026-01-01T00:00:03Z"))
                    .event(Map.of("id", 5, "x", 2, "@timestamp", 1767225603500L))
                    .event(Map.of("id", 6, "x", 3, "@timestamp", "1767225604000.001"));
            if (precision == TimestampPrecision.NANOS) {
                t.expect("1,2,3");
            } else {
                t.expect("1,2,3", "4,5,6");
            }
        }
    }

    @Test
    void theTimestampFieldOption() {
        Timeline.Run run = Timeline.query("sequence [any where x == 1] [any where x == 2]")
                .options(o -> o.timestampField("event.created"))
                .event("id=1 x=1 event.created=2026-01-01T00:00:01Z")
                .event("id=2 x=2 @timestamp=2026-01-01T00:00:00Z")
                .event("id=3 x=2 event.created=2026-01-01T00:00:02Z")
                .expect("1,3");
        assertThat(run.problems()).containsExactly("NO_TIMESTAMP #2");
    }

    @Test
    void finishEndsTheStream() {
        Timeline.Run run =
                Timeline.query("any where true").at("00:00:01", "id=1").run().finish();
        run.finish();
        assertThat(run.delivered()).containsExactly("1");
        assertThatThrownBy(() -> run.at("00:00:02", "id=2")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> run.advanceTo("00:00:02")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void stateReturnsToZeroWhenTimePassesMaxspanAfterABurst() {
        Timeline.Run run = Timeline.query("sequence by k with maxspan=10s [any where a == 1] [any where b == 1]")
                .options(o -> o.allowedLateness(Duration.ofSeconds(1)))
                .run();
        for (int i = 0; i < 10_000; i++) {
            run.at(Timeline.time(i), "id=" + i + " k=k" + i + " a=1");
        }
        EngineStats during = run.stats();
        assertThat(during.bufferedEvents()).isBetween(900L, 1001L);
        assertThat(during.pendingSequences() + during.bufferedEvents()).isEqualTo(10_000);
        // the watermark is 11 s: sequences that started before 1 s are over
        run.advanceTo("00:00:12");
        assertThat(run.stats().bufferedEvents()).isZero();
        assertThat(run.stats().pendingSequences()).isEqualTo(10_000 - 1_000);
        run.advanceTo("00:00:21");
        EngineStats after = run.stats();
        assertThat(after.pendingSequences()).isZero();
        assertThat(after.bufferedEvents()).isZero();
        assertThat(after.expiredSequences()).isEqualTo(10_000);
        // expired state does not match any more, new state does
        run.at("00:00:22", "id=a k=k9999 b=1");
        run.at("00:00:23", "id=b k=k9999 a=1");
        run.at("00:00:24", "id=c k=k9999 b=1").finish();
        assertThat(run.delivered()).containsExactly("b,c by k9999");
    }

    @Test
    void completedSequencesWaitingForATrailingVerdictAreDecidedAndForgotten() {
        Timeline.Run run = Timeline.query(
                        "sequence by k with maxspan=1s [any where a == 1] [any where b == 1] " + "![any where c == 1]")
                .run();
        // k0..k999 start at 0..999 ms; k0..k499 complete 500 ms later and wait for their trailing verdict
        for (int t = 0; t < 1_000; t++) {
            if (t >= 500) {
                run.at(Timeline.time(t), "id=b" + (t - 500) + " k=k" + (t - 500) + " b=1");
            }
            run.at(Timeline.time(t), "id=a" + t + " k=k" + t + " a=1");
        }
        run.at(Timeline.time(999), "id=c0 k=k0 c=1");
        EngineStats during = run.stats();
        assertThat(during.pendingSequences()).isEqualTo(500);
        assertThat(during.pendingDecisions()).isEqualTo(499);
        assertThat(run.delivered()).isEmpty();
        run.advanceTo("00:00:05");
        EngineStats after = run.stats();
        assertThat(after.pendingSequences()).isZero();
        assertThat(after.pendingDecisions()).isZero();
        assertThat(after.expiredSequences()).isEqualTo(500);
        List<String> delivered = run.delivered();
        assertThat(delivered).hasSize(499);
        assertThat(delivered.get(0)).isEqualTo("a1,b1,- by k1");
        assertThat(delivered.get(498)).isEqualTo("a499,b499,- by k499");
    }

    @Test
    void withoutMaxspanTheOldestPendingSequencesAreEvicted() {
        Timeline.Run run = Timeline.query("sequence by k [any where a == 1] [any where b == 1]")
                .options(o -> o.maxPendingSequences(100))
                .run();
        for (int i = 0; i < 1_000; i++) {
            run.at(Timeline.time(i), "id=" + i + " k=k" + i + " a=1");
        }
        assertThat(run.stats().pendingSequences()).isEqualTo(100);
        assertThat(run.stats().evictedSequences()).isEqualTo(900);
        run.at("00:00:02", "id=x k=k0 b=1");
        run.at("00:00:03", "id=y k=k999 b=1");
        assertThat(run.delivered()).containsExactly("999,y by k999");
    }

    @Test
    void aRuleErrorStopsNeitherTheRuleNorTheOthers() {
        Timeline.Run run = Timeline.queries("any where number(s) > 0", "any where s == \"x\"")
                .at("00:00:01", "id=1 s=x")
                .at("00:00:02", "id=2 s=\"5\"")
                .expect("r2: 1", "r1: 2");
        assertThat(run.problems()).containsExactly("RULE_ERROR #1 r1");
        assertThat(run.problemRecords().get(0).toString())
                .startsWith("event 1: ")
                .contains("r1")
                .contains("Unable to convert [x]");
        assertThat(run.stats().ruleErrors()).isEqualTo(1);
        assertThat(run.stats().matches()).isEqualTo(2);
    }

    @Test
    void anEventThatWaitsInTheReorderBufferIsEvaluatedAndReportedOnce() {
        Timeline.Run run = Timeline.queries("any where number(s) > 0", "any where s == \"x\"")
                .options(o -> o.allowedLateness(java.time.Duration.ofSeconds(10)))
                .at("00:00:02", "id=2 s=\"5\"")
                .at("00:00:01", "id=1 s=x")
                .expect("r2: 1", "r1: 2");
        assertThat(run.problems()).containsExactly("RULE_ERROR #2 r1");
        assertThat(run.stats().ruleErrors()).isEqualTo(1);
        assertThat(run.stats().matches()).isEqualTo(2);
    }

    @Test
    void aRuleErrorInASequenceLeavesItsStateUsable() {
        Timeline.Run run = Timeline.query("sequence by k [any where a == 1] [any where number(s) > 0]")
                .at("00:00:01", "id=1 k=x a=1")
                .at("00:00:02", "id=2 k=x s=x")
                .at("00:00:03", "id=3 k=x s=\"7\"")
                .expect("1,3 by x");
        assertThat(run.problems()).containsExactly("RULE_ERROR #2 query");
    }

    @Test
    void eventsOfEveryShape() {
        // the same stream as Map events and Jackson events gives the same matches
        Timeline.query("sequence by host.name [any where process.name == \"a\"] [any where process.name == \"b\"]")
                .event(Event.of(Timeline.pairs("id=1 host.name=h process.name=a @timestamp=2026-01-01T00:00:01Z")))
                .event("{\"id\": 2, \"@timestamp\": \"2026-01-01T00:00:02Z\", \"host\": {\"name\": \"h\"}, "
                        + "\"process.name\": \"b\"}")
                .expect("1,2 by h");
    }
}
