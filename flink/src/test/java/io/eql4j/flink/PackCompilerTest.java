package io.eql4j.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eql4j.rules.RuleFormatException;
import io.eql4j.rules.RuleProblem;
import io.eql4j.runtime.EngineOptions;
import java.util.List;
import java.util.Map;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** Rule pack updates: compiled with the job's settings, refused with every error at its place, counted in order. */
class PackCompilerTest {

    private static final FlinkPlan PLAN =
            FlinkPlan.ofQueries(Map.of("a", "process where true"), EngineOptions.defaults());

    private static final String TOML = """
            [metadata]
            creation_date = "2026/01/01"

            [rule]
            rule_id = "toml-rule"
            name = "A TOML rule"
            description = "test"
            risk_score = 21
            severity = "low"
            type = "eql"
            language = "eql"
            query = '''
            process where
              foo(process.name)
            '''
            """;

    private static List<String> problems(Map<String, String> files) {
        try {
            PackCompiler.compile(PLAN, new RulePackUpdate("v", files));
        } catch (RuleFormatException e) {
            return e.problems().stream().map(RuleProblem::toString).toList();
        }
        throw new AssertionError("the pack compiled");
    }

    @Test
    void everyErrorOfAPackIsReportedAtItsPlace() {
        assertThat(problems(Map.of(
                        "rules/bad.eql", "process where\n  x ==",
                        "rules/limited.eql", "sequence [process where true] [file where true] | head 3",
                        "rules/good.eql", "process where true",
                        "rules/t.toml", TOML,
                        "notes.txt", "hello")))
                .satisfiesExactly(
                        p -> assertThat(p).startsWith("notes.txt: not a rule file"),
                        p -> assertThat(p).startsWith("rules/bad.eql:2:"),
                        p -> assertThat(p).startsWith("rules/t.toml:14:3: ").contains("foo"));
        assertThat(problems(Map.of("a/x.eql", "process where true", "b/x.eql", "file where true")))
                .singleElement()
                .asString()
                .isEqualTo("b/x.eql: its rule id x is already the id of the rule in a/x.eql");
        assertThat(problems(Map.of())).containsExactly("rule pack: it has no rules");
    }

    @Test
    void aRefusedUpdateLeavesTheRunningPackAndAnAcceptedOneCountsOneUp() throws Exception {
        try (var h = new OneInputStreamOperatorTestHarness<>(
                new ProcessOperator<>(new PackCompiler(LivePack.initial(PLAN))))) {
            h.open();
            h.processElement(new StreamRecord<>(new RulePackUpdate("broken", Map.of("a.eql", "process where ("))));
            assertThat(h.getSideOutput(PackCompiler.REFUSED)).singleElement().satisfies(r -> {
                RuleUpdateReport report = r.getValue();
                assertThat(report.accepted()).isFalse();
                assertThat(report.version()).isEqualTo("broken");
                assertThat(report.generation()).isZero();
                assertThat(report.errors()).singleElement().asString().startsWith("a.eql:1:");
                assertThat(report.toJson()).contains("\"accepted\":false").contains("\"errors\":[\"a.eql:1:");
            });
            assertThat(h.extractOutputValues()).isEmpty();
            h.processElement(new StreamRecord<>(new RulePackUpdate("fixed", Map.of("a.eql", "process where x == 1"))));
            assertThat(h.extractOutputValues()).singleElement().satisfies(p -> {
                assertThat(p.generation()).isEqualTo(1);
                assertThat(p.report().changes().toString()).isEqualTo("reset a\n");
            });
        }
    }

    @Test
    void packsWithResultLimitsAreAcceptedAndALimitChangeResetsTheRule() throws Exception {
        try (var h = new OneInputStreamOperatorTestHarness<>(
                new ProcessOperator<>(new PackCompiler(LivePack.initial(PLAN))))) {
            h.open();
            h.processElement(new StreamRecord<>(new RulePackUpdate(
                    "v1",
                    Map.of(
                            "h.eql", "process where true | head 1",
                            "s.eql", "sequence [process where true] [file where true] | tail 3"))));
            h.processElement(new StreamRecord<>(new RulePackUpdate(
                    "v2",
                    Map.of(
                            "h.eql", "process where true | head 1",
                            "s.eql", "sequence [process where true] [file where true] | tail 4"))));
            assertThat(h.getSideOutput(PackCompiler.REFUSED)).isNull();
            assertThat(h.extractOutputValues())
                    .satisfiesExactly(
                            p -> assertThat(p.report().changes().toString()).isEqualTo("added h\nadded s\nremoved a\n"),
                            p -> {
                                // the limit is part of the rule's machine: a changed limit is a changed rule
                                assertThat(p.report().changes().toString()).isEqualTo("kept h\nreset s\n");
                                assertThat(p.revisions()).containsEntry("h", 1L).containsEntry("s", 2L);
                            });
        }
    }

    @Test
    void aRestoreComparesTheNextUpdateWithThePackThatRan() throws Exception {
        org.apache.flink.runtime.checkpoint.OperatorSubtaskState snapshot;
        try (var h = new OneInputStreamOperatorTestHarness<>(
                new ProcessOperator<>(new PackCompiler(LivePack.initial(PLAN))))) {
            h.open();
            h.processElement(new StreamRecord<>(new RulePackUpdate("v1", Map.of("b.eql", "file where true"))));
            snapshot = h.snapshot(1, 1);
        }
        try (var h = new OneInputStreamOperatorTestHarness<>(
                new ProcessOperator<>(new PackCompiler(LivePack.initial(PLAN))))) {
            h.initializeState(snapshot);
            h.open();
            h.processElement(new StreamRecord<>(
                    new RulePackUpdate("v2", Map.of("b.eql", "file where true", "c.eql", "network where true"))));
            assertThat(h.extractOutputValues()).singleElement().satisfies(p -> {
                assertThat(p.generation()).isEqualTo(2);
                assertThat(p.report().changes().toString()).isEqualTo("kept b\nadded c\n");
                assertThat(p.revisions()).containsEntry("b", 1L).containsEntry("c", 2L);
            });
        }
    }

    @Test
    void anUpdateReadsFromJsonAndRefusesWhatIsNotOne() {
        RulePackUpdate u = RulePackUpdate.fromJson("{\"version\":\"v7\",\"files\":{\"b.eql\":\"x\",\"a.toml\":\"y\"}}");
        assertThat(u.version()).isEqualTo("v7");
        assertThat(u.files()).containsExactly(Map.entry("a.toml", "y"), Map.entry("b.eql", "x"));
        assertThat(RulePackUpdate.fromJson(u.toJson())).isEqualTo(u);
        assertThatThrownBy(() -> RulePackUpdate.fromJson("{\"version\":"))
                .hasMessageStartingWith("a rule pack update is not valid JSON (line 1, column");
        assertThatThrownBy(() -> RulePackUpdate.fromJson("{\"version\":\"v\",\"files\":{\"a.eql\":3}}"))
                .hasMessage("file a.eql of rule pack update v is not a string (a rule file's text)");
        assertThatThrownBy(() -> RulePackUpdate.fromJson("[]"))
                .hasMessage("a rule pack update must be a JSON object with \"version\" and \"files\"");
    }
}
