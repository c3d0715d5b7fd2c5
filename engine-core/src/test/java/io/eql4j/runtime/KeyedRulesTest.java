package io.eql4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eql4j.compile.EqlCompiler;
import io.eql4j.compile.Plan;
import io.eql4j.event.Event;
import io.eql4j.internal.plan.KeyedDriver;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The per-(rule, join key) driver that a partitioned runtime (eql4j-flink) keeps state for. */
class KeyedRulesTest {

    private static final String SEQ = "sequence by user with maxspan=10s [process where x == 1] [process where x == 2]"
            + " until [process where x == 9]";

    private static KeyedDriver driver(Plan plan) {
        return KeyedDriver.create(EqlEngine.data(plan), 1);
    }

    private static Event ev(String text) {
        return Event.of(Map.of("text", text));
    }

    @Test
    void aSequenceAdvancesCompletesAndExpiresPerKey() {
        Plan plan = EqlCompiler.compile(SEQ);
        KeyedDriver d = driver(plan);
        Object state = d.newState(0);
        List<Event[]> out = new ArrayList<>();
        Event a = ev("a");
        Event b = ev("b");
        d.onEvent(0, state, new int[] {0}, false, a, 1_000, out::add);
        assertThat(out).isEmpty();
        assertThat(d.isEmpty(0, state)).isFalse();
        assertThat(d.nextWake(0, state)).isEqualTo(11_000);
        d.onEvent(0, state, new int[] {1}, false, b, 5_000, out::add);
        assertThat(out).hasSize(1);
        assertThat(out.get(0)).containsExactly(a, b);
        assertThat(d.isEmpty(0, state)).isTrue();

        // a window that passes: the key's state expires and is empty
        d.onEvent(0, state, new int[] {0}, false, a, 20_000, out::add);
        d.onTime(0, state, 30_000, out::add);
        assertThat(d.isEmpty(0, state)).isFalse(); // 20 000 + 10 000 is not yet passed
        d.onTime(0, state, 30_001, out::add);
        assertThat(d.isEmpty(0, state)).isTrue();
        assertThat(out).hasSize(1);
    }

    @Test
    void untilKillsAndTheStateSurvivesItsBytes() {
        Plan plan = EqlCompiler.compile(SEQ);
        KeyedDriver d = driver(plan);
        List<Event[]> out = new ArrayList<>();
        Object state = d.newState(0);
        d.onEvent(0, state, new int[] {0}, false, ev("a"), 1_000, out::add);
        byte[] bytes = KeyedDriver.write(state, e -> (String) ((Map<?, ?>) e.source()).get("text"));
        Object back = KeyedDriver.read(bytes, ExampleEvent::new);
        d.onEvent(0, back, new int[] {1}, false, ev("b"), 2_000, out::add);
        assertThat(out).hasSize(1);
        assertThat(out.get(0)[0].source()).isEqualTo("a");

        Object killed = KeyedDriver.read(bytes, ExampleEvent::new);
        d.onEvent(0, killed, new int[0], true, ev("stop"), 1_500, out::add);
        d.onEvent(0, killed, new int[] {1}, false, ev("b"), 2_000, out::add);
        assertThat(out).hasSize(1);
        assertThat(d.isEmpty(0, killed)).isTrue();

        assertThatThrownBy(() -> KeyedDriver.read(new byte[] {5, 1}, ExampleEvent::new))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot be read");
    }

    @Test
    void aSampleDeliversOnceItHasOneEventPerFilter() {
        Plan plan = EqlCompiler.compile("sample by host [any where a == 1] [any where b == 1]");
        KeyedDriver d = driver(plan);
        List<Event[]> out = new ArrayList<>();
        Object state = d.newState(0);
        Event x = ev("x");
        d.onEvent(0, state, new int[] {0, 1}, false, x, 0, out::add);
        assertThat(out).isEmpty(); // one event cannot be both
        Event y = ev("y");
        d.onEvent(0, state, new int[] {1}, false, y, 0, out::add);
        assertThat(out).hasSize(1);
        assertThat(out.get(0)).containsExactly(x, y);
        Object back = KeyedDriver.read(
                KeyedDriver.write(state, e -> (String) ((Map<?, ?>) e.source()).get("text")), ExampleEvent::new);
        d.onEvent(0, back, new int[] {0}, false, ev("z"), 0, out::add);
        assertThat(out).hasSize(1); // at most one sample per key here
    }

    @Test
    void eventQueriesHaveNoKeyedState() {
        KeyedDriver d = driver(EqlCompiler.compile("process where true"));
        assertThatThrownBy(() -> d.newState(0)).isInstanceOf(IllegalArgumentException.class);
    }

    /** An event that is only its text. */
    private record ExampleEvent(String text) implements Event {
        @Override
        public Object field(io.eql4j.event.FieldPath path) {
            return null;
        }

        @Override
        public Object source() {
            return text;
        }
    }
}
