package io.eql4j.testkit;

import static io.eql4j.testkit.TestDir.event;
import static io.eql4j.testkit.TestDir.events;
import static org.assertj.core.api.Assertions.assertThat;

import io.eql4j.runtime.EngineOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each key of [settings] / [case.settings] (docs/rule-tests.md §6), and which level wins. */
class SettingsTest {

    @TempDir
    Path tmp;

    TestDir dir;

    @BeforeEach
    void setUp() {
        dir = new TestDir(tmp);
    }

    private static void assertPassed(RuleTestFile file) {
        assertThat(file.problems()).isEmpty();
        List<CaseResult> results = file.run();
        assertThat(results)
                .isNotEmpty()
                .allSatisfy(r -> assertThat(r.status()).as(r.toString()).isEqualTo(CaseResult.Status.PASSED));
    }

    @Test
    void timestampField() {
        String events = events(
                "{\"ts\": \"2026-03-17T09:00:00Z\", \"event\": {\"id\": \"a\", \"category\": \"process\"}, "
                        + "\"process\": {\"name\": \"a\"}, \"user\": {\"name\": \"u\"}}",
                "{\"ts\": \"2026-03-17T09:00:10Z\", \"event\": {\"id\": \"b\", \"category\": \"process\"}, "
                        + "\"process\": {\"name\": \"b\"}, \"user\": {\"name\": \"u\"}}");
        assertPassed(dir.seq("[settings]\ntimestamp_field = \"ts\"\n[[case]]\nname = \"ts\"\n"
                + "expect = [[\"a\", \"b\"]]\n" + events
                + "[[case]]\nname = \"@timestamp: no event has one\"\nexpect = []\n"
                + "settings = { timestamp_field = \"@timestamp\" }\n" + events));
    }

    @Test
    void tiebreakerField() {
        // equal timestamps, arriving b then a: arrival order without a tiebreaker, the tiebreaker's order with it
        String events = events(
                "{\"@timestamp\": \"2026-03-17T09:00:00Z\", \"seq\": 2, \"event\": {\"id\": \"b\", \"category\": "
                        + "\"process\"}, \"process\": {\"name\": \"b\"}, \"user\": {\"name\": \"u\"}}",
                "{\"@timestamp\": \"2026-03-17T09:00:00Z\", \"seq\": 1, \"event\": {\"id\": \"a\", \"category\": "
                        + "\"process\"}, \"process\": {\"name\": \"a\"}, \"user\": {\"name\": \"u\"}}");
        assertPassed(dir.seq("[settings]\nallowed_lateness = \"1s\"\n"
                + "[[case]]\nname = \"arrival order: b before a\"\nexpect = []\n" + events
                + "[[case]]\nname = \"tiebreaker: a before b\"\nexpect = [[\"a\", \"b\"]]\n"
                + "settings = { tiebreaker_field = \"seq\" }\n" + events));
    }

    @Test
    void categoryField() {
        String events =
                events("{\"@timestamp\": \"2026-03-17T09:00:00Z\", \"kind\": \"process\", \"event\": {\"id\": \"a\"}, "
                        + "\"process\": {\"name\": \"a\"}}");
        assertPassed(dir.load(
                "single.test.toml",
                "[[case]]\nname = \"event.category\"\nexpect = []\n" + events
                        + "[[case]]\nname = \"kind\"\nexpect = [\"a\"]\n" + events
                        + "[case.settings]\ncategory_field = \"kind\"\n"));
    }

    @Test
    void size() {
        String events = events(event("a1", 0, "a", "u"), event("a2", 1, "a", "u"), event("a3", 2, "a", "u"));
        assertPassed(dir.load(
                "single.test.toml",
                "[[case]]\nname = \"unlimited\"\nexpect = [\"a1\", \"a2\", \"a3\"]\n"
                        + events + "[[case]]\nname = \"size 2\"\nexpect = [\"a1\", \"a2\"]\nsettings = { size = 2 }\n"
                        + events + "[[case]]\nname = \"size 0\"\nexpect = []\nsettings = { size = 0 }\n" + events));
    }

    @Test
    void maxSamplesPerKey() {
        dir.write(
                "sample.eql",
                "sample by user.name [process where process.name == \"a\"] " + "[process where process.name == \"b\"]");
        String events = events(
                event("a1", 0, "a", "u"),
                event("b1", 1, "b", "u"),
                event("a2", 2, "a", "u"),
                event("b2", 3, "b", "u"),
                event("a3", 4, "a", "v"),
                event("b3", 5, "b", "v"));
        assertPassed(dir.load(
                "sample.test.toml",
                "[[case]]\nname = \"one per key, in key order\"\n"
                        + "expect = [{ events = [\"a1\", \"b1\"], keys = [\"u\"] }, [\"a3\", \"b3\"]]\n" + events
                        // ES's backtracking keeps a1 for the first filter and takes the next b (spec §7)
                        + "[[case]]\nname = \"two per key\"\nexpect = [[\"a1\", \"b1\"], [\"a1\", \"b2\"], [\"a3\", \"b3\"]]\n"
                        + "settings = { max_samples_per_key = 2 }\n" + events));
    }

    @Test
    void allowedLateness() {
        String late = events(event("b", 10, "b", "u"), event("a", 5, "a", "u"));
        RuleTestFile file = dir.seq("[[case]]\nname = \"default: the late event is not used\"\nexpect = []\n" + late
                + "[[case]]\nname = \"5s\"\nexpect = [[\"a\", \"b\"]]\nsettings = { allowed_lateness = \"5s\" }\n"
                + late + "[[case]]\nname = \"4999ms\"\nexpect = []\nsettings = { allowed_lateness = \"4999ms\" }\n"
                + late);
        assertPassed(file);
        assertThat(file.cases().get(1).options().allowedLateness()).isEqualTo(Duration.ofSeconds(5));
        CaseResult report = file.cases().get(0).run();
        // a passing case has no report; the engine's problems show when it fails (see RunnerResultsTest)
        assertThat(report.report()).isEmpty();
    }

    @Test
    void theCaseWinsOverTheFileWhichWinsOverTheRule() {
        dir.write("r.toml", """
                [rule]
                name = "R"
                rule_id = "r"
                type = "eql"
                language = "eql"
                timestamp_field = "rule_ts"
                tiebreaker_field = "rule_tb"
                event_category_override = "rule_cat"
                query = "process where true"
                """);
        RuleTestFile file = dir.load("r.test.toml", """
                [settings]
                tiebreaker_field = "file_tb"
                size = 7
                [[case]]
                name = "levels"
                expect = []
                events = ""
                settings = { category_field = "case_cat", size = 3 }
                """);
        assertThat(file.problems()).isEmpty();
        EngineOptions o = file.cases().get(0).options();
        assertThat(o.timestampField()).isEqualTo("rule_ts");
        assertThat(o.tiebreakerField()).isEqualTo("file_tb");
        assertThat(o.categoryField()).isEqualTo("case_cat");
        assertThat(o.size()).isEqualTo(3);
        assertThat(o.maxSamplesPerKey()).isEqualTo(1);
        assertThat(o.allowedLateness()).isEqualTo(Duration.ZERO);
        assertThat(o.orderSamplesByKey()).isTrue();
    }

    @Test
    void mappingsEcsAndDynamicMapping() {
        dir.write("pid.eql", "process where process.pid > 100\n");
        dir.write(
                "logs.json",
                "{\"properties\": {\"process\": {\"properties\": {\"pid\": {\"type\": \"long\"}}}, "
                        + "\"event\": {\"properties\": {\"category\": {\"type\": \"keyword\"}, "
                        + "\"id\": {\"type\": \"keyword\"}}}, \"@timestamp\": {\"type\": \"date\"}}}");
        // "99" is text without a mapping ("99" > "100"), the number 99 with one
        String events = events(
                "{\"@timestamp\": \"2026-03-17T09:00:00Z\", \"event\": {\"id\": \"a\", \"category\": \"process\"}, "
                        + "\"process\": {\"pid\": \"99\"}}",
                "{\"@timestamp\": \"2026-03-17T09:00:01Z\", \"event\": {\"id\": \"b\", \"category\": \"process\"}, "
                        + "\"process\": {\"pid\": \"150\"}, \"user\": \"x\"}");
        assertPassed(dir.load(
                "pid.test.toml",
                "[[case]]\nname = \"no mapping\"\nexpect = [\"a\", \"b\"]\n" + events
                        + "[[case]]\nname = \"mapping\"\nexpect = [\"b\"]\nsettings = { mappings = [\"logs.json\"] }\n"
                        + events
                        + "[[case]]\nname = \"ecs\"\nexpect = [\"b\"]\nsettings = { ecs = true }\n" + events));
        RuleTestFile file = dir.load(
                "pid.test.toml",
                "[settings]\nmappings = [\"logs.json\"]\n"
                        + "dynamic_mapping = true\n[[case]]\nname = \"dynamic\"\nexpect = [\"b\"]\n" + events);
        assertPassed(file);
        assertThat(file.cases().get(0).options().strictFields()).isFalse();
        // strict: the rule may name only mapped fields
        dir.write("user.eql", "process where user == \"x\"\n");
        RuleTestFile strict = dir.load(
                "user.test.toml",
                "[settings]\nmappings = [\"logs.json\"]\n" + "[[case]]\nname = \"strict\"\nexpect = [\"b\"]\n"
                        + events);
        assertThat(strict.problems()).singleElement().asString().contains("Unknown column [user]");
        // the command line's mappings are the defaults of files that set none
        RuleTestFile defaults = RuleTestFile.discover(
                        List.of(dir.dir.resolve("pid.test.toml")),
                        EngineOptions.builder()
                                .mapping(io.eql4j.mapping.IndexMapping.ecs())
                                .build())
                .get(0);
        assertThat(defaults.cases().get(0).options().mappings()).hasSize(1);
    }
}
