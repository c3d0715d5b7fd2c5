package io.eql4j;

import static org.assertj.core.api.Assertions.assertThat;

import io.eql4j.compile.CompileOptions;
import io.eql4j.compile.EqlCompiler;
import io.eql4j.compile.Plan;
import io.eql4j.event.Event;
import io.eql4j.rules.Rule;
import io.eql4j.runtime.EqlEngine;
import io.eql4j.runtime.Match;
import io.eql4j.runtime.ReloadReport;
import io.eql4j.runtime.RuntimeOptions;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The calls of the README's snapshot example, checked here; the README's own block is compiled and run from the
 * repository root by the command module's ReadmeSnippetsTest.
 */
class ReadmeStateExampleTest {

    @Test
    void theReadmeSnapshotExampleContinuesTheSequence() throws IOException {
        Rule seq = Rule.ofQuery("seq", "sequence by user [process where true] [file where true]");
        Plan plan = EqlCompiler.compile(List.of(seq), CompileOptions.defaults());
        List<Rule> changedRules = List.of(seq, Rule.ofQuery("new", "network where true"));
        List<Match> detections = new ArrayList<>();
        EqlEngine engine = EqlEngine.create(plan, detections::add);
        engine.accept(Event.of(Map.of("@timestamp", 100_000, "event", Map.of("category", "process"), "user", "u")));
        // README-BEGIN
        ByteArrayOutputStream saved = new ByteArrayOutputStream();
        engine.snapshot(saved); // the reorder buffer, partial sequences with their events, counters
        EqlEngine resumed = EqlEngine.restore(
                plan,
                RuntimeOptions.defaults(),
                new ByteArrayInputStream(saved.toByteArray()),
                detections::add,
                problem -> {});
        ReloadReport report = resumed.reload(EqlCompiler.compile(changedRules, CompileOptions.defaults()));
        System.out.print(report); // "kept <id>", "reset <id>", "added <id>", "removed <id>" per rule
        // README-END
        resumed.accept(Event.of(Map.of("@timestamp", 100_001, "event", Map.of("category", "file"), "user", "u")));
        resumed.finish();
        assertThat(report.toString()).isEqualTo("kept seq\nadded new\n");
        assertThat(detections)
                .singleElement()
                .extracting(m -> m.rule().ruleId())
                .isEqualTo("seq");
    }
}
