package io.eql4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eql4j.compile.EqlCompileException;
import io.eql4j.compile.EqlCompiler;
import io.eql4j.event.Event;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EngineListenerTest {

    private static Event at(long ms) {
        return Event.of(Map.of("@timestamp", 1_700_000_000_000L + ms, "event", Map.of("category", "process")));
    }

    @Test
    void whatTheMatchListenerThrowsReachesTheCaller() {
        List<EventProblem> problems = new ArrayList<>();
        EqlEngine engine = EqlEngine.builder()
                .query("any where true")
                .onMatch(m -> {
                    throw new IllegalStateException("listener bug");
                })
                .onProblem(problems::add)
                .build();
        assertThatThrownBy(() -> engine.accept(at(0)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("listener bug");
        assertThat(problems).isEmpty();
        assertThat(engine.stats().ruleErrors()).isZero();
    }

    @Test
    void lateEventsAreReportedWithReadableTimes() {
        List<EventProblem> problems = new ArrayList<>();
        EqlEngine engine = EqlEngine.builder()
                .query("any where true")
                .onMatch(m -> {})
                .onProblem(problems::add)
                .build();
        engine.accept(at(1_000));
        engine.accept(at(0));
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(EventProblem.Kind.LATE);
            assertThat(p.eventNumber()).isEqualTo(2);
            assertThat(p.message()).contains("2023-11-14T22:13:20Z", "2023-11-14T22:13:21Z");
            assertThat(p.toString()).startsWith("event 2: late: ");
        });
    }

    @Test
    void anInvalidCidrBlockIsReportedAtItself() {
        assertThatThrownBy(() -> EqlCompiler.compile("any where cidrMatch(source.ip, \"10.0.0.0/8\", \"10.0.0/33\")"))
                .isInstanceOf(EqlCompileException.class)
                .satisfies(e -> assertThat(((EqlCompileException) e).column()).isEqualTo(46));
    }

    @Test
    void theMatchesOfOneEventComeInRuleOrderWhateverOrderTheDispatcherFindsThem() {
        // the dispatcher looks at category buckets before rules of any category, so it finds "process" first
        List<io.eql4j.rules.Rule> rules = List.of(
                io.eql4j.rules.Rule.ofQuery("any-1", "any where event.action == \"start\""),
                io.eql4j.rules.Rule.ofQuery("process", "process where event.action == \"start\""),
                io.eql4j.rules.Rule.ofQuery("any-2", "any where true"),
                io.eql4j.rules.Rule.ofQuery("sequence", "sequence [process where true] [any where true]"));
        List<String> order = new ArrayList<>();
        EqlEngine engine = EqlEngine.builder()
                .rules(rules)
                .onMatch(m -> order.add(m.rule().ruleId()))
                .build();
        for (long ms : new long[] {0, 1}) {
            engine.accept(Event.of(Map.of(
                    "@timestamp", 1_700_000_000_000L + ms, "event", Map.of("category", "process", "action", "start"))));
        }
        assertThat(order).containsExactly("any-1", "process", "any-2", "any-1", "process", "any-2", "sequence");
    }
}
