package io.eql4j.testkit;

import static io.eql4j.testkit.TestDir.event;
import static io.eql4j.testkit.TestDir.events;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Invalid test files and cases: errors as file:line:column: message (docs/rule-tests.md §8). */
class RunnerErrorsTest {

    @TempDir
    Path tmp;

    TestDir dir;

    @BeforeEach
    void setUp() {
        dir = new TestDir(tmp);
    }

    private static final String AB = events(event("a", 0, "a", "u"), event("b", 10, "b", "u"));

    /** Every problem of the file and its cases, once each, with the temporary directory left out of paths. */
    private List<String> problems(RuleTestFile file) {
        Set<String> all = new LinkedHashSet<>();
        file.problems().forEach(p -> all.add(p.toString()));
        file.cases().forEach(c -> c.problems().forEach(p -> all.add(p.toString())));
        List<String> out = new ArrayList<>();
        all.forEach(p -> out.add(p.replace(tmp + "/", "")));
        return out;
    }

    /** The problems of the one case of a valid file; the case must be an ERROR when run. */
    private List<String> caseProblems(RuleTestFile file) {
        assertThat(file.problems()).isEmpty();
        CaseResult r = TestDir.only(file);
        assertThat(r.status()).isEqualTo(CaseResult.Status.ERROR);
        assertThat(r.actual()).isEmpty();
        assertThat(r.report())
                .isEqualTo(String.join(
                        "\n", r.problems().stream().map(Object::toString).toList()));
        return problems(file);
    }

    @Test
    void unknownKeyInACase() {
        RuleTestFile file = dir.seq("[[case]]\nname = \"x\"\n  expcet = [[\"a\", \"b\"]]\n" + AB);
        assertThat(caseProblems(file))
                .containsExactly(
                        "t.test.toml:4:3: unknown key \"expcet\" in [[case]]; allowed: name, description, events, events_file, "
                                + "event_ids, id_field, expect, match, settings",
                        "t.test.toml:2:1: the case has no expect");
    }

    @Test
    void unknownKeysAtTheTopLevelAndInTablesPointAtTheKey() {
        RuleTestFile file = dir.seq("""
                evnets_file = "x.ndjson"
                [setting]
                size = 1
                [settings]
                sise = 1
                [[case]]
                name = "x"
                expect = [{ events = ["a", "b"], key = ["u"] }, ["a", { missing = true, really = true }]]
                """ + AB);
        assertThat(problems(file))
                .containsExactly(
                        "t.test.toml:2:1: unknown key \"evnets_file\" in the top level; allowed: rule, description, id_field, "
                                + "events_file, settings, case",
                        "t.test.toml:3:1: unknown key \"setting\" in the top level; allowed: rule, description, id_field, "
                                + "events_file, settings, case",
                        "t.test.toml:6:1: unknown key \"sise\" in [settings]; allowed: timestamp_field, tiebreaker_field, "
                                + "category_field, size, max_samples_per_key, allowed_lateness, mappings, ecs, dynamic_mapping",
                        "t.test.toml:9:34: unknown key \"key\" in an expect table; allowed: events, keys",
                        "t.test.toml:9:73: unknown key \"really\" in a { missing = ... } table; allowed: missing",
                        "t.test.toml:9:55: stage 2 is not a missing-event stage: write the id of its event");
        assertThat(file.run()).extracting(CaseResult::status).containsExactly(CaseResult.Status.ERROR);
    }

    @Test
    void unknownEventIdInExpect() {
        assertThat(caseProblems(dir.seq("[[case]]\nname = \"x\"\nexpect = [[\"a\", \"bb\"]]\n" + AB)))
                .containsExactly("t.test.toml:4:17: no event with id \"bb\" among the case's events");
    }

    @Test
    void unknownDuplicateAndEmptyEventIds() {
        assertThat(caseProblems(dir.seq(
                        "[[case]]\nname = \"x\"\nevent_ids = [\"a\", \"c\", \"a\", 1.5]\n" + "expect = []\n" + AB)))
                .containsExactly(
                        "t.test.toml:4:19: no event with id \"c\" in the case's events",
                        "t.test.toml:4:24: duplicate entry \"a\" in event_ids",
                        "t.test.toml:4:29: expected case.event_ids entry to be an event id (a string or an integer), found a "
                                + "float");
        assertThat(caseProblems(dir.seq("[[case]]\nname = \"x\"\nevent_ids = []\nexpect = []\n" + AB)))
                .containsExactly("t.test.toml:4:13: event_ids must not be empty: leave it out to keep every event");
        // an id that exists in the source but was narrowed away is not among the case's events
        assertThat(caseProblems(
                        dir.seq("[[case]]\nname = \"x\"\nevent_ids = [\"a\"]\nexpect = [[\"a\", \"b\"]]\n" + AB)))
                .containsExactly("t.test.toml:5:17: no event with id \"b\" among the case's events");
    }

    @Test
    void wrongNumberOfIdsForTheStages() {
        assertThat(caseProblems(dir.seq("[[case]]\nname = \"x\"\nexpect = [\"a\", [\"a\", \"b\", \"b\"]]\n" + AB)))
                .containsExactly(
                        "t.test.toml:4:11: expected 2 ids, one per stage (the query has 2 stages), found 1",
                        "t.test.toml:4:16: expected 2 ids, one per stage (the query has 2 stages), found 3");
        assertThat(caseProblems(
                        dir.load("single.test.toml", "[[case]]\nname = \"x\"\nexpect = [[\"a\", \"b\"]]\n" + AB)))
                .containsExactly(
                        "single.test.toml:3:11: expected 1 id, one per stage (an event query has one stage), found 2");
    }

    @Test
    void runsCountAsStagesAndMissingStagesNeedThePlaceholder() {
        dir.write(
                "runs.eql",
                "sequence by user.name with maxspan=1m [process where process.name == \"a\"] with runs=2 "
                        + "![process where process.name == \"c\"] [process where process.name == \"b\"]");
        assertThat(caseProblems(dir.load("runs.test.toml", """
                [[case]]
                name = "x"
                expect = [["a", "a", "b", "b"], ["a", "a", { missing = true }], [1, 2, { missing = false }, 3]]
                """ + AB)))
                .containsExactly(
                        "runs.test.toml:3:22: stage 3 is a missing-event stage ![...]: write { missing = true } there",
                        "runs.test.toml:3:33: expected 4 ids, one per stage (the query has 4 stages), found 3",
                        "runs.test.toml:3:66: no event with id \"1\" among the case's events",
                        "runs.test.toml:3:69: no event with id \"2\" among the case's events",
                        "runs.test.toml:3:84: missing can only be true",
                        "runs.test.toml:3:93: no event with id \"3\" among the case's events");
    }

    @Test
    void joinKeysOfTheWrongLengthOrForAnEventQuery() {
        assertThat(caseProblems(dir.seq("[[case]]\nname = \"x\"\n"
                        + "expect = [{ events = [\"a\", \"b\"], keys = [\"u\", \"v\"] }]\n" + AB)))
                .containsExactly("t.test.toml:4:41: expected 1 join key (the query's by keys), found 2");
        assertThat(caseProblems(dir.load(
                        "single.test.toml",
                        "[[case]]\nname = \"x\"\n" + "expect = [{ events = [\"a\"], keys = [] }]\n" + AB)))
                .containsExactly("single.test.toml:3:36: an event query has no join keys: remove keys");
    }

    @Test
    void containsWithNothingExpectedCouldNeverFail() {
        assertThat(caseProblems(dir.seq("[[case]]\nname = \"x\"\nmatch = \"contains\"\nexpect = []\n" + AB)))
                .containsExactly("t.test.toml:5:10: expect must not be empty with match = \"contains\": such a case "
                        + "could never fail");
        // an expect whose only match is invalid is not empty: only the invalid match is reported
        assertThat(caseProblems(dir.seq("[[case]]\nname = \"x\"\nmatch = \"contains\"\nexpect = [true]\n" + AB)))
                .containsExactly("t.test.toml:5:11: expected a match: an array of event ids, an event id, or "
                        + "{ events = [...], keys = [...] }; found a boolean");
    }

    @Test
    void valuesOfTheWrongTypeOrOutOfRange() {
        assertThat(caseProblems(dir.seq("""
                [[case]]
                name = "x"
                match = "subset"
                expect = [1.5]
                settings = { size = -1, allowed_lateness = "5 sec", max_samples_per_key = 0, timestamp_field = "" }
                """ + AB)))
                .containsExactly(
                        "t.test.toml:4:9: expected case.match to be \"exact\" or \"contains\", found \"subset\"",
                        "t.test.toml:5:11: expected a match: an array of event ids, an event id, or "
                                + "{ events = [...], keys = [...] }; found a float",
                        "t.test.toml:6:96: case.settings.timestamp_field must be a field name, not blank",
                        "t.test.toml:6:21: case.settings.size must be at least 0, found -1",
                        "t.test.toml:6:75: case.settings.max_samples_per_key must be at least 1 and at most 2147483647, "
                                + "found 0",
                        "t.test.toml:6:44: expected case.settings.allowed_lateness to be a duration such as \"5s\" (an integer "
                                + "and one of the units ms, s, m, h, d), found \"5 sec\"");
    }

    @Test
    void missingRequiredKeysAndNames() {
        RuleTestFile file = dir.seq("""
                [[case]]
                expect = []
                events = ""
                [[case]]
                name = " "
                expect = []
                events = ""
                [[case]]
                name = "twice"
                expect = []
                events = ""
                [[case]]
                name = "twice"
                expect = []
                events = ""
                """);
        assertThat(problems(file))
                .containsExactly(
                        "t.test.toml:2:1: the case has no name",
                        "t.test.toml:6:8: case.name must not be blank",
                        "t.test.toml:14:8: duplicate case name \"twice\": the case at line 10 has it too");
        assertThat(file.cases()).extracting(RuleTestCase::name).containsExactly("case 1", "case 2", "twice", "twice");
        assertThat(file.run())
                .extracting(CaseResult::status)
                .containsExactly(
                        CaseResult.Status.ERROR,
                        CaseResult.Status.ERROR,
                        CaseResult.Status.PASSED,
                        CaseResult.Status.ERROR);
    }

    @Test
    void expectWrittenAfterAnEventTableGetsAHint() {
        assertThat(caseProblems(dir.seq("""
                [[case]]
                name = "x"
                [[case.events]]
                "@timestamp" = "2026-03-17T09:00:00Z"
                event.id = "a"
                expect = []
                """)))
                .containsExactly("t.test.toml:2:1: the case has no expect; the expect at line 7 belongs to the "
                        + "event of the [[case.events]] above it: write a case's own keys right after its [[case]] header, "
                        + "before its first [[case.events]]");
    }

    @Test
    void eventSources() {
        assertThat(caseProblems(dir.seq("[[case]]\nname = \"x\"\nexpect = []\nevents_file = \"e.ndjson\"\n" + AB)))
                .containsExactly("t.test.toml:2:1: the case has both events and events_file: give one of them");
        assertThat(caseProblems(dir.seq("[[case]]\nname = \"x\"\nexpect = []\n")))
                .containsExactly("t.test.toml:2:1: the case has no events: give events or events_file, or a top-level "
                        + "events_file");
        assertThat(caseProblems(dir.seq("[[case]]\nname = \"x\"\nexpect = []\nevents_file = \"nope.ndjson\"\n")))
                .containsExactly("t.test.toml:5:15: cannot read events file nope.ndjson: no such file");
        assertThat(caseProblems(dir.seq("[[case]]\nname = \"x\"\nexpect = []\nevents = 5\n")))
                .containsExactly("t.test.toml:5:10: expected case.events to be a string (NDJSON) or an array of tables "
                        + "(events), found integer");
        RuleTestFile broken = dir.seq("events_file = \"nope.ndjson\"\n[[case]]\nname = \"x\"\nexpect = []\n");
        assertThat(problems(broken))
                .containsExactly("t.test.toml:2:15: cannot read events file nope.ndjson: no such file");
    }

    @Test
    void invalidInlineJsonIsPlacedInTheTestFile() {
        assertThat(caseProblems(dir.seq("""
                [[case]]
                name = "end to end"
                expect = []
                events = '''
                {"event": {"id": "a"}}
                  {"event": {"id": "b"},}
                // a comment
                [1, 2]
                {"event": {"id": "c"}, "event": {"id": "d"}}
                {"event": {"id": "e"}} {"x": 1}
                '''
                """)))
                .containsExactly(
                        "t.test.toml:7:25: invalid JSON: expected a key in double quotes, found '}' (a comma before the "
                                + "closing '}'?) (case \"end to end\", event 2)",
                        "t.test.toml:9:1: expected a JSON object, found an array (case \"end to end\", event 3)",
                        "t.test.toml:10:24: invalid JSON: duplicate key \"event\" (case \"end to end\", event 4)",
                        "t.test.toml:11:24: invalid JSON: more JSON after the first value (case \"end to end\", event 5)");
    }

    @Test
    void eventIdsMustBeUsableAndUnique() {
        dir.write("e.ndjson", """
                {"event": {"id": "a"}}
                {"event": {"id": 1.5}}
                {"event": {}}
                {"event": {"id": ["x"]}}
                {"event": {"id": "a"}}
                """);
        RuleTestFile file = dir.seq("events_file = \"e.ndjson\"\n[[case]]\nname = \"x\"\nexpect = []\n");
        assertThat(problems(file))
                .containsExactly(
                        "e.ndjson:2:1: the event's id \"event.id\" must be a string or an integer, found a float 1.5 (event 2)",
                        "e.ndjson:3:1: the event has no id: it has no field \"event.id\" (set id_field to the field that "
                                + "identifies events) (event 3)",
                        "e.ndjson:4:1: the event's id \"event.id\" must be a string or an integer, found an array [x] (event 4)",
                        "e.ndjson:5:1: duplicate id \"a\": event 1 at e.ndjson:1:1 has it too (event 5)");
        assertThat(file.run()).extracting(CaseResult::status).containsExactly(CaseResult.Status.ERROR);
        // another id field, for one case: the case's own problem, naming it
        RuleTestFile other = dir.seq("""
                [[case]]
                name = "by uid"
                id_field = "uid"
                expect = []
                events = [{ uid = 1 }, { uid = 2 }, { uid = 1 }, { uid = inf }]
                """);
        assertThat(problems(other))
                .containsExactly(
                        "t.test.toml:6:58: JSON has no Infinity: use a finite number (case \"by uid\", event 4)",
                        "t.test.toml:6:37: duplicate id \"1\": event 1 at t.test.toml:6:11 has it too "
                                + "(case \"by uid\", event 3)");
    }

    @Test
    void theRuleUnderTest() {
        assertThat(problems(dir.load("none.test.toml", "[[case]]\nname = \"x\"\nexpect = []\nevents = \"\"\n")))
                .containsExactly(
                        "none.test.toml:1:1: no rule to test: neither none.toml nor none.eql exists; set rule = \"...\" to the rule's path");
        dir.write("both.toml", "");
        dir.write("both.eql", "any where true");
        assertThat(problems(dir.load("both.test.toml", "[[case]]\nname = \"x\"\nexpect = []\nevents = \"\"\n")))
                .containsExactly("both.test.toml:1:1: both both.toml and both.eql exist: set "
                        + "rule = \"...\" to choose the rule to test");
        assertThat(problems(dir.load(
                        "t.test.toml",
                        "rule = \"gone.eql\"\n[[case]]\nname = \"x\"\nexpect = []\n" + "events = \"\"\n")))
                .containsExactly("t.test.toml:1:8: rule file gone.eql not found");
        assertThat(problems(dir.load(
                        "t.test.toml",
                        "rule = \"t.test.toml\"\n[[case]]\nname = \"x\"\nexpect = []\n" + "events = \"\"\n")))
                .containsExactly(
                        "t.test.toml:1:8: rule must name a rule file (*.toml or *.eql), " + "found \"t.test.toml\"");
        dir.write(
                "kql.toml",
                "[rule]\nname = \"K\"\nrule_id = \"k\"\ntype = \"query\"\nlanguage = \"kuery\"\n"
                        + "query = \"x:1\"\n");
        assertThat(problems(dir.load("kql.test.toml", "[[case]]\nname = \"x\"\nexpect = []\nevents = \"\"\n")))
                .containsExactly("kql.toml:5:12: the rule is not EQL (type = query, language = kuery)");
        dir.write(
                "bad.toml",
                "[rule]\nname = \"B\"\nrule_id = \"b\"\ntype = \"eql\"\nlanguage = \"eql\"\n"
                        + "query = '''\nprocess where\n  process.name == \"a\" and foo(1)\n'''\n");
        RuleTestFile bad = dir.load("bad.test.toml", "[[case]]\nname = \"x\"\nexpect = []\nevents = \"\"\n");
        assertThat(problems(bad)).hasSize(1).first().asString().startsWith("bad.toml:8:");
        assertThat(bad.ruleName()).isEqualTo(tmp.resolve("bad.test.toml").toString());
        assertThat(bad.run()).extracting(CaseResult::status).containsExactly(CaseResult.Status.ERROR);
    }

    @Test
    void tomlSyntaxAndNoCases() {
        RuleTestFile syntax = dir.seq("[[case]]\nname = \"x\nexpect = []\n");
        assertThat(problems(syntax))
                .containsExactly("t.test.toml:3:10: expected '\"' to close the string, found end of line");
        assertThat(syntax.cases()).isEmpty();
        assertThat(syntax.hasErrors()).isTrue();
        assertThat(problems(dir.seq("description = \"nothing\"\n")))
                .containsExactly("t.test.toml:1:1: the file has no [[case]]: a test file needs at least one case");
    }

    @Test
    void aValidCaseStillRunsBesideAnInvalidOne() {
        RuleTestFile file = dir.seq("[[case]]\nname = \"ok\"\nexpect = [[\"a\", \"b\"]]\n" + AB
                + "[[case]]\nname = \"broken\"\nexpect = [[\"a\", \"x\"]]\n" + AB);
        assertThat(file.problems()).isEmpty();
        assertThat(file.hasErrors()).isTrue();
        assertThat(file.run())
                .extracting(CaseResult::status)
                .containsExactly(CaseResult.Status.PASSED, CaseResult.Status.ERROR);
    }
}
