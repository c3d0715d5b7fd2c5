package io.eql4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.eql4j.compile.CompileOptions;
import io.eql4j.compile.EqlCompiler;
import io.eql4j.compile.Plan;
import io.eql4j.event.Event;
import io.eql4j.rules.Rule;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Bounded state for every rule kind (issue 13, finding 5): a rule with {@code maxspan} is capped like one without,
 * the engine has a budget over all rules, evictions are least recently used, counted per rule and reported once per
 * rule and interval; and {@code advanceTo} past 2262 (finding 9).
 */
class BoundedStateTest {

    /** The query: a new user on every event, 1 ms apart, so every process event starts a sequence. */
    static final String KEY_EXPLOSION =
            "sequence by user.name with maxspan=1h [process where true] " + "[network where true]";

    private static final long START = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();

    private static Event event(long millis, String category, String user) {
        return Event.of(Map.of(
                "@timestamp",
                Instant.ofEpochMilli(START + millis).toString(),
                "event",
                Map.of("category", category),
                "user",
                Map.of("name", user)));
    }

    private static final class Run {
        final List<Match> matches = new ArrayList<>();
        final List<EventProblem> problems = new ArrayList<>();
        EqlEngine engine;

        Run(Plan plan, RuntimeOptions options) {
            engine = EqlEngine.create(plan, options, matches::add, problems::add);
        }

        List<EventProblem> of(EventProblem.Kind kind) {
            return problems.stream().filter(p -> p.kind() == kind).toList();
        }
    }

    private static Plan plan(Rule... rules) {
        return EqlCompiler.compile(List.of(rules), CompileOptions.defaults());
    }

    @Test
    void aRuleWithMaxspanKeepsAtMostItsPendingLimitAndReportsOncePerInterval() {
        Plan plan = plan(Rule.ofQuery("explode", KEY_EXPLOSION));
        Run run = new Run(
                plan, RuntimeOptions.builder().maxPendingSequences(1_000).build());
        int events = 200_000; // 200 s of event time, 100,000 new users with a process event
        long maxPending = 0;
        for (int i = 0; i < events; i++) {
            run.engine.accept(event(i, i % 2 == 0 ? "process" : "network", "user-" + i));
            maxPending = Math.max(maxPending, run.engine.stats().pendingSequences());
        }
        EngineStats stats = run.engine.stats();
        assertThat(maxPending).isEqualTo(1_000);
        assertThat(stats.evictedSequences()).isEqualTo(100_000 - 1_000);
        assertThat(stats.evictedByRule()).containsExactly(Map.entry("explode", 100_000L - 1_000));
        // the first eviction at once, then at most once per minute of event time: 200 s gives 4 reports
        List<EventProblem> reports = run.of(EventProblem.Kind.EVICTED);
        assertThat(reports).hasSize(4);
        assertThat(reports).allSatisfy(p -> assertThat(p.ruleId()).isEqualTo("explode"));
        assertThat(reports.get(0).message())
                .startsWith("rule [explode] dropped 1 pending sequence (1 in all) to stay"
                        + " within max pending sequences (1000 per rule, 1000000 per engine)");
        run.engine.finish();
        // the rest at the end, once
        List<EventProblem> all = run.of(EventProblem.Kind.EVICTED);
        assertThat(all).hasSize(5);
        assertThat(all.get(4).event()).isNull();
        assertThat(all.get(4).message()).contains("(99000 in all)");
        assertThat(run.matches).isEmpty();
    }

    @Test
    void evictionIsLeastRecentlyUsedSoAKeyInUseStillMatches() {
        Plan plan = plan(Rule.ofQuery(
                "seq",
                "sequence by user.name with maxspan=1h [process where true] "
                        + "[process where true] [network where true]"));
        Run run = new Run(plan, RuntimeOptions.builder().maxPendingSequences(10).build());
        run.engine.accept(event(0, "process", "kept"));
        for (int i = 1; i < 100; i++) {
            run.engine.accept(event(i, "process", "other-" + i));
            if (i % 5 == 0) {
                run.engine.accept(event(i, "process", "kept")); // used again: never the least recently used
            }
        }
        run.engine.accept(event(200, "network", "kept"));
        run.engine.finish();
        assertThat(run.matches).hasSize(1);
        assertThat(run.matches.get(0).joinKeys()).containsExactly("kept");
        assertThat(run.engine.stats().evictedSequences()).isPositive();
    }

    @Test
    void theEngineBudgetEvictsFromTheRuleThatHoldsTheMost() {
        Plan plan = plan(
                Rule.ofQuery("many", KEY_EXPLOSION),
                Rule.ofQuery("few", "sequence by user.name [file where true] [network where true]"),
                Rule.ofQuery("samples", "sample by user.name [process where true] [network where true]"));
        Run run = new Run(plan, RuntimeOptions.builder().maxPendingTotal(2_048).build());
        for (int i = 0; i < 50; i++) {
            run.engine.accept(event(i, "file", "few-" + i));
        }
        long most = 0;
        for (int i = 0; i < 20_000; i++) {
            run.engine.accept(event(100 + i, "process", "many-" + i));
            EngineStats s = run.engine.stats();
            most = Math.max(most, s.pendingSequences() + s.sampleKeys());
        }
        EngineStats stats = run.engine.stats();
        assertThat(most).isLessThanOrEqualTo(2_048);
        // the two rules that explode share the evictions; the quiet one keeps its 50 sequences
        assertThat(stats.evictedByRule()).containsOnlyKeys("many", "samples");
        run.engine.accept(event(30_000, "network", "few-7"));
        assertThat(run.matches)
                .extracting(m -> m.rule().ruleId() + " " + m.joinKeys())
                .containsExactly("few [few-7]");
        assertThat(run.of(EventProblem.Kind.EVICTED))
                .extracting(EventProblem::ruleId)
                .containsExactlyInAnyOrder("many", "samples");
    }

    @Test
    void aSnapshotCarriesTheEvictionReportsSoARestoredEngineDoesNotRepeatThem() throws IOException {
        Plan plan = plan(Rule.ofQuery("explode", KEY_EXPLOSION));
        RuntimeOptions options =
                RuntimeOptions.builder().maxPendingSequences(100).build();
        Run whole = new Run(plan, options);
        Run first = new Run(plan, options);
        for (int i = 0; i < 30_000; i++) {
            whole.engine.accept(event(i, "process", "u" + i));
            if (i < 15_000) {
                first.engine.accept(event(i, "process", "u" + i));
            }
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        first.engine.snapshot(bytes);
        List<EventProblem> second = new ArrayList<>();
        EqlEngine restored =
                EqlEngine.restore(plan, options, new ByteArrayInputStream(bytes.toByteArray()), m -> {}, second::add);
        for (int i = 15_000; i < 30_000; i++) {
            restored.accept(event(i, "process", "u" + i));
        }
        List<String> cut = new ArrayList<>();
        first.problems.forEach(p -> cut.add(p.eventNumber() + " " + p.message()));
        second.forEach(p -> cut.add(p.eventNumber() + " " + p.message()));
        assertThat(cut)
                .containsExactlyElementsOf(whole.problems.stream()
                        .map(p -> p.eventNumber() + " " + p.message())
                        .toList());
        assertThat(restored.stats()).isEqualTo(whole.engine.stats());
    }

    @Test
    void advanceToPast2262MovesTimeToTheLatestTimeAnEventCanHave() {
        for (Instant far : List.of(Instant.parse("2300-01-01T00:00:00Z"), Instant.MAX)) {
            Run run = new Run(plan(Rule.ofQuery("q", "process where true")), RuntimeOptions.defaults());
            run.engine.accept(event(0, "process", "a"));
            run.engine.advanceTo(far);
            run.engine.accept(event(1, "process", "b"));
            assertThat(run.matches).hasSize(1);
            assertThat(run.of(EventProblem.Kind.LATE))
                    .singleElement()
                    .satisfies(p -> assertThat(p.message()).contains("is before 2262-04-11T23:47:16.854Z"));
        }
        Run early = new Run(plan(Rule.ofQuery("q", "process where true")), RuntimeOptions.defaults());
        early.engine.advanceTo(Instant.MIN);
        early.engine.accept(event(0, "process", "a"));
        assertThat(early.matches).hasSize(1);
        assertThat(early.problems).isEmpty();
    }

    @Test
    void optionsRefuseNonsense() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> RuntimeOptions.builder().maxPendingTotal(0))
                .hasMessage("max pending total must be at least 1, got 0");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> RuntimeOptions.builder().maxTimeJump(Duration.ZERO))
                .hasMessage("max time jump must be positive, got PT0S");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> RuntimeOptions.builder().timeJumpConfirmations(0))
                .hasMessage("time jump confirmations must be 1 to 1000, got 0");
        RuntimeOptions o = RuntimeOptions.builder()
                .maxPendingTotal(5)
                .maxTimeJump(Duration.ofHours(2))
                .timeJumpConfirmations(3)
                .evictionReportInterval(Duration.ZERO)
                .build();
        assertThat(o.toBuilder().build()).isEqualTo(o).hasSameHashCodeAs(o);
        assertThat(RuntimeOptions.defaults().maxTimeJump()).isEqualTo(Duration.ofDays(1));
        // carried through EngineOptions, which has no setters of them
        assertThat(EngineOptions.of(CompileOptions.defaults(), o).runtimeOptions())
                .isEqualTo(o);
        assertThat(EngineOptions.of(CompileOptions.defaults(), o).toBuilder()
                        .build()
                        .runtimeOptions())
                .isEqualTo(o);
    }
}
