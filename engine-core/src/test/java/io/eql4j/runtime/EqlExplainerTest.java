package io.eql4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.eql4j.compile.EqlCompiler;
import io.eql4j.compile.Plan;
import io.eql4j.event.Event;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class EqlExplainerTest {

    private static final Plan PLAN = EqlCompiler.compile("""
            sequence by user with maxspan=10s
              [process where name == "a" and interactive == true]
              [process where name == "b"]
            until [process where name == "stop"]
            """);

    private static final long T0 = 1_700_000_000_000L;

    private static Event event(long ms, String user, String name, Object interactive) {
        Map<String, Object> m = new java.util.HashMap<>();
        m.put("@timestamp", T0 + ms);
        m.put("event", Map.of("category", "process"));
        m.put("user", user);
        m.put("name", name);
        if (interactive != null) {
            m.put("interactive", interactive);
        }
        return Event.of(m);
    }

    @Test
    void pinpointsTheClauseThatFailed() {
        List<EqlExplainer.StageCheck> checks = EqlExplainer.of(PLAN).check(event(1, "u", "a", false));
        assertThat(checks).hasSize(3); // two stages and until
        EqlExplainer.StageCheck first = checks.get(0);
        assertThat(first.passed()).isFalse();
        assertThat(first.category().verdict()).isEqualTo(EqlExplainer.Verdict.TRUE);
        assertThat(first.failedClauses()).singleElement().satisfies(c -> {
            assertThat(c.text()).isEqualTo("interactive == true");
            assertThat(c.field()).isEqualTo("interactive");
            assertThat(c.value()).isEqualTo(false);
        });
        assertThat(first.joinKeys()).containsExactly(List.of("u"));

        EqlExplainer.StageCheck missingField =
                EqlExplainer.of(PLAN).check(event(1, "u", "a", null)).get(0);
        assertThat(missingField.failedClauses())
                .singleElement()
                .extracting(EqlExplainer.Clause::verdict)
                .isEqualTo(EqlExplainer.Verdict.UNKNOWN);
    }

    @Test
    void tracesWhatBecameOfEachPartialSequence() {
        List<Event> events = List.of(
                event(1_000, "u1", "a", true), // 1 starts u1
                event(2_000, "u1", "a", true), // 2 replaces 1
                event(3_000, "u2", "b", true), // 3 no candidate for u2
                event(4_000, "u1", "b", true), // 4 completes [2, 4]
                event(5_000, "u3", "a", true), // 5 starts u3
                event(20_000, "u3", "b", true), // 6 too late for u3
                event(21_000, "u4", "a", true), // 7 starts u4
                event(22_000, "u4", "stop", true), // 8 until kills u4
                event(23_000, "u4", "b", true)); // 9 no candidate any more
        EqlExplainer.Trace trace = EqlExplainer.of(PLAN).run(events);
        assertThat(trace.problems()).isEmpty();
        assertThat(trace.matches()).hasSize(1);
        List<String> steps = trace.steps().stream()
                .map(s -> s.eventNumber() + " " + s.step())
                .collect(Collectors.toList());
        assertThat(steps)
                .containsExactly(
                        "1 STARTED",
                        "2 STARTED",
                        "2 REPLACED",
                        "3 NO_CANDIDATE",
                        "4 ADVANCED",
                        "4 COMPLETED",
                        "4 MATCHED",
                        "5 STARTED",
                        "-1 EXPIRED",
                        "6 NO_CANDIDATE",
                        "7 STARTED",
                        "8 KILLED_BY_UNTIL",
                        "9 NO_CANDIDATE");
        assertThat(trace.steps().get(2).message()).contains("replaced the older partial sequence [event 1, -]");
        assertThat(trace.steps().get(8).message()).contains("more than maxspan", "join key [u3]");
    }

    @Test
    void tracesASequenceThatCameTooLateBeforeExpiry() {
        // expiry sweeps run every maxspan/16 of event time: the event at 9.9 s sweeps (nothing has expired yet),
        // so the one at 10.001 s, 1 ms too late, meets the partial sequence and is refused by the advance itself
        EqlExplainer.Trace trace = EqlExplainer.of(PLAN)
                .run(List.of(event(0, "u", "a", true), event(9_900, "x", "b", true), event(10_001, "u", "b", true)));
        assertThat(trace.matches()).isEmpty();
        assertThat(trace.steps())
                .extracting(EqlExplainer.TraceStep::step)
                .containsExactly(EqlExplainer.Step.STARTED, EqlExplainer.Step.NO_CANDIDATE, EqlExplainer.Step.TOO_LATE);
        assertThat(trace.steps().get(2).message()).contains("10001 ms after", "more than maxspan");
    }
}
