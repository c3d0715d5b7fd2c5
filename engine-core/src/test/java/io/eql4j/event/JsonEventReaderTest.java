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
    private static final Plan PLAN =
            EqlCompiler.compile("any where `" + POD + "` == \"p\" and process.args : \"-x\" and host.name != null");

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
        assertThatThrownBy(() -> reader.read("[1]")).hasMessage("not a JSON object but array");
        assertThatThrownBy(() -> reader.read("{\"a\":1} {}"))
                .hasMessage("more JSON after the first value, at column 9");
        assertThatThrownBy(() -> reader.read("{\"a\":"))
                .isInstanceOf(JsonEventReader.JsonEventException.class)
                .hasMessage("invalid JSON at column 6: the line ends inside an object (a closing '}' is missing)");
        // Elasticsearch refuses to index a document that repeats a key, whether a rule reads it or not: the
        // extracting reader names the column where the repeated key starts, the full one where Jackson noticed it
        assertThatThrownBy(() -> reader.read("{\"skip\":{\"a\":1,\"a\":2}}"))
                .hasMessage("invalid JSON at column 16: the key \"a\" is repeated (a document must not repeat a key)")
                .extracting(e -> ((JsonEventReader.JsonEventException) e).column())
                .isEqualTo(16);
        assertThatThrownBy(() -> JsonEventReader.full().read("{\"skip\":{\"a\":1,\"a\":2}}"))
                .hasMessage("invalid JSON at column 19: the key \"a\" is repeated (a document must not repeat a key)");
    }

    @Test
    void findsARepeatedKeyAtAnyDepthInReadAndSkippedValuesAndInHugeObjects() {
        JsonEventReader reader = JsonEventReader.forPlan(PLAN);
        List<String> repeated = List.of(
                "{\"host\":{\"name\":\"h\",\"name\":\"i\"}}", // a field the plan reads
                "{\"host\":{\"os\":1,\"name\":\"h\",\"os\":2}}", // beside it
                "{\"x\":[{\"a\":1},{\"b\":[{\"c\":1,\"c\":1}]}]}", // deep in a skipped array
                "{\"process\":[{\"args\":\"a\"},{\"args\":\"b\",\"args\":\"c\"}]}", // an array the plan reads
                "{\"x\":1,\"y\":{},\"x\":2}"); // the top level
        for (String json : repeated) {
            assertThatThrownBy(() -> reader.read(json)).as(json).hasMessageContaining("is repeated");
        }
        // equal keys in different objects are no repetition
        Event fine =
                reader.read("{\"host\":{\"name\":\"h\"},\"x\":{\"host\":{\"name\":1}},\"y\":[{\"a\":1},{\"a\":2}]}");
        assertThat(fine.field("host.name")).isEqualTo("h");
        // an object with many keys is checked with a set (linear, not quadratic time); the last key repeats the
        // first, so the check must span the switch from the list to the set
        StringBuilder big = new StringBuilder("{\"skip\":{");
        for (int i = 0; i < 100_000; i++) {
            big.append('"').append("k").append(i).append("\":").append(i).append(',');
        }
        String ok = big + "\"last\":0}}";
        assertThat(reader.read(ok).field("skip.k99999")).isEqualTo(99_999);
        assertThatThrownBy(() -> reader.read(big + "\"k0\":0}}")).hasMessageContaining("the key \"k0\" is repeated");
        // a failed read leaves nothing behind for the next line of the same stream
        List<String> bad = new ArrayList<>();
        List<Event> events = new ArrayList<>();
        try {
            reader.readLines(
                    new ByteArrayInputStream(
                            ("{\"a\":{\"b\":{\"c\":1,\"c\":2}}}\n{\"c\":1}\n").getBytes(StandardCharsets.UTF_8)),
                    (line, e) -> events.add(e),
                    (line, m) -> bad.add(m));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertThat(bad).hasSize(1);
        assertThat(events).hasSize(1);
    }

    @Test
    void namesWhatEachBadLineIsAndGoesOn() throws Exception {
        byte[] latin1 = "{\"a\": \"\u00e9\"}\n".getBytes(StandardCharsets.ISO_8859_1);
        byte[] rest =
                "null\n42\n\"s\"\n{\"a\": \n{\"ok\": true}\n{\"skip\": \"\u00e9\"}\n".getBytes(StandardCharsets.UTF_8);
        byte[] input = new byte[latin1.length + rest.length];
        System.arraycopy(latin1, 0, input, 0, latin1.length);
        System.arraycopy(rest, 0, input, latin1.length, rest.length);
        // the second byte of a skipped value's "é" is not UTF-8
        input[input.length - 4] = (byte) 0xFF;
        List<String> bad = new ArrayList<>();
        List<Long> lines = new ArrayList<>();
        JsonEventReader.forPlan(PLAN)
                .readLines(
                        new ByteArrayInputStream(input),
                        (line, event) -> lines.add(JsonEventReader.lineNumber(event)),
                        (line, message) -> bad.add(line + ": " + message));
        assertThat(lines).containsExactly(6L);
        assertThat(bad)
                .containsExactly(
                        "1: not UTF-8 at column 10 (byte 0x22)",
                        "2: not a JSON object but null",
                        "3: not a JSON object but number",
                        "4: not a JSON object but string",
                        "5: invalid JSON at column 7: the line ends inside an object (a closing '}' is missing)",
                        "7: not UTF-8 at column 13 (byte 0xff)");
    }

    @Test
    void keepsTextAndLineNumbersAcrossBlankLinesCrLfBomAndAMissingLastNewline() throws Exception {
        String ndjson = "\uFEFF{\"a\": 1}\r\n\n   \r\n\t{\"a\": \"\u00e9\u6f22\uD83D\uDE00\"}\n{\"a\":3}";
        List<Event> events = new ArrayList<>();
        List<String> bad = new ArrayList<>();
        long read = JsonEventReader.full()
                .readLines(
                        new ByteArrayInputStream(ndjson.getBytes(StandardCharsets.UTF_8)),
                        (line, event) -> events.add(event),
                        (line, message) -> bad.add(line + ": " + message));
        assertThat(read).isEqualTo(5);
        assertThat(bad).isEmpty();
        assertThat(events).extracting(JsonEventReader::lineNumber).containsExactly(1L, 4L, 5L);
        assertThat(events)
                .extracting(Event::source)
                .containsExactly("{\"a\": 1}", "\t{\"a\": \"\u00e9\u6f22\uD83D\uDE00\"}", "{\"a\":3}");
        assertThat(events.get(1).field("a")).isEqualTo("\u00e9\u6f22\uD83D\uDE00");
        assertThat(JsonEventReader.lineNumber(JsonEventReader.full().read("{}")))
                .isZero();
        assertThat(JsonEventReader.lineNumber(Event.of(java.util.Map.of()))).isZero();
    }

    @Test
    void readsLinesLongerThanItsBuffersAndLinesThatStraddleThem() throws Exception {
        StringBuilder input = new StringBuilder();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String line = "{\"i\": " + i + ", \"pad\": \"" + "x".repeat(i * 3001) + "\"}";
            expected.add(line);
            input.append(line).append('\n');
        }
        List<Event> events = new ArrayList<>();
        JsonEventReader.forPlan(EqlCompiler.compile("any where i == 49"))
                .readLines(
                        new ByteArrayInputStream(input.toString().getBytes(StandardCharsets.UTF_8)),
                        (line, event) -> events.add(event),
                        (line, message) -> {});
        assertThat(events).extracting(Event::source).isEqualTo(List.copyOf(expected));
        assertThat(events.get(49).field("i")).isEqualTo(49);
        assertThat(events).extracting(JsonEventReader::lineNumber).endsWith(50L);
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
        long read = JsonEventReader.forPlan(PLAN)
                .readLines(
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
        String ndjson = "{\"@timestamp\":1,\"" + POD
                + "\":\"p\",\"process\":{\"args\":[\"-x\"]},\"host\":{\"name\":\"h\"}}\n" + "{\"@timestamp\":2,\"" + POD
                + "\":\"p\",\"process\":{\"args\":[\"-y\"]},\"host\":{\"name\":\"h\"}}\n";
        for (JsonEventReader reader : List.of(JsonEventReader.forPlan(PLAN), JsonEventReader.full())) {
            List<Match> matches = new ArrayList<>();
            EqlEngine engine = EqlEngine.create(PLAN, matches::add);
            reader.readLines(
                    new ByteArrayInputStream(ndjson.getBytes(StandardCharsets.UTF_8)),
                    (line, event) -> engine.accept(event),
                    (line, message) -> {});
            engine.finish();
            assertThat(matches).hasSize(1);
            assertThat((String) matches.get(0).events().get(0).source()).contains("\"-x\"");
        }
    }
}
