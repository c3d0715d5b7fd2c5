package io.eql4j.testkit;

import static io.eql4j.testkit.TestDir.event;
import static io.eql4j.testkit.TestDir.events;
import static io.eql4j.testkit.TestDir.only;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cases that run: passes, failures and their reports, match modes, join keys. */
class RunnerResultsTest {

    @TempDir
    Path tmp;

    TestDir dir;

    @BeforeEach
    void setUp() {
        dir = new TestDir(tmp);
    }

    private static final String TWO_USERS = events(
            event("a1", 0, "a", "alice"),
            event("a2", 5, "a", "bob"),
            event("b2", 10, "b", "bob"),
            event("b1", 20, "b", "alice"));

    @Test
    void aCorrectCasePasses() {
        CaseResult r = only(dir.seq("[[case]]\nname = \"two\"\n"
                + "expect = [{ events = [\"a2\", \"b2\"], keys = [\"bob\"] }, [\"a1\", \"b1\"]]\n" + TWO_USERS));
        assertThat(r.status()).isEqualTo(CaseResult.Status.PASSED);
        assertThat(r.report()).isEmpty();
        assertThat(r.ruleName()).isEqualTo("seq");
        assertThat(r.caseName()).isEqualTo("two");
        assertThat(r.actual())
                .extracting(ActualMatch::toString)
                .containsExactly(
                        "{ events = [\"a2\", \"b2\"], keys = [\"bob\"] }",
                        "{ events = [\"a1\", \"b1\"], keys = [\"alice\"] }");
        assertThat(r).hasToString("PASS   seq :: two");
    }

    @Test
    void wrongExpectedIdsFailWithAReportInExpectSyntax() {
        CaseResult r = only(dir.seq(
                "[[case]]\nname = \"wrong ids\"\n" + "expect = [[\"a2\", \"b2\"], [\"a2\", \"b1\"]]\n" + TWO_USERS));
        assertThat(r.status()).isEqualTo(CaseResult.Status.FAILED);
        assertThat(r.report()).isEqualTo("""
                expected (exact): [["a2", "b2"], ["a2", "b1"]]
                actual:           [
                  { events = ["a2", "b2"], keys = ["bob"] },
                  { events = ["a1", "b1"], keys = ["alice"] },
                ]
                missing:          [["a2", "b1"]]
                unexpected:       [{ events = ["a1", "b1"], keys = ["alice"] }]""");
        assertThat(r.toString()).startsWith("FAIL   seq :: wrong ids\n       expected (exact): ");
    }

    @Test
    void aMissingMatchFails() {
        CaseResult r = only(dir.seq("[[case]]\nname = \"one too few\"\nexpect = [[\"a2\", \"b2\"]]\n" + TWO_USERS));
        assertThat(r.status()).isEqualTo(CaseResult.Status.FAILED);
        assertThat(r.report())
                .contains("unexpected:       [{ events = [\"a1\", \"b1\"], keys = [\"alice\"] }]")
                .doesNotContain("missing:");
    }

    @Test
    void anExtraExpectedMatchFails() {
        CaseResult r = only(dir.seq("[[case]]\nname = \"one too many\"\n"
                + "expect = [[\"a2\", \"b2\"], [\"a1\", \"b1\"], [\"a1\", \"b2\"]]\n" + TWO_USERS));
        assertThat(r.status()).isEqualTo(CaseResult.Status.FAILED);
        assertThat(r.report()).contains("missing:          [[\"a1\", \"b2\"]]").doesNotContain("unexpected:");
    }

    @Test
    void theRightMatchesInTheWrongOrderFail() {
        CaseResult r = only(
                dir.seq("[[case]]\nname = \"order\"\nexpect = [[\"a1\", \"b1\"], [\"a2\", \"b2\"]]\n" + TWO_USERS));
        assertThat(r.status()).isEqualTo(CaseResult.Status.FAILED);
        assertThat(r.report()).endsWith("order:            the same matches, in another order");
    }

    @Test
    void aNegativeCaseFailsWhenTheRuleMatches() {
        CaseResult r = only(dir.seq("[[case]]\nname = \"neg\"\nexpect = []\n"
                + events(event("a1", 0, "a", "alice"), event("b1", 20, "b", "alice"))));
        assertThat(r.status()).isEqualTo(CaseResult.Status.FAILED);
        assertThat(r.report()).isEqualTo("""
                expected (exact): []
                actual:           [{ events = ["a1", "b1"], keys = ["alice"] }]
                unexpected:       [{ events = ["a1", "b1"], keys = ["alice"] }]""");
    }

    @Test
    void containsIgnoresOrderAndExtraMatches() {
        CaseResult pass = only(dir.seq(
                "[[case]]\nname = \"c\"\nmatch = \"contains\"\n" + "expect = [[\"a1\", \"b1\"]]\n" + TWO_USERS));
        assertThat(pass.status()).isEqualTo(CaseResult.Status.PASSED);
        CaseResult fail = only(dir.seq("[[case]]\nname = \"c\"\nmatch = \"contains\"\n"
                + "expect = [[\"a1\", \"b1\"], [\"a1\", \"b1\"]]\n" + TWO_USERS));
        assertThat(fail.status()).isEqualTo(CaseResult.Status.FAILED);
        assertThat(fail.report()).isEqualTo("""
                expected (contains): [["a1", "b1"], ["a1", "b1"]]
                actual:              [
                  { events = ["a2", "b2"], keys = ["bob"] },
                  { events = ["a1", "b1"], keys = ["alice"] },
                ]
                missing:             [["a1", "b1"]]""");
    }

    @Test
    void containsPairsKeyedExpectationsFirst() {
        // a multi-valued key gives one sequence per value: [a1, b1] for alice, then for bob. Paired in file order,
        // the unkeyed expectation would take alice's match and leave the keyed one for alice without a partner.
        String multiValued = events(
                "{\"@timestamp\": \"2026-03-17T09:00:00Z\", \"event\": {\"id\": \"a1\", \"category\": \"process\"}, "
                        + "\"process\": {\"name\": \"a\"}, \"user\": {\"name\": [\"alice\", \"bob\"]}}",
                "{\"@timestamp\": \"2026-03-17T09:00:10Z\", \"event\": {\"id\": \"b1\", \"category\": \"process\"}, "
                        + "\"process\": {\"name\": \"b\"}, \"user\": {\"name\": [\"alice\", \"bob\"]}}");
        CaseResult r = only(dir.seq("[[case]]\nname = \"k\"\nmatch = \"contains\"\n"
                + "expect = [[\"a1\", \"b1\"], { events = [\"a1\", \"b1\"], keys = [\"alice\"] }]\n" + multiValued));
        assertThat(r.actual())
                .extracting(ActualMatch::toString)
                .containsExactly(
                        "{ events = [\"a1\", \"b1\"], keys = [\"alice\"] }",
                        "{ events = [\"a1\", \"b1\"], keys = [\"bob\"] }");
        assertThat(r.status()).as(r.toString()).isEqualTo(CaseResult.Status.PASSED);
    }

    @Test
    void joinKeysAreCheckedAsTextWhenGiven() {
        CaseResult r = only(dir.seq("[[case]]\nname = \"keys\"\n"
                + "expect = [{ events = [\"a2\", \"b2\"], keys = [\"carol\"] }, [\"a1\", \"b1\"]]\n" + TWO_USERS));
        assertThat(r.status()).isEqualTo(CaseResult.Status.FAILED);
        assertThat(r.report()).contains("missing:          [{ events = [\"a2\", \"b2\"], keys = [\"carol\"] }]");
        dir.write(
                "num.eql",
                "sequence by process.pid [process where process.name == \"a\"] "
                        + "[process where process.name == \"b\"]");
        CaseResult numbers = only(dir.load("n.test.toml", """
                rule = "num.eql"
                [[case]]
                name = "an integer key is compared by its digits"
                expect = [{ events = ["x", "y"], keys = [443] }, { events = ["z", "w"], keys = ["1.5"] }]
                events = '''
                {"@timestamp": "2026-03-17T09:00:00Z", "event": {"id": "x", "category": "process"}, "process": {"name": "a", "pid": 443}}
                {"@timestamp": "2026-03-17T09:00:01Z", "event": {"id": "y", "category": "process"}, "process": {"name": "b", "pid": 443}}
                {"@timestamp": "2026-03-17T09:00:02Z", "event": {"id": "z", "category": "process"}, "process": {"name": "a", "pid": 1.5}}
                {"@timestamp": "2026-03-17T09:00:03Z", "event": {"id": "w", "category": "process"}, "process": {"name": "b", "pid": 1.5}}
                '''
                """));
        assertThat(numbers.status()).as(numbers.toString()).isEqualTo(CaseResult.Status.PASSED);
    }

    @Test
    void integerIdsAreComparedByTheirDigits() {
        CaseResult r = only(dir.load("single.test.toml", """
                [[case]]
                name = "ids 17 and \\"18\\""
                expect = ["17", 18]
                events = '''
                {"@timestamp": "2026-03-17T09:00:00Z", "event": {"id": 17, "category": "process"}, "process": {"name": "a"}}
                {"@timestamp": "2026-03-17T09:00:01Z", "event": {"id": "18", "category": "process"}, "process": {"name": "a"}}
                '''
                """));
        assertThat(r.status()).as(r.toString()).isEqualTo(CaseResult.Status.PASSED);
        assertThat(r.actual()).extracting(ActualMatch::toString).containsExactly("[\"17\"]", "[\"18\"]");
    }

    @Test
    void eventIdsNarrowTheSourceAndKeepItsOrder() {
        dir.write(
                "events/e.ndjson",
                String.join(
                                "\n",
                                "// a comment line, then a blank one",
                                "",
                                event("a1", 0, "a", "alice"),
                                event("a2", 5, "a", "bob"),
                                event("b2", 10, "b", "bob"),
                                event("b1", 20, "b", "alice"))
                        + "\n");
        RuleTestFile file = dir.seq("""
                events_file = "events/e.ndjson"
                [[case]]
                name = "all"
                expect = [["a2", "b2"], ["a1", "b1"]]
                [[case]]
                name = "alice only, listed out of order"
                event_ids = ["b1", "a1"]
                expect = [["a1", "b1"]]
                [[case]]
                name = "own file"
                events_file = "events/e.ndjson"
                event_ids = ["a2", "b1"]
                expect = []
                """);
        assertThat(file.problems()).isEmpty();
        assertThat(file.run())
                .allSatisfy(r -> assertThat(r.status()).as(r.toString()).isEqualTo(CaseResult.Status.PASSED));
    }

    @Test
    void tomlTableEventsKeepDateTimesAsWritten() {
        dir.write("dates.eql", "process where note == \"1979-05-27 07:32:00\" and day == \"2026-03-17\"");
        CaseResult r = only(dir.load("dates.test.toml", """
                [[case]]
                name = "dates"
                expect = [["d"]]
                events = [
                  { "@timestamp" = 2026-03-17T09:00:00.000Z, event = { id = "d", category = ["process"] }, note = 1979-05-27 07:32:00, day = 2026-03-17 },
                  { "@timestamp" = 2026-03-17T09:00:01.000Z, event = { id = "e", category = ["process"] }, note = 1979-05-27T07:32:00, day = 2026-03-17 },
                ]
                """));
        assertThat(r.status()).as(r.toString()).isEqualTo(CaseResult.Status.PASSED);
    }

    @Test
    void whatTheEngineCouldNotUseIsListedInTheReport() {
        CaseResult r = only(dir.seq("[[case]]\nname = \"bad ts\"\nexpect = [[\"x\", \"y\"]]\n"
                + events(
                        "{\"@timestamp\": \"yesterday\", \"event\": {\"id\": \"x\", \"category\": \"process\"}, "
                                + "\"process\": {\"name\": \"a\"}, \"user\": {\"name\": \"u\"}}",
                        "{\"@timestamp\": \"2026-03-17T09:00:01Z\", \"event\": {\"id\": \"y\", \"category\": \"process\"}, "
                                + "\"process\": {\"name\": \"b\"}, \"user\": {\"name\": \"u\"}}")));
        assertThat(r.status()).isEqualTo(CaseResult.Status.FAILED);
        assertThat(r.report()).contains("engine:           event 1: no usable timestamp");
    }
}
