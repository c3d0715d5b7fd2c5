package io.eql4j.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eql4j.compile.EqlCompileException;
import io.eql4j.compile.EqlCompiler;
import io.eql4j.compile.Plan;
import io.eql4j.event.Event;
import io.eql4j.event.JsonEventReader;
import io.eql4j.runtime.EngineOptions;
import io.eql4j.runtime.EqlEngine;
import io.eql4j.runtime.Match;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** What index mappings change in what rules see, through the public API (docs/mappings.md). */
class MappingSemanticsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The ways an embedder or the command line hands events to the engine. */
    private static final List<Function<String, Event>> EVENT_KINDS = List.of(
            line -> Event.of(tree(line)),
            line -> Event.of(map(line)),
            line -> JsonEventReader.full().read(line));

    private static com.fasterxml.jackson.databind.JsonNode tree(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Object> map(String line) {
        try {
            return JSON.readValue(line, new TypeReference<>() {});
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static IndexMapping mapping(String index, String properties) {
        return IndexMapping.parse("{\"properties\": {" + properties + "}}", index);
    }

    /** The ids (field "id") of the events of every match, the same for every kind of event (checked). */
    private static List<List<Object>> run(String query, EngineOptions options, String... events) {
        List<List<Object>> first = null;
        for (int kind = 0; kind <= EVENT_KINDS.size(); kind++) {
            List<List<Object>> out = new ArrayList<>();
            Plan plan = EqlCompiler.compile(query, options);
            EqlEngine engine = EqlEngine.create(plan, m -> out.add(ids(m)));
            if (kind < EVENT_KINDS.size()) {
                for (String e : events) {
                    engine.accept(EVENT_KINDS.get(kind).apply(e));
                }
            } else {
                // eql4j run's reader, which takes only the plan's fields from each line
                try {
                    JsonEventReader.forPlan(plan)
                            .readLines(
                                    new ByteArrayInputStream(
                                            String.join("\n", events).getBytes(StandardCharsets.UTF_8)),
                                    (line, e) -> engine.accept(e),
                                    (line, problem) -> {
                                        throw new AssertionError(problem);
                                    });
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            engine.finish();
            if (first == null) {
                first = out;
            } else {
                assertThat(out).as("event kind %d of %s", kind, query).isEqualTo(first);
            }
        }
        return first;
    }

    private static List<Object> ids(Match m) {
        List<Object> ids = new ArrayList<>();
        for (Event e : m.events()) {
            Object id = e.field("id");
            ids.add(id instanceof Number n ? n.longValue() : id);
        }
        return ids;
    }

    private static List<List<Object>> ids(long... ids) {
        List<List<Object>> out = new ArrayList<>();
        for (long id : ids) {
            out.add(List.of(id));
        }
        return out;
    }

    private static EngineOptions with(IndexMapping... mappings) {
        return EngineOptions.builder().mappings(List.of(mappings)).build();
    }

    private static EngineOptions strict(IndexMapping... mappings) {
        return EngineOptions.builder()
                .mappings(List.of(mappings))
                .strictFields(true)
                .build();
    }

    @Test
    void ecsTypesProcessPidAsANumberWhenAShipperWroteAString() {
        String[] events = {
            "{\"id\": 1, \"@timestamp\": 1, \"process\": {\"pid\": \"99\"}}",
            "{\"id\": 2, \"@timestamp\": 2, \"process\": {\"pid\": \"150\"}}",
            "{\"id\": 3, \"@timestamp\": 3, \"process.pid\": 150}",
            "{\"id\": 4, \"@timestamp\": 4, \"process\": {\"pid\": 99}}"
        };
        String query = "any where process.pid > 100";
        assertThat(run(query, with(IndexMapping.ecs()), events)).isEqualTo(ids(2, 3));
        // without ECS, a string value is a keyword: "99" > "100" as text
        assertThat(run(query, EngineOptions.defaults(), events)).isEqualTo(ids(1, 2, 3));
    }

    @Test
    void aKeywordFieldHoldsNumbersAsText() {
        IndexMapping m = mapping("web", "\"code\": {\"type\": \"keyword\"}");
        String[] events = {
            "{\"id\": 1, \"@timestamp\": 1, \"code\": 404}", "{\"id\": 2, \"@timestamp\": 2, \"code\": \"500\"}"
        };
        assertThat(run("any where code < \"5\"", with(m), events)).isEqualTo(ids(1));
        assertThat(run("any where code < \"5\"", EngineOptions.defaults(), events))
                .isEmpty();
    }

    @Test
    void numericAndBooleanFieldsCoerceTheirValues() {
        IndexMapping m = mapping(
                "i",
                "\"n\": {\"type\": \"long\"}, \"d\": {\"type\": \"double\"}, " + "\"ok\": {\"type\": \"boolean\"}");
        String[] events = {
            "{\"id\": 1, \"@timestamp\": 1, \"n\": \"99.7\", \"d\": \"0.5\", \"ok\": \"true\"}",
            "{\"id\": 2, \"@timestamp\": 2, \"n\": \"abc\", \"d\": 2, \"ok\": false}"
        };
        assertThat(run("any where n == 99", with(m), events)).isEqualTo(ids(1));
        assertThat(run("any where n == null", with(m), events)).isEqualTo(ids(2));
        assertThat(run("any where d < 1", with(m), events)).isEqualTo(ids(1));
        assertThat(run("any where ok == true", with(m), events)).isEqualTo(ids(1));
    }

    @Test
    void anExplicitNullReadsAsTheNullValue() {
        IndexMapping m = mapping("i", "\"tag\": {\"type\": \"keyword\", \"null_value\": \"NULL\"}");
        String[] events = {
            "{\"id\": 1, \"@timestamp\": 1, \"tag\": null}",
            "{\"id\": 2, \"@timestamp\": 2}",
            "{\"id\": 3, \"@timestamp\": 3, \"tag\": [\"a\", null]}",
            "{\"id\": 4, \"@timestamp\": 4, \"tag\": \"x\"}",
            "{\"id\": 5, \"@timestamp\": 5, \"tag\": []}"
        };
        assertThat(run("any where tag == \"NULL\"", with(m), events)).isEqualTo(ids(1, 3));
        assertThat(run("any where tag == null", with(m), events)).isEqualTo(ids(2, 5));
        assertThat(run("any where tag == \"a\"", with(m), events)).isEqualTo(ids(3));
        assertThat(run("any where tag == null", EngineOptions.defaults(), events))
                .isEqualTo(ids(1, 2, 5));
    }

    @Test
    void explicitNullsOfFieldsBeyondTheSixtyFourthAreFoundToo() {
        IndexMapping m = mapping("i", "\"tag\": {\"type\": \"keyword\", \"null_value\": \"NULL\"}");
        StringBuilder query = new StringBuilder("any where (");
        for (int i = 0; i < 70; i++) {
            query.append("f").append(i).append(" == 1 or ");
        }
        query.append("true) and tag == \"NULL\"");
        String[] events = {
            "{\"id\": 1, \"@timestamp\": 1, \"tag\": null, \"f3\": null}",
            "{\"id\": 2, \"@timestamp\": 2, \"f3\": null}"
        };
        assertThat(EqlCompiler.compile(query.toString(), with(m)).fields()).hasSizeGreaterThan(70);
        assertThat(run(query.toString(), with(m), events)).isEqualTo(ids(1));
    }

    @Test
    void explicitNullsAreFoundHoweverTheFieldIsSpelt() {
        IndexMapping m = mapping(
                "i", "\"a\": {\"properties\": {\"tag\": {\"type\": \"keyword\", " + "\"null_value\": \"NULL\"}}}");
        String[] events = {
            "{\"id\": 1, \"@timestamp\": 1, \"a.tag\": null}",
            "{\"id\": 2, \"@timestamp\": 2, \"a\": {\"tag\": null}}",
            "{\"id\": 3, \"@timestamp\": 3, \"a\": [{\"tag\": \"x\"}, {\"tag\": null}]}",
            "{\"id\": 4, \"@timestamp\": 4, \"a\": null}",
            "{\"id\": 5, \"@timestamp\": 5, \"a\": [{\"tag\": [[null]]}]}"
        };
        assertThat(run("any where a.tag == \"NULL\"", with(m), events)).isEqualTo(ids(1, 2, 3, 5));
        assertThat(run("any where a.tag == \"x\"", with(m), events)).isEqualTo(ids(3));
    }

    @Test
    void withAStrictMappingAFieldItLacksIsAnErrorButAnOptionalOneIsNull() {
        IndexMapping m = mapping("i", "\"a\": {\"type\": \"keyword\"}");
        assertThatThrownBy(() -> EqlCompiler.compile("any where b == \"x\"", strict(m)))
                .isInstanceOf(EqlCompileException.class)
                .hasMessageContaining("Unknown column [b]");
        // "<category> where" reads event.category, which this mapping lacks
        assertThatThrownBy(() -> EqlCompiler.compile("process where a == \"x\"", strict(m)))
                .isInstanceOf(EqlCompileException.class)
                .hasMessageContaining("Unknown column [event.category]");
        String[] events = {"{\"id\": 1, \"@timestamp\": 1, \"b\": \"x\"}", "{\"id\": 2, \"@timestamp\": 2}"};
        assertThat(run("any where ?b == null", strict(m), events)).isEqualTo(ids(1, 2));
        // read with dynamic mapping, the field takes its type from its values
        assertThat(run("any where b == \"x\"", with(m), events)).isEqualTo(ids(1));
        // an optional field the mappings lack is null in the events without it: ?b == ?c holds where both lack
        assertThat(run("any where ?b == ?c", with(m), events)).isEqualTo(ids(2));
    }

    @Test
    void fieldsEqlCannotUseAreRejectedInElasticsearchsWords() {
        IndexMapping m = IndexMapping.parse("""
                {"properties": {"message": {"type": "text"}, "labels": {"type": "flattened"},
                 "sections": {"type": "nested", "properties": {"name": {"type": "keyword"}}},
                 "spot": {"type": "geo_point"}, "process": {"properties": {"pid": {"type": "long"}}}}}
                """, "i");
        assertThatThrownBy(() -> EqlCompiler.compile("any where message == \"x\"", with(m)))
                .hasMessageContaining("No keyword/multi-field defined exact matches for [message]");
        assertThatThrownBy(() -> EqlCompiler.compile("any where labels.app == \"x\"", with(m)))
                .hasMessageContaining("Cannot use field [labels.app] with unsupported type [flattened]");
        assertThatThrownBy(() -> EqlCompiler.compile("any where ?sections.name == \"x\"", with(m)))
                .hasMessageContaining("Cannot use field [sections.name] with unsupported type [nested]");
        assertThatThrownBy(() -> EqlCompiler.compile("any where spot == \"x\"", with(m)))
                .hasMessageContaining("unsupported type [geo_point]");
        assertThatThrownBy(() -> EqlCompiler.compile("any where process == 1", with(m)))
                .hasMessageContaining("Cannot use field [process] type [object] only its subfields");
        EqlCompiler.compile("any where process.pid == 1", with(m));
    }

    @Test
    void anAliasReadsTheFieldItStandsFor() {
        IndexMapping m = mapping(
                "i",
                "\"event_type\": {\"type\": \"keyword\"}, "
                        + "\"event\": {\"properties\": {\"category\": {\"type\": \"alias\", \"path\": \"event_type\"}}}");
        String[] events = {
            "{\"id\": 1, \"@timestamp\": 1, \"event_type\": \"process\"}",
            "{\"id\": 2, \"@timestamp\": 2, \"event_type\": \"file\"}"
        };
        assertThat(run("process where true", with(m), events)).isEqualTo(ids(1));
        assertThat(run("any where event.category : \"FI*\"", with(m), events)).isEqualTo(ids(2));
    }

    @Test
    void datesAreReadInTheMappingsFormats() {
        IndexMapping m = mapping("i", "\"day\": {\"type\": \"date\", \"format\": \"dd-MM-yyyy\"}");
        String[] events = {
            "{\"id\": 1, \"@timestamp\": 1, \"day\": \"17-12-2022\"}",
            "{\"id\": 2, \"@timestamp\": 2, \"day\": \"01-01-2023\"}",
            "{\"id\": 3, \"@timestamp\": 3, \"day\": \"2022-12-17\"}"
        };
        assertThat(run("any where day == \"2022-12-17\"", with(m), events)).isEqualTo(ids(1));
        assertThat(run("any where day > \"2022-12-31\"", with(m), events)).isEqualTo(ids(2));
    }

    @Test
    void eachIndexReadsItsOwnFormatAndKeysComeBackAsElasticsearchReturnsThem() {
        IndexMapping a = mapping("a", "\"day\": {\"type\": \"date\", \"format\": \"dd-MM-yyyy\"}");
        IndexMapping b = mapping("b", "\"day\": {\"type\": \"date\", \"format\": \"yyyy-MM-dd\"}");
        String[] events = {
            "{\"id\": 1, \"@timestamp\": 1, \"_index\": \"a\", \"day\": \"17-12-2022\", \"k\": 1}",
            "{\"id\": 2, \"@timestamp\": 2, \"_index\": \"b\", \"day\": \"2022-12-17\", \"k\": 2}"
        };
        EngineOptions options = EngineOptions.builder()
                .mappings(List.of(a, b))
                .orderSamplesByKey(true)
                .build();
        assertThat(run("sample by day [any where k == 1] [any where k == 2]", options, events))
                .containsExactly(List.of(1L, 2L));
        List<Object> keys = new ArrayList<>();
        EqlEngine engine = EqlEngine.builder()
                .query("sample by day [any where k == 1] [any where k == 2]")
                .options(options)
                .onMatch(match -> keys.addAll(match.joinKeys()))
                .build();
        for (String e : events) {
            engine.accept(Event.of(tree(e)));
        }
        engine.finish();
        assertThat(keys).containsExactly(1671235200000L);
        keys.clear();
        engine = EqlEngine.builder()
                .query("sequence by day [any where k == 1] [any where k == 2]")
                .options(options)
                .onMatch(match -> keys.addAll(match.joinKeys()))
                .build();
        for (String e : events) {
            engine.accept(Event.of(tree(e)));
        }
        engine.finish();
        assertThat(keys).containsExactly("17-12-2022");
    }

    @Test
    void versionAndIpFieldsCompareAsTheirTypes() {
        IndexMapping m = mapping(
                "i",
                "\"v\": {\"type\": \"version\"}, \"addr\": {\"type\": \"ip\"}, "
                        + "\"nanos\": {\"type\": \"date_nanos\", \"format\": \"yyyy-MM-dd HH:mm:ss.SSSSSSSSS\"}");
        String[] events = {
            "{\"id\": 1, \"@timestamp\": 1, \"v\": \"1.11.3\", \"addr\": \"10.1.2.3\", "
                    + "\"nanos\": \"2022-12-17 01:02:03.000000001\"}",
            "{\"id\": 2, \"@timestamp\": 2, \"v\": \"1.2.4-SNAPSHOT\", \"addr\": \"192.168.0.1\", "
                    + "\"nanos\": \"2022-12-17 01:02:03.000000000\"}"
        };
        assertThat(run("any where v > \"1.5.0\"", with(m), events)).isEqualTo(ids(1));
        assertThat(run("any where cidrMatch(addr, \"10.0.0.0/8\")", with(m), events))
                .isEqualTo(ids(1));
        assertThat(run("any where nanos > \"2022-12-17T01:02:03.000000000Z\"", with(m), events))
                .isEqualTo(ids(1));
    }

    @Test
    void constantKeywordAndIgnoreAbove() {
        IndexMapping m = mapping(
                "i",
                "\"stream\": {\"type\": \"constant_keyword\", \"value\": \"logs\"}, "
                        + "\"name\": {\"type\": \"keyword\", \"ignore_above\": 5}");
        String[] events = {
            "{\"id\": 1, \"@timestamp\": 1, \"name\": \"abc\"}", "{\"id\": 2, \"@timestamp\": 2, \"name\": \"abcdefg\"}"
        };
        assertThat(run("any where stream == \"logs\"", with(m), events)).isEqualTo(ids(1, 2));
        assertThat(run("any where name == \"abcdefg\"", with(m), events)).isEmpty();
        assertThat(run("any where name == \"abc\"", with(m), events)).isEqualTo(ids(1));
    }

    @Test
    void indicesThatDisagreeOnATypeMakeTheFieldUnusable() {
        IndexMapping a = mapping("a", "\"x\": {\"type\": \"long\"}");
        IndexMapping b = mapping("b", "\"x\": {\"type\": \"keyword\"}");
        assertThatThrownBy(() -> EqlCompiler.compile("any where x == 1", with(a, b)))
                .hasMessageContaining("Cannot use field [x] due to ambiguities being mapped as [2] incompatible "
                        + "types: [long] in [a], [keyword] in [b]");
        // a hint settles it
        EqlCompiler.compile(
                "any where x == 1",
                EngineOptions.builder()
                        .mappings(List.of(a, b))
                        .fieldType("x", FieldType.LONG)
                        .build());
    }

    @Test
    void theBuilderRefusesTwoMappingsOfOneIndex() {
        IndexMapping a = mapping("a", "\"x\": {\"type\": \"long\"}");
        assertThatThrownBy(() -> EngineOptions.builder().mapping(a).mapping(a.withIndex("a")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("two mappings for the index [a]");
        assertThat(EngineOptions.builder().mapping(a).build().toBuilder()
                        .build()
                        .mappings())
                .containsExactly(a);
    }
}
