package io.eql4j.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eql4j.compile.EqlCompiler;
import io.eql4j.compile.Plan;
import io.eql4j.runtime.EqlEngine;
import io.eql4j.runtime.Match;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonEventReaderTest {

    private static final String POD = "kubernetes.audit.user.extra.authentication.kubernetes.io/pod-name";
    private static final Plan PLAN = EqlCompiler.compile(
            "any where `" + POD + "` == \"p\" and process.args : \"-x\" and host.name != null");

    @Test
    void readsOnlyThePlansFieldsWhateverTheNesting() {
        JsonEventReader reader = JsonEventReader.forPlan(PLAN);
        String nested = "{\"kubernetes\":{\"audit\":{\"user\":{\"extra\":"
                + "{\"authentication.kubernetes.io/pod-name\":[\"p\"]}}}}}";
        String flat = "{\"" + POD + "\":[\"p\"]}";
        String halfDotted = "{\"kubernetes.audit\":{\"user.extra\":{\"authentication.kubernetes.io/pod-name\":\"p\"}}}";
        for (String json : List.of(nested, flat, halfDotted)) {
            assertThat(reader.read(json).field(POD)).as(json).isIn("p", List.of("p"));
        }
    }

    @Test
    void collectsArraysOfObjectsAndKeepsTheText() {
        JsonEventReader reader = JsonEventReader.forPlan(PLAN);
        String json = "{\"process\":[{\"args\":[\"a\",\"-x\"]},{\"args\":\"b\"}],\"skip\":{\"deep\":[1,{\"x\":2}]},"
                + "\"host\":{\"name\":\"h\",\"ip\":\"10.0.0.1\"}}";
        Event event = reader.read(json);
        assertThat(event.field("process.args")).isEqualTo(List.of("a", "-x", "b"));
        assertThat(event.field("host.name")).isEqualTo("h");
        assertThat(event.source()).isEqualTo(json);
        // a field the plan does not read is still answered, from the text
        assertThat(event.field("host.ip")).isEqualTo("10.0.0.1");
    }

    @Test
    void aFieldWrittenBothNestedAndDottedHasBothValuesAsInElasticsearch() {
        Plan plan = EqlCompiler.compile("any where process.name == \"b\"");
        Event event = JsonEventReader.forPlan(plan).read("{\"process\":{\"name\":\"a\"},\"process.name\":\"b\"}");
        assertThat(event.field("process.name")).isEqualTo(List.of("a", "b"));
    }

    @Test
    void fullReaderBuildsTheTree() {
        Event event = JsonEventReader.full().read("{\"a\":{\"b\":1},\"c\":true}");
        assertThat(event.field("a.b")).isEqualTo(1);
        assertThat(event.field("c")).isEqualTo(true);
        assertThat(event.source()).isEqualTo("{\"a\":{\"b\":1},\"c\":true}");
    }

    @Test
    void rejectsWhatIsNotOneObject() {
        JsonEventReader reader = JsonEventReader.forPlan(PLAN);
        assertThatThrownBy(() -> reader.read("[1]")).hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> reader.read("{\"a\":1} {}")).hasMessageContaining("after the JSON object");
        assertThatThrownBy(() -> reader.read("{\"a\":")).isInstanceOf(JsonEventReader.JsonEventException.class);
    }

    @Test
    void readsNdjsonReportingBadLinesWithTheirNumbers() throws Exception {
        String ndjson = "{\"" + POD + "\":\"p\",\"process\":{\"args\":\"-x\"},\"host\":{\"name\":\"h\"}}\r\n"
                + "\n"
                + "not json\n"
                + "  {\"" + POD + "\":\"q\"}  \n"
                + "{\"" + POD + "\":\"p\",\"process.args\":[\"-X\"],\"host.name\":\"h2\"}";
        List<Long> lines = new ArrayList<>();
        List<String> bad = new ArrayList<>();
        List<Match> matches = new ArrayList<>();
        EqlEngine engine = EqlEngine.create(PLAN, matches::add);
        long read = JsonEventReader.forPlan(PLAN).readLines(
                new ByteArrayInputStream(ndjson.getBytes(StandardCharsets.UTF_8)),
                (line, event) -> {
                    lines.add(line);
                    engine.accept(event);
                },
                (line, message) -> bad.add(line + ": " + message));
        assertThat(read).isEqualTo(5);
        assertThat(lines).containsExactly(1L, 4L, 5L);
        assertThat(bad).hasSize(1).first().asString().startsWith("3: ");
        assertThat(matches).isEmpty(); // no @timestamp: reported, not evaluated
        // lines 1 and 5 pass the filter and have no time; line 4 passes no filter, so its time does not matter
        assertThat(engine.stats().eventsWithoutTimestamp()).isEqualTo(2);
    }

    @Test
    void eventsOfTheReaderMatchLikeTrees() throws Exception {
        String ndjson = "{\"@timestamp\":1,\"" + POD + "\":\"p\",\"process\":{\"args\":[\"-x\"]},\"host\":{\"name\":\"h\"}}\n"
                + "{\"@timestamp\":2,\"" + POD + "\":\"p\",\"process\":{\"args\":[\"-y\"]},\"host\":{\"name\":\"h\"}}\n";
        for (JsonEventReader reader : List.of(JsonEventReader.forPlan(PLAN), JsonEventReader.full())) {
            List<Match> matches = new ArrayList<>();
            EqlEngine engine = EqlEngine.create(PLAN, matches::add);
            reader.readLines(new ByteArrayInputStream(ndjson.getBytes(StandardCharsets.UTF_8)),
                    (line, event) -> engine.accept(event), (line, message) -> { });
            engine.finish();
            assertThat(matches).hasSize(1);
            assertThat((String) matches.get(0).events().get(0).source()).contains("\"-x\"");
        }
    }
}
