package io.eql4j.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eql4j.compile.EqlCompileException;
import io.eql4j.compile.EqlCompiler;
import io.eql4j.compile.Plan;
import io.eql4j.event.Event;
import io.eql4j.runtime.EngineOptions;
import io.eql4j.runtime.EqlEngine;
import io.eql4j.runtime.Match;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The mapping example of the README (between {@code README-BEGIN} and {@code README-END}; the README's copy reads
 * the file from the repository root) and of {@link IndexMapping}'s Javadoc, run as written.
 */
class MappingExampleTest {

    @Test
    void theReadmeExampleTypesPidsAsTheMappingDoes() throws IOException {
        // README-BEGIN
        IndexMapping logs = IndexMapping.read(Path.of("../engine-core/src/test/resources/mapping/logs.json"));
        EngineOptions options = EngineOptions.builder()
                .mapping(logs) // io.eql4j.mapping; IndexMapping.ecs() for ECS
                .strictFields(true) // the mapping lists every field: others are errors
                .build();
        Plan plan = EqlCompiler.compile("process where process.pid > 100", options);
        // README-END

        List<Match> matches = new ArrayList<>();
        EqlEngine engine = EqlEngine.create(plan, matches::add);
        engine.accept(Event.of(Map.of(
                "@timestamp", 1, "event", Map.of("category", "process", "id", "a"), "process", Map.of("pid", "99"))));
        engine.accept(Event.of(Map.of(
                "@timestamp", 2, "event", Map.of("category", "process", "id", "b"), "process", Map.of("pid", "150"))));
        engine.finish();
        assertThat(matches).extracting(m -> m.events().get(0).field("event.id")).containsExactly("b");
        assertThatThrownBy(() -> EqlCompiler.compile("process where user.name == \"root\"", options))
                .isInstanceOf(EqlCompileException.class)
                .hasMessageContaining("Unknown column [user.name]");
    }

    @Test
    void theJavadocExampleCompiles() throws IOException {
        Path dir = Files.createTempDirectory("mapping");
        Files.copy(Path.of("src/test/resources/mapping/logs.json"), dir.resolve("logs-mapping.json"));
        // the example as IndexMapping's Javadoc writes it (checked below), its relative path resolved in dir
        IndexMapping logs = IndexMapping.read(dir.resolve(Path.of("logs-mapping.json")));
        EngineOptions options =
                EngineOptions.builder().mapping(logs).strictFields(true).build();
        Plan plan = EqlCompiler.compile("process where process.pid > 100", options);
        assertThat(plan.fields()).contains("process.pid");
    }

    @Test
    void theJavadocShowsExactlyThisExample() throws IOException {
        // the README's copy is compiled and run from the repository root by the command module's ReadmeSnippetsTest
        String javadoc = Files.readString(Path.of("src/main/java/io/eql4j/mapping/IndexMapping.java"));
        assertThat(javadoc)
                .contains(" * IndexMapping logs = IndexMapping.read(Path.of(\"logs-mapping.json\"));\n"
                        + " * EngineOptions options = EngineOptions.builder().mapping(logs).strictFields(true).build();\n"
                        + " * Plan plan = EqlCompiler.compile(\"process where process.pid > 100\", options);\n");
    }
}
