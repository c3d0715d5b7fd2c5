package io.eql4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.eql4j.event.Event;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue #13, item 9: events built with {@code Event.of} from trees nested 100,000 deep used to throw
 * StackOverflowError out of {@code accept}. A deep event is now evaluated (deep lists are flattened without
 * recursion) or reported as a problem, and the stream goes on: the next event matches as usual.
 */
class DeepEventsTest {

    private static final int DEPTH = 100_000;

    private static Map<String, Object> deepMaps() {
        Map<String, Object> root = new HashMap<>();
        Map<String, Object> node = root;
        for (int i = 0; i < DEPTH; i++) {
            Map<String, Object> child = new HashMap<>();
            node.put("a", child);
            node = child;
        }
        return root;
    }

    /** [[[ ... [leaf] ... ]]] */
    private static List<Object> deepLists(Object leaf) {
        List<Object> root = new ArrayList<>();
        List<Object> node = root;
        for (int i = 0; i < DEPTH; i++) {
            List<Object> child = new ArrayList<>();
            node.add(child);
            node = child;
        }
        node.add(leaf);
        return root;
    }

    private record Outcome(List<String> matched, List<EventProblem> problems) {}

    private static Outcome run(String query, List<Map<String, ?>> events) {
        List<String> matched = new ArrayList<>();
        List<EventProblem> problems = new ArrayList<>();
        EqlEngine engine = EqlEngine.builder()
                .query(query)
                .onMatch(m -> m.events().forEach(e -> matched.add(String.valueOf(e.field("id")))))
                .onProblem(problems::add)
                .build();
        for (Map<String, ?> event : events) {
            engine.accept(Event.of(event));
        }
        engine.finish();
        return new Outcome(matched, problems);
    }

    private static Map<String, Object> event(long ts, String id, String key, Object value) {
        Map<String, Object> event = new HashMap<>();
        event.put("@timestamp", ts);
        event.put("event", Map.of("category", "process"));
        event.put("id", id);
        if (key != null) {
            event.put(key, value);
        }
        return event;
    }

    @Test
    void deeplyNestedListsAreFlattened() {
        for (String query : List.of(
                "process where x == \"v\"",
                "process where x : \"v*\"",
                "process where length(x) == 1",
                "sequence by x [process where true] [process where true]")) {
            Outcome out = run(query, List.of(event(1, "deep", "x", deepLists("v")), event(2, "plain", "x", "v")));
            assertThat(out.problems()).as(query).isEmpty();
            assertThat(out.matched()).as(query).contains("plain");
            if (!query.startsWith("sequence")) {
                assertThat(out.matched()).as(query).containsExactly("deep", "plain");
            } else {
                assertThat(out.matched()).as(query).containsExactly("deep", "plain");
            }
        }
    }

    @Test
    void deepTreesBelowAFieldAreReportedAndTheStreamGoesOn() {
        List<Object> deepObjects = deepLists(Map.of("y", "v"));
        Outcome out = run(
                "process where x.y == \"v\"",
                List.of(event(1, "deep", "x", deepObjects), event(2, "plain", "x", Map.of("y", "v"))));
        assertThat(out.matched()).contains("plain");
        // whether the deep one is found depends on the stack: found, or reported, never thrown
        if (!out.matched().contains("deep")) {
            assertThat(out.problems()).singleElement().satisfies(p -> {
                assertThat(p.eventNumber()).isEqualTo(1);
                assertThat(p.kind()).isEqualTo(EventProblem.Kind.RULE_ERROR);
                assertThat(p.message()).contains("nested too deeply").doesNotContain("java.lang");
            });
        }
    }

    @Test
    void deepMapsAndADeepTimestamp() {
        Map<String, Object> deep = event(1, "deep", "a", deepMaps().get("a"));
        Outcome out =
                run("process where a.a.a != null", List.of(deep, event(2, "plain", "a", Map.of("a", Map.of("a", 1)))));
        // in the deep event a.a.a is an object, which is not a value
        assertThat(out.problems()).isEmpty();
        assertThat(out.matched()).containsExactly("plain");
        Map<String, Object> deepTime = event(0, "deep", null, null);
        deepTime.put("@timestamp", deepLists(5L));
        Outcome timed = run("process where true", List.of(deepTime, event(6, "plain", null, null)));
        assertThat(timed.problems()).isEmpty();
        assertThat(timed.matched()).containsExactly("deep", "plain");
    }
}
