package io.eql4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eql4j.event.Event;
import io.eql4j.runtime.EngineOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** EqlTest: rules and queries over events given in code. */
class EqlTestTest {

    @TempDir
    Path tmp;

    private static final String SEQ = "sequence by user.name with maxspan=1m [process where process.name == \"a\"] "
            + "[process where process.name == \"b\"]";

    private static Map<String, Object> event(String id, String time, String process) {
        return Map.of(
                "@timestamp",
                time,
                "event",
                Map.of("id", id, "category", "process"),
                "process.name",
                process,
                "user",
                Map.of("name", "u"));
    }

    @Test
    void theSeedRuleOverTheScenarioFindsTheFourDetections() {
        Matches m = EqlTest.rule(Examples.root()
                        .resolve("rules/kubernetes/"
                                + "credential_access_service_account_token_read_followed_by_api_request.toml"))
                .ndjson(Examples.root().resolve("events/k8s-sa-token-theft.ndjson"))
                .run();
        assertThat(m.eventIds())
                .containsExactly(
                        List.of("f-036", "a-040"),
                        List.of("f-071", "a-078"),
                        List.of("f-108", "a-112"),
                        List.of("f-121", "a-125"));
        assertThat(m.list().get(0).keys()).containsExactly("web-frontend-7c9d8f6b5-x2kqp");
        assertThat(m.list().get(0).match().rule().ruleId()).isEqualTo("6978f623-2505-4bc3-83c3-d78ac69d9701");
        assertThat(m.engineProblems()).isEmpty();
    }

    @Test
    void mapsJsonAndEventsMixAndEventsWithoutIdsAreNumbered() {
        Matches m = EqlTest.query(SEQ)
                .event(event("x", "2026-03-17T09:00:00Z", "a"))
                .json("""
                        {"@timestamp": "2026-03-17T09:00:01Z",
                         "process": {"name": "b"}, "user": {"name": "u"}, "event": {"category": "process"}}""")
                .event(Event.of(event("y", "2026-03-17T09:00:02Z", "a")))
                .event(event("z", "2026-03-17T09:00:03Z", "b"))
                .run();
        assertThat(m.eventIds()).containsExactly(List.of("x", "#2"), List.of("y", "z"));
        assertThat(m).hasToString("""
                [
                  { events = ["x", "#2"], keys = ["u"] },
                  { events = ["y", "z"], keys = ["u"] },
                ]""");
    }

    @Test
    void optionsAndIdField() {
        EqlTest late = EqlTest.query(SEQ)
                .idField("process.name")
                .event(Map.of(
                        "@timestamp",
                        "2026-03-17T09:00:10Z",
                        "event.category",
                        "process",
                        "process.name",
                        "b",
                        "user.name",
                        "u"))
                .event(Map.of(
                        "@timestamp",
                        "2026-03-17T09:00:05Z",
                        "event.category",
                        "process",
                        "process.name",
                        "a",
                        "user.name",
                        "u"));
        Matches strict = late.run();
        assertThat(strict.isEmpty()).isTrue();
        assertThat(strict.engineProblems())
                .singleElement()
                .asString()
                .startsWith("event 2: late: its time 2026-03-17T09:00:05Z");
        Matches lenient = late.options(EngineOptions.builder()
                        .allowedLateness(Duration.ofSeconds(5))
                        .build())
                .run();
        assertThat(lenient.eventIds()).containsExactly(List.of("a", "b"));
    }

    @Test
    void badInputIsReportedWithItsPlace() throws Exception {
        assertThatThrownBy(() -> EqlTest.query("sequence [process where x ==]").run())
                .isInstanceOf(RuleTestException.class)
                .hasMessageStartingWith("<query>:1:");
        assertThatThrownBy(() -> EqlTest.query(SEQ).json("{\"a\": 1}", "{\"a\": 1,\n \"a\": 2}", "[1]"))
                .isInstanceOf(RuleTestException.class)
                .hasMessage("<json 2>:2:2: invalid JSON: duplicate key \"a\"\n<json 3>:1:1: expected a JSON object");
        Path ndjson = Files.writeString(tmp.resolve("e.ndjson"), "{}\n{\n");
        assertThatThrownBy(() -> EqlTest.query(SEQ).ndjson(ndjson))
                .isInstanceOf(RuleTestException.class)
                .hasMessageStartingWith(ndjson + ":2:2: invalid JSON: the line ends inside an object")
                .hasMessageEndingWith("(event 2)");
        Path kql = Files.writeString(
                tmp.resolve("k.toml"),
                "[rule]\nname = \"K\"\nrule_id = \"k\"\n"
                        + "type = \"query\"\nlanguage = \"kuery\"\nquery = \"x:1\"\n");
        assertThatThrownBy(() -> EqlTest.rule(kql))
                .isInstanceOf(RuleTestException.class)
                .hasMessage(kql + ":5:12: the rule is not EQL (type = query, language = kuery)");
        assertThatThrownBy(() -> EqlTest.query(SEQ)
                        .event(event("x", "2026-03-17T09:00:00Z", "a"))
                        .event(event("x", "2026-03-17T09:00:01Z", "b"))
                        .run())
                .isInstanceOf(RuleTestException.class)
                .hasMessage("<events>: events 1 and 2 have the same id \"x\"; ids must be unique");
    }
}
