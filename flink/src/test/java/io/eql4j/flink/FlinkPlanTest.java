package io.eql4j.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eql4j.compile.TimestampPrecision;
import io.eql4j.rules.Rule;
import io.eql4j.rules.RulePack;
import io.eql4j.runtime.EngineOptions;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rules travel to the tasks as text and compile there to the same rules, with their metadata and settings. */
class FlinkPlanTest {

    @TempDir
    Path tmp;

    @Test
    void aPackSurvivesJavaSerialisationWithItsMetadataAndSettings() throws Exception {
        RulePack pack =
                RulePack.load(Path.of("src/test/resources/rules/event-queries")).orThrow();
        EngineOptions options = EngineOptions.builder()
                .tiebreakerField("event.sequence")
                .timestampPrecision(TimestampPrecision.NANOS)
                .build();
        FlinkPlan plan = FlinkPlan.of(pack, options);

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(plan);
        }
        FlinkPlan copy;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (FlinkPlan) in.readObject();
        }
        assertThat(copy).isEqualTo(plan);
        assertThat(copy.plan().rules())
                .extracting(Rule::ruleId, Rule::name, Rule::severity, Rule::riskScore)
                .containsExactlyElementsOf(pack.rules().stream()
                        .map(r ->
                                org.assertj.core.groups.Tuple.tuple(r.ruleId(), r.name(), r.severity(), r.riskScore()))
                        .toList());
        assertThat(copy.plan().options().tiebreakerField()).isEqualTo("event.sequence");
        assertThat(copy.plan().options().timestampPrecision()).isEqualTo(TimestampPrecision.NANOS);
    }

    /** A TOML rule whose file is gone cannot be sent with its metadata: refused rather than sent without it. */
    @Test
    void aRuleWhoseFileIsGoneIsRefused() throws Exception {
        Path file = tmp.resolve("r.toml");
        Files.copy(Path.of("src/test/resources/rules/event-queries/container_processes.toml"), file);
        RulePack pack = RulePack.load(file).orThrow();
        Files.delete(file);
        assertThatThrownBy(() -> FlinkPlan.of(pack, EngineOptions.defaults()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot be sent to the Flink tasks");
    }

    @Test
    void equalCopiesShareOneCompiledPlanAndOtherSettingsDoNot() throws Exception {
        java.util.Map<String, String> queries = java.util.Map.of("q", "process where x == 1");
        FlinkPlan plan = FlinkPlan.ofQueries(queries, EngineOptions.defaults());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(plan);
        }
        FlinkPlan copy;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (FlinkPlan) in.readObject();
        }
        assertThat(copy.plan()).isSameAs(plan.plan());
        FlinkPlan other = FlinkPlan.ofQueries(
                queries,
                EngineOptions.builder().tiebreakerField("event.sequence").build());
        assertThat(other.plan()).isNotSameAs(plan.plan());
        assertThat(other.plan().options().tiebreakerField()).isEqualTo("event.sequence");
    }
}
