package io.eql4j.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.eql4j.compile.EqlCompiler;
import io.eql4j.compile.Plan;
import io.eql4j.event.Event;
import io.eql4j.internal.time.Timestamps;
import io.eql4j.parser.EqlException;
import io.eql4j.rules.Rule;
import io.eql4j.runtime.EngineOptions;
import io.eql4j.runtime.EqlEngine;
import io.eql4j.runtime.EventProblem;
import io.eql4j.runtime.RuntimeOptions;
import io.eql4j.runtime.SnapshotCuts;
import io.eql4j.testing.SharedData;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The bound on a jump in event time ({@link RuntimeOptions#maxTimeJump()}) changes nothing on honest data: every
 * query of every dataset of the Elasticsearch suite, its events in time order at allowed lateness 0 (where a late
 * event is lost, so a wrong move of time shows), finds with the default bound exactly what it finds without one, and
 * no problem is reported that the unbounded run does not report. The datasets have gaps of days to months between
 * their events, and endgame-140 starts at the epoch (see docs/notes/engine.md, "One event cannot move time far").
 */
class TimeJumpConformanceTest {

    @TestFactory
    Stream<DynamicTest> everyQueryInTimeOrderFindsWithTheBoundWhatItFindsWithout() throws IOException {
        Path root = SharedData.require("conformance/es");
        List<DynamicTest> tests = new ArrayList<>();
        for (EsConformanceTest.Dataset dataset : EsConformanceTest.datasets(root)) {
            List<JsonNode> ordered = inTimeOrder(dataset);
            List<Rule> pack = new ArrayList<>();
            for (String file : dataset.queryFiles()) {
                for (EsConformanceTest.Case c :
                        EsConformanceTest.cases(root.resolve("suite").resolve(file), file)) {
                    pack.add(Rule.ofQuery(c.id(), c.query()));
                    tests.add(DynamicTest.dynamicTest(
                            c.id(), () -> compare(dataset, List.of(Rule.ofQuery(c.id(), c.query())), ordered)));
                }
            }
            tests.add(DynamicTest.dynamicTest(
                    String.join("+", dataset.queryFiles()) + " as one pack", () -> compare(dataset, pack, ordered)));
        }
        return tests.stream();
    }

    /** The dataset's events by (timestamp, tiebreaker, line); events without a readable time keep their place first. */
    static List<JsonNode> inTimeOrder(EsConformanceTest.Dataset dataset) {
        List<JsonNode> events = new ArrayList<>(dataset.events());
        Comparator<JsonNode> byTime = Comparator.comparingLong(TimeJumpConformanceTest::time);
        if (dataset.tiebreaker() != null) {
            byTime = byTime.thenComparingLong(e -> e.path(dataset.tiebreaker()).asLong(Long.MAX_VALUE));
        }
        events.sort(byTime);
        return events;
    }

    private static long time(JsonNode event) {
        JsonNode ts = event.get("@timestamp");
        try {
            return ts == null
                    ? Long.MIN_VALUE
                    : Timestamps.parseToEpochNanos(ts.isNumber() ? ts.longValue() : ts.asText());
        } catch (IllegalArgumentException noTime) {
            return Long.MIN_VALUE;
        }
    }

    private static void compare(EsConformanceTest.Dataset dataset, List<Rule> rules, List<JsonNode> events) {
        EngineOptions options = EsConformanceTest.options(dataset, 50, 1);
        Plan plan;
        try {
            plan = EqlCompiler.compile(rules, options);
        } catch (EqlException | IllegalArgumentException refused) {
            return; // a query the suite expects to fail, or one the engine does not support: not this test's subject
        }
        RuntimeOptions bounded = options.runtimeOptions().toBuilder()
                .allowedLateness(Duration.ZERO)
                .build();
        assertThat(bounded.maxTimeJump()).isEqualTo(RuntimeOptions.defaults().maxTimeJump());
        RuntimeOptions unbounded = bounded.toBuilder()
                .maxTimeJump(RuntimeOptions.NO_TIME_JUMP_LIMIT)
                .build();
        List<String> withBound = new ArrayList<>();
        List<String> withoutBound = new ArrayList<>();
        List<String> problemsWith = new ArrayList<>();
        List<String> problemsWithout = new ArrayList<>();
        run(plan, bounded, events, withBound, problemsWith);
        run(plan, unbounded, events, withoutBound, problemsWithout);
        Map<String, List<String>> byRuleWith = byRule(withBound);
        Map<String, List<String>> byRuleWithout = byRule(withoutBound);
        assertThat(byRuleWith).as("matches per rule with the default bound").isEqualTo(byRuleWithout);
        assertThat(withBound).as("matches with the default bound").isEqualTo(withoutBound);
        assertThat(problemsWith).as("problems with the default bound").isEqualTo(problemsWithout);
    }

    /** The matches of each rule (a pack's matches interleave: a difference is easier to read per rule). */
    private static Map<String, List<String>> byRule(List<String> matches) {
        Map<String, List<String>> out = new TreeMap<>();
        for (String m : matches) {
            out.computeIfAbsent(m.substring(0, m.indexOf(' ')), k -> new ArrayList<>())
                    .add(m);
        }
        return out;
    }

    private static void run(
            Plan plan, RuntimeOptions options, List<JsonNode> events, List<String> matches, List<String> problems) {
        EqlEngine engine = EqlEngine.create(
                plan,
                options,
                m -> matches.add(SnapshotCuts.describe(m)),
                (EventProblem p) -> problems.add(p.kind() + " " + p.eventNumber() + " " + p.message()));
        for (JsonNode event : events) {
            engine.accept(Event.of(event));
        }
        engine.finish();
    }
}
