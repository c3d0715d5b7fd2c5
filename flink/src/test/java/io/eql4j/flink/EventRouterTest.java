package io.eql4j.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.eql4j.runtime.EngineOptions;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.util.ListCollector;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.junit.jupiter.api.Test;

/** The first operator: one record per (rule, join key) an event feeds, with the stages it passed. */
class EventRouterTest {

    private final List<RuleEvent> out = new ArrayList<>();
    private final List<ProblemRecord> problems = new ArrayList<>();
    private long lineNumber;

    private EventRouter router(String... idsAndQueries) {
        Map<String, String> queries = new LinkedHashMap<>();
        for (int i = 0; i < idsAndQueries.length; i += 2) {
            queries.put(idsAndQueries[i], idsAndQueries[i + 1]);
        }
        EventRouter router = new EventRouter(FlinkPlan.ofQueries(queries, EngineOptions.defaults()));
        router.init(new UnregisteredMetricsGroup());
        return router;
    }

    private void feed(EventRouter router, String json) {
        lineNumber++;
        router.route(
                SourceLine.ofFile("events.ndjson", lineNumber, json.getBytes(StandardCharsets.UTF_8)),
                new ListCollector<>(out),
                problems::add);
    }

    @Test
    void anEventQueryGetsTheEventsThatPassItsFilterWithoutKey() {
        EventRouter router = router("q", "process where process.name == \"a\"");
        String a = "{\"@timestamp\":\"2024-01-01T00:00:01.5Z\",\"event\":{\"category\":\"process\"},"
                + "\"process\":{\"name\":\"a\"}}";
        feed(router, a);
        feed(router, "{\"@timestamp\":2000,\"event\":{\"category\":\"process\"},\"process\":{\"name\":\"b\"}}");
        assertThat(out).hasSize(1);
        RuleEvent r = out.get(0);
        assertThat(r.ruleId()).isEqualTo("q");
        assertThat(r.key()).isEqualTo(JoinKeyValues.NONE);
        assertThat(r.stages()).containsExactly(0);
        assertThat(r.until()).isFalse();
        assertThat(r.time())
                .isEqualTo(java.time.Instant.parse("2024-01-01T00:00:01.5Z").toEpochMilli());
        assertThat(r.event()).isEqualTo(a);
        assertThat(r.origin()).isEqualTo("events.ndjson:1");
        assertThat(problems).isEmpty();
    }

    @Test
    void aSequenceEventNamesItsStagesAndUntilPerJoinKey() {
        EventRouter router = router(
                "s",
                "sequence by user.name [process where process.name == \"a\"] "
                        + "[process where process.name in (\"a\", \"b\")] until [process where process.name == \"a\"]");
        feed(
                router,
                "{\"@timestamp\":1,\"event\":{\"category\":\"process\"},\"process\":{\"name\":\"a\"},"
                        + "\"user\":{\"name\":\"u1\"}}");
        feed(
                router,
                "{\"@timestamp\":2,\"event\":{\"category\":\"process\"},\"process\":{\"name\":\"b\"},"
                        + "\"user\":{\"name\":\"u1\"}}");
        assertThat(out).hasSize(2);
        assertThat(out.get(0).key()).isEqualTo(JoinKeyValues.of("u1"));
        assertThat(out.get(0).stages()).containsExactly(0, 1);
        assertThat(out.get(0).until()).isTrue();
        assertThat(out.get(1).stages()).containsExactly(1);
        assertThat(out.get(1).until()).isFalse();
    }

    @Test
    void aMultiValuedKeyFeedsEachKeyAndAMissingRequiredKeyNone() {
        EventRouter router = router("s", "sequence by user.name [process where true] [file where true]");
        feed(router, "{\"@timestamp\":1,\"event\":{\"category\":\"process\"},\"user\":{\"name\":[\"u1\",\"u2\"]}}");
        feed(router, "{\"@timestamp\":2,\"event\":{\"category\":\"file\"}}");
        assertThat(out).extracting(RuleEvent::key).containsExactly(JoinKeyValues.of("u1"), JoinKeyValues.of("u2"));
        assertThat(problems).isEmpty();
    }

    @Test
    void stagesMayHaveTheirOwnKeysAndOptionalKeysMayBeNull() {
        EventRouter router = router("s", "sequence [process where true] by ?a [process where true] by b");
        feed(router, "{\"@timestamp\":1,\"event\":{\"category\":\"process\"},\"a\":5,\"b\":\"x\"}");
        feed(router, "{\"@timestamp\":2,\"event\":{\"category\":\"process\"},\"b\":\"y\"}");
        assertThat(out)
                .extracting(r -> r.key() + " " + java.util.Arrays.toString(r.stages()))
                .containsExactly("[5] [0]", "[x] [1]", "[null] [0]", "[y] [1]");
    }

    @Test
    void rulesComeInPlanOrderAndTypedKeysStayTyped() {
        EventRouter router =
                router("second", "sample by n [any where true] [any where true]", "first", "any where n == 1");
        feed(router, "{\"@timestamp\":1,\"n\":1}");
        assertThat(out).extracting(RuleEvent::ruleId).containsExactly("second", "first");
        assertThat(out.get(0).key().values()).containsExactly(1L);
        assertThat(out.get(0).time()).as("a sample takes events without time").isEqualTo(RuleEvent.NO_TIME);
        assertThat(out.get(1).time()).isEqualTo(1);
    }

    @Test
    void aLineThatIsNotJsonIsAProblemNamingItsPlace() {
        EventRouter router = router("q", "any where true");
        feed(router, "{\"@timestamp\":1}");
        feed(router, "{\"@timestamp\":2,");
        feed(router, "[1]");
        assertThat(out).hasSize(1);
        assertThat(problems)
                .extracting(ProblemRecord::kind)
                .containsExactly(ProblemRecord.Kind.MALFORMED, ProblemRecord.Kind.MALFORMED);
        assertThat(problems.get(0).toString()).startsWith("events.ndjson:2: ");
        assertThat(problems.get(1).message()).contains("not a JSON object but array");
    }

    @Test
    void anEventWithoutTimeIsReportedAndGoesToSamplesOnly() {
        EventRouter router = router("q", "any where n == 1", "s", "sample by n [any where true] [any where true]");
        feed(router, "{\"n\":1}");
        assertThat(out).extracting(RuleEvent::ruleId).containsExactly("s");
        assertThat(out.get(0).time()).isEqualTo(RuleEvent.NO_TIME);
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(ProblemRecord.Kind.NO_TIMESTAMP);
            assertThat(p.message()).contains("@timestamp");
        });
    }

    @Test
    void anEventThatPassesNoFilterEmitsNothing() {
        EventRouter router = router("q", "process where true");
        feed(router, "{\"@timestamp\":1,\"event\":{\"category\":\"file\"}}");
        feed(router, "{\"event\":{\"category\":\"network\"}}"); // no time, but no rule wants it: no problem
        assertThat(out).isEmpty();
        assertThat(problems).isEmpty();
    }

    /** An adapter's event over a map that counts how often it is written as JSON (Jackson iterates its entries). */
    private static final class CountingMap extends LinkedHashMap<String, Object> {
        private static final long serialVersionUID = 1L;
        int iterations;

        @Override
        public java.util.Set<Map.Entry<String, Object>> entrySet() {
            iterations++;
            return super.entrySet();
        }
    }

    private static CountingMap event(long time, String category, String name) {
        CountingMap m = new CountingMap();
        m.put("@timestamp", time);
        m.put("event", Map.of("category", category));
        m.put("process", Map.of("name", name));
        return m;
    }

    @Test
    void anAdaptersEventIsEvaluatedAsItIsAndWrittenAsJsonOnlyWhenItPasses() {
        EventRouter router = router("q", "process where process.name == \"a\"");
        CountingMap passes = event(1, "process", "a");
        CountingMap fails = event(2, "process", "b");
        router.route(
                SourceLine.ofEvent("own", 0, 1, io.eql4j.event.Event.of(passes)),
                new ListCollector<>(out),
                problems::add);
        router.route(
                SourceLine.ofEvent("own", 0, 2, io.eql4j.event.Event.of(fails)),
                new ListCollector<>(out),
                problems::add);
        assertThat(out).singleElement().satisfies(r -> {
            assertThat(r.origin()).isEqualTo("own/0@1");
            assertThat(r.event()).contains("\"name\":\"a\"").startsWith("{\"@timestamp\":1,");
        });
        assertThat(problems).isEmpty();
        assertThat(passes.iterations).as("written as JSON once").isEqualTo(1);
        assertThat(fails.iterations).as("never written as JSON").isZero();
    }

    @Test
    void anAdaptersEventThatCannotBeWrittenAsJsonIsAProblemOnlyWhenItPasses() {
        EventRouter router = router("q", "process where process.name == \"a\"");
        // an event of the user's own making whose source is neither a map nor JSON
        class Own implements io.eql4j.event.Event {
            private final String name;

            Own(String name) {
                this.name = name;
            }

            @Override
            public Object field(io.eql4j.event.FieldPath path) {
                return switch (path.toString()) {
                    case "@timestamp" -> 5L;
                    case "event.category" -> "process";
                    case "process.name" -> name;
                    default -> null;
                };
            }

            @Override
            public Object source() {
                return this;
            }
        }
        router.route(SourceLine.ofEvent("own", 0, 1, new Own("b")), new ListCollector<>(out), problems::add);
        assertThat(problems).isEmpty();
        router.route(SourceLine.ofEvent("own", 0, 2, new Own("a")), new ListCollector<>(out), problems::add);
        assertThat(out).isEmpty();
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(ProblemRecord.Kind.MALFORMED);
            assertThat(p.origin()).isEqualTo("own/0@2");
            assertThat(p.message()).startsWith("the adapter's event cannot be written as JSON");
        });
    }
}
