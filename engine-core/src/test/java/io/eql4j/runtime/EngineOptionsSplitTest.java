package io.eql4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eql4j.compile.CompileOptions;
import io.eql4j.compile.EqlCompiler;
import io.eql4j.compile.Plan;
import io.eql4j.event.Event;
import io.eql4j.rules.Rule;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Compile-time and run-time options are two types; builders refuse contradictory calls. */
class EngineOptionsSplitTest {

    private static final String SEQ = "sequence [process where true] [file where true]";

    @Test
    void onePlanRunsUnderDifferentRuntimeOptionsWithoutRecompiling() {
        Plan plan = EqlCompiler.compile(SEQ, CompileOptions.defaults());
        // the file event arrives before the process event it follows in time
        List<Map<String, Object>> events = List.of(
                Map.of("@timestamp", 200_000, "event", Map.of("category", "file")),
                Map.of("@timestamp", 100_000, "event", Map.of("category", "process")),
                Map.of("@timestamp", 900_000, "event", Map.of("category", "other")));
        assertThat(run(plan, RuntimeOptions.defaults(), events)).isZero();
        assertThat(run(
                        plan,
                        RuntimeOptions.builder()
                                .allowedLateness(Duration.ofSeconds(500))
                                .build(),
                        events))
                .isEqualTo(1);
    }

    private static int run(Plan plan, RuntimeOptions options, List<Map<String, Object>> events) {
        List<Match> matches = new ArrayList<>();
        EqlEngine engine = EqlEngine.builder()
                .plan(plan)
                .runtimeOptions(options)
                .onMatch(matches::add)
                .build();
        assertThat(engine.runtimeOptions()).isEqualTo(options);
        events.forEach(e -> engine.accept(Event.of(e)));
        engine.finish();
        return matches.size();
    }

    @Test
    void engineOptionsAreBothAndTheirRuntimePartIsThePlansDefault() {
        EngineOptions both = EngineOptions.builder()
                .tiebreakerField("seq")
                .allowedLateness(Duration.ofSeconds(3))
                .maxPendingSequences(7)
                .build();
        assertThat(both.compileOptions())
                .isEqualTo(CompileOptions.builder().tiebreakerField("seq").build());
        assertThat(both.runtimeOptions())
                .isEqualTo(RuntimeOptions.builder()
                        .allowedLateness(Duration.ofSeconds(3))
                        .maxPendingSequences(7)
                        .build());
        assertThat(EngineOptions.of(both.compileOptions(), both.runtimeOptions())
                        .toString())
                .isEqualTo(both.toString());
        Plan plan = EqlCompiler.compile(SEQ, both);
        assertThat(EqlEngine.defaultRuntimeOptions(plan)).isEqualTo(both.runtimeOptions());
        assertThat(EqlEngine.create(plan, m -> {}).runtimeOptions()).isEqualTo(both.runtimeOptions());
        assertThat(CompileOptions.sameAs(
                        both, CompileOptions.builder().tiebreakerField("seq").build()))
                .isTrue();
        assertThat(CompileOptions.sameAs(both, CompileOptions.defaults())).isFalse();
    }

    @Test
    void builderRefusesContradictoryCalls() {
        Plan plan = EqlCompiler.compile(SEQ);
        assertThatThrownBy(() -> EqlEngine.builder().plan(plan).query(SEQ))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("either rules or a plan");
        assertThatThrownBy(() -> EqlEngine.builder().query(SEQ).plan(plan))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("either rules or a compiled plan");
        assertThatThrownBy(() -> EqlEngine.builder().plan(plan).options(EngineOptions.defaults()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("runtimeOptions(...)");
        assertThatThrownBy(() ->
                        EqlEngine.builder().options(EngineOptions.defaults()).plan(plan))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("runtimeOptions(...)");
        assertThatThrownBy(() -> EqlEngine.builder().query(SEQ).query("any where true"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("two rules with the id [query]");
        assertThatThrownBy(
                        () -> EqlEngine.builder().rule(Rule.ofQuery("a", SEQ)).rules(List.of(Rule.ofQuery("a", SEQ))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("[a]");
        assertThatThrownBy(() -> EqlEngine.builder()
                        .runtimeOptions(RuntimeOptions.defaults())
                        .runtimeOptions(RuntimeOptions.defaults()))
                .isInstanceOf(IllegalStateException.class);
        assertThat(EqlEngine.builder()
                        .query("a", SEQ)
                        .query("b", "any where true")
                        .onMatch(m -> {})
                        .build()
                        .plan()
                        .rules())
                .extracting(Rule::ruleId)
                .containsExactly("a", "b");
    }

    @Test
    void runtimeOptionsRefuseImpossibleValues() {
        assertThatThrownBy(() -> RuntimeOptions.builder().allowedLateness(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RuntimeOptions.builder().maxPendingSequences(0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RuntimeOptions.builder().maxSamplesPerKey(0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CompileOptions.builder().size(-2)).isInstanceOf(IllegalArgumentException.class);
    }
}
