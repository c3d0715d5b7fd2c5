package io.eql4j.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eql4j.compile.EqlCompiler;
import io.eql4j.compile.Plan;
import io.eql4j.compile.TimestampPrecision;
import io.eql4j.event.Event;
import io.eql4j.event.JsonEventReader;
import io.eql4j.mapping.FieldType;
import io.eql4j.mapping.IndexMapping;
import io.eql4j.parser.EqlException;
import io.eql4j.rules.internal.toml.Toml;
import io.eql4j.rules.internal.toml.TomlArray;
import io.eql4j.rules.internal.toml.TomlInteger;
import io.eql4j.rules.internal.toml.TomlString;
import io.eql4j.rules.internal.toml.TomlTable;
import io.eql4j.rules.internal.toml.TomlValue;
import io.eql4j.runtime.EngineOptions;
import io.eql4j.runtime.EqlEngine;
import io.eql4j.runtime.Match;
import io.eql4j.testing.SharedData;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs Elasticsearch's own EQL QA suite ({@code ../shared/conformance/es}): every active query of every suite file
 * over its prepared event stream, with the settings {@code datasets.toml} gives, comparing the ids (and join keys
 * where given) exactly as Elasticsearch's runner does.
 *
 * <p>Cases that depend on Elasticsearch specifics a stream engine cannot know are listed, with their reason, in
 * {@code conformance/known-differences.txt}; each of them must still differ (so that the list shrinks as eql4j
 * improves), and every other case must pass.
 */
class EsConformanceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KNOWN = "/conformance/known-differences.txt";

    /** One query of a suite file. */
    record Case(
            String file,
            String name,
            String query,
            List<List<Long>> expectedIds,
            List<String> joinKeys,
            long size,
            int maxSamplesPerKey) {
        String id() {
            return file + "/" + name;
        }
    }

    /** One [[files]] entry of datasets.toml with its loaded events. */
    record Dataset(
            List<String> queryFiles,
            Path ndjson,
            List<JsonNode> events,
            String tiebreaker,
            String idField,
            List<IndexMapping> mappings,
            Map<String, FieldType> types,
            TimestampPrecision precision) {
        /**
         * With the mapping files alone: no hints for the fields that indexing the documents adds, and no strict
         * field list (the options then read the mappings with dynamic mapping).
         */
        Dataset withoutIndexedFields() {
            return new Dataset(queryFiles, ndjson, events, tiebreaker, idField, mappings, null, precision);
        }
    }

    @TestFactory
    Stream<DynamicTest> suite() throws IOException {
        return suite(true);
    }

    /**
     * The suite with only the mapping files, read with dynamic mapping: the fields they lack take their types from
     * the values, as they do when Elasticsearch indexes the documents (what {@code eql4j run --mapping FILE
     * --dynamic-mapping} does).
     */
    @TestFactory
    Stream<DynamicTest> suiteWithDynamicMapping() throws IOException {
        return suite(false);
    }

    private static Stream<DynamicTest> suite(boolean complete) throws IOException {
        Path root = SharedData.require("conformance/es");
        Map<String, String> known = knownDifferences();
        List<DynamicTest> tests = new ArrayList<>();
        for (Dataset full : datasets(root)) {
            Dataset dataset = complete ? full : full.withoutIndexedFields();
            for (String file : dataset.queryFiles()) {
                for (Case c : cases(root.resolve("suite").resolve(file), file)) {
                    tests.add(DynamicTest.dynamicTest(c.id(), () -> check(dataset, c, known.get(c.id()))));
                }
            }
        }
        return tests.stream();
    }

    /**
     * All queries of a dataset at once, as one rule pack in one engine, must give each rule exactly what it gives
     * alone: the dispatcher that indexes a pack's filters must not lose or invent matches.
     */
    @TestFactory
    Stream<DynamicTest> everyDatasetAsOnePack() throws IOException {
        Path root = SharedData.require("conformance/es");
        Map<String, String> known = knownDifferences();
        List<DynamicTest> tests = new ArrayList<>();
        for (Dataset dataset : datasets(root)) {
            List<Case> cases = new ArrayList<>();
            for (String file : dataset.queryFiles()) {
                for (Case c : cases(root.resolve("suite").resolve(file), file)) {
                    if (!known.containsKey(c.id()) && c.size() == 50 && c.maxSamplesPerKey() == 1) {
                        cases.add(c);
                    }
                }
            }
            tests.add(DynamicTest.dynamicTest(String.join("+", dataset.queryFiles()), () -> checkPack(dataset, cases)));
        }
        return tests.stream();
    }

    /**
     * All of a dataset's queries as one rule pack, over its NDJSON file read by {@link JsonEventReader#forPlan} (what
     * {@code eql4j run} does), so the suite also covers dispatch across rules and the extracting reader.
     */
    private static void checkPack(Dataset dataset, List<Case> cases) throws IOException {
        List<io.eql4j.rules.Rule> rules = new ArrayList<>();
        for (Case c : cases) {
            rules.add(io.eql4j.rules.Rule.ofQuery(c.id(), c.query()));
        }
        Map<String, List<Long>> ids = new LinkedHashMap<>();
        Plan plan = EqlCompiler.compile(rules, options(dataset, 50, 1));
        EqlEngine engine = EqlEngine.create(plan, match -> {
            List<Long> out = ids.computeIfAbsent(match.rule().ruleId(), k -> new ArrayList<>());
            for (Event e : match.events()) {
                out.add(e == null ? -1L : ((Number) e.field(dataset.idField())).longValue());
            }
        });
        List<String> bad = new ArrayList<>();
        try (InputStream in = Files.newInputStream(dataset.ndjson())) {
            JsonEventReader.forPlan(plan)
                    .readLines(
                            in,
                            (line, event) -> engine.accept(event),
                            (line, message) -> bad.add(line + ": " + message));
        }
        engine.finish();
        assertThat(bad).as("lines of %s", dataset.ndjson()).isEmpty();
        for (Case c : cases) {
            assertThat(ids.getOrDefault(c.id(), List.of()))
                    .as("%s in a pack of %d rules", c.id(), cases.size())
                    .isIn(c.expectedIds());
        }
    }

    /**
     * Every dataset's queries as one pack, its stream cut at several points (inside partial sequences, with events
     * in the reorder buffer, with trailing verdicts pending, before the first and after the last event),
     * snapshotted and restored into a fresh engine: the same matches as one uninterrupted run. Once with the
     * suite's unbounded lateness (everything waits in the reorder buffer), once with none (sequences are pending
     * across the cuts).
     */
    @TestFactory
    Stream<DynamicTest> everyDatasetAsOnePackSurvivesSnapshots() throws IOException {
        Path root = SharedData.require("conformance/es");
        Map<String, String> known = knownDifferences();
        List<DynamicTest> tests = new ArrayList<>();
        for (Dataset dataset : datasets(root)) {
            List<io.eql4j.rules.Rule> rules = new ArrayList<>();
            for (String file : dataset.queryFiles()) {
                for (Case c : cases(root.resolve("suite").resolve(file), file)) {
                    if (!known.containsKey(c.id())) {
                        rules.add(io.eql4j.rules.Rule.ofQuery(c.id(), c.query()));
                    }
                }
            }
            for (Duration lateness : List.of(Duration.ofDays(365L * 1000), Duration.ZERO)) {
                tests.add(DynamicTest.dynamicTest(
                        String.join("+", dataset.queryFiles()) + " lateness " + lateness, () -> {
                            EngineOptions options = options(dataset, 50, 1);
                            Plan plan = EqlCompiler.compile(rules, options);
                            List<Event> events = new ArrayList<>();
                            try (InputStream in = Files.newInputStream(dataset.ndjson())) {
                                JsonEventReader.forPlan(plan)
                                        .readLines(in, (line, event) -> events.add(event), (line, message) -> {});
                            }
                            io.eql4j.runtime.SnapshotCuts.assertSameAcrossCuts(
                                    plan,
                                    options.runtimeOptions().toBuilder()
                                            .allowedLateness(lateness)
                                            .build(),
                                    events,
                                    dataset.ndjson().toString());
                        }));
            }
        }
        return tests.stream();
    }

    static EngineOptions options(Dataset dataset, long size, int maxSamplesPerKey) {
        return EngineOptions.builder()
                .tiebreakerField(dataset.tiebreaker())
                .timestampPrecision(dataset.precision())
                .allowedLateness(Duration.ofDays(365L * 1000))
                .size(size)
                .maxSamplesPerKey(maxSamplesPerKey)
                .orderSamplesByKey(true)
                .mappings(dataset.mappings())
                .fieldTypes(dataset.types() == null ? Map.of() : dataset.types())
                .strictFields(dataset.types() != null)
                .build();
    }

    @Test
    void everyKnownDifferenceNamesARealCase() throws IOException {
        Path root = SharedData.require("conformance/es");
        List<String> ids = new ArrayList<>();
        for (Dataset dataset : datasets(root)) {
            for (String file : dataset.queryFiles()) {
                cases(root.resolve("suite").resolve(file), file).forEach(c -> ids.add(c.id()));
            }
        }
        assertThat(ids).doesNotHaveDuplicates();
        assertThat(ids).containsAll(knownDifferences().keySet());
    }

    private static void check(Dataset dataset, Case c, String knownReason) {
        Outcome outcome = run(dataset, c);
        boolean idsMatch = c.expectedIds().contains(outcome.ids());
        boolean keysMatch = c.joinKeys().isEmpty() || c.joinKeys().equals(outcome.keys());
        boolean passes = outcome.error() == null && idsMatch && keysMatch;
        if (knownReason != null) {
            if (passes) {
                fail(c.id() + " now passes: remove it from " + KNOWN + " (it was listed because: " + knownReason + ")");
            }
            return;
        }
        if (outcome.error() != null) {
            fail(c.id() + ": the query failed: " + outcome.error().getMessage(), outcome.error());
        }
        String query = c.query().strip();
        assertThat(outcome.ids()).as("%s event ids for%n%s", c.id(), query).isIn(c.expectedIds());
        if (!c.joinKeys().isEmpty()) {
            assertThat(outcome.keys()).as("%s join keys for%n%s", c.id(), query).isEqualTo(c.joinKeys());
        }
    }

    record Outcome(List<Long> ids, List<String> keys, RuntimeException error) {}

    private static Outcome run(Dataset dataset, Case c) {
        List<Long> ids = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        EngineOptions options = options(dataset, c.size(), c.maxSamplesPerKey());
        try {
            EqlEngine engine = EqlEngine.builder()
                    .query(c.query())
                    .options(options)
                    .onMatch(match -> {
                        for (Event e : match.events()) {
                            ids.add(
                                    e == null
                                            ? -1L
                                            : ((JsonNode) e.source())
                                                    .path(dataset.idField())
                                                    .asLong());
                        }
                        if (match.kind() != Match.Kind.EVENT) {
                            for (Object key : match.joinKeys()) {
                                keys.add(String.valueOf(key));
                            }
                        }
                    })
                    .build();
            for (JsonNode event : dataset.events()) {
                engine.accept(Event.of(event));
            }
            engine.finish();
            return new Outcome(ids, keys, null);
        } catch (EqlException | IllegalArgumentException e) {
            return new Outcome(ids, keys, e);
        }
    }

    static List<Dataset> datasets(Path root) throws IOException {
        TomlTable settings = Toml.parse(root.resolve("datasets.toml"));
        List<Dataset> out = new ArrayList<>();
        for (TomlValue v : settings.require("files", TomlArray.class).values()) {
            TomlTable f = (TomlTable) v;
            List<String> queries = strings(f.get("queries"));
            List<JsonNode> events = new ArrayList<>();
            for (String line : Files.readAllLines(root.resolve("data").resolve(string(f, "events")))) {
                if (!line.isBlank()) {
                    events.add(JSON.readTree(line));
                }
            }
            List<IndexMapping> mappings = new ArrayList<>();
            for (String mapping : strings(f.get("mapping"))) {
                mappings.add(Mappings.read(root.resolve("suite").resolve(mapping)));
            }
            // the fields of the documents that the mapping files lack, as Elasticsearch maps them when it indexes
            Map<String, FieldType> types = new TreeMap<>();
            for (JsonNode event : events) {
                Mappings.dynamic(event, "", mappings, types);
            }
            TimestampPrecision precision =
                    "nanos".equals(f.contains("timestamp_precision") ? string(f, "timestamp_precision") : null)
                            ? TimestampPrecision.NANOS
                            : TimestampPrecision.MILLIS;
            String tiebreaker = f.contains("tiebreaker_field") ? string(f, "tiebreaker_field") : null;
            out.add(new Dataset(
                    queries,
                    root.resolve("data").resolve(string(f, "events")),
                    events,
                    tiebreaker,
                    string(f, "id_field"),
                    mappings,
                    types,
                    precision));
        }
        return out;
    }

    static List<Case> cases(Path file, String fileName) throws IOException {
        TomlTable table = Toml.parse(file, Toml.Option.ALLOW_NULL);
        List<Case> out = new ArrayList<>();
        for (TomlValue v : table.require("queries", TomlArray.class).values()) {
            TomlTable q = (TomlTable) v;
            out.add(new Case(
                    fileName,
                    string(q, "name"),
                    string(q, "query"),
                    expectedIds(q.get("expected_event_ids")),
                    q.contains("join_keys") ? joinKeys((TomlArray) q.get("join_keys")) : List.of(),
                    q.contains("size") ? ((TomlInteger) q.get("size")).value() : 50,
                    q.contains("max_samples_per_key")
                            ? (int) ((TomlInteger) q.get("max_samples_per_key")).value()
                            : 1));
        }
        return out;
    }

    /** A list of ids, or a list of alternative lists. */
    private static List<List<Long>> expectedIds(TomlValue value) {
        List<TomlValue> values = ((TomlArray) value).values();
        if (!values.isEmpty() && values.get(0) instanceof TomlArray) {
            List<List<Long>> alternatives = new ArrayList<>();
            for (TomlValue alternative : values) {
                alternatives.add(longs((TomlArray) alternative));
            }
            return alternatives;
        }
        return List.of(longs((TomlArray) value));
    }

    private static List<Long> longs(TomlArray array) {
        List<Long> out = new ArrayList<>();
        for (TomlValue v : array.values()) {
            out.add(((TomlInteger) v).value());
        }
        return out;
    }

    private static List<String> joinKeys(TomlArray array) {
        List<String> out = new ArrayList<>();
        for (TomlValue v : array.values()) {
            Object java = v.toJava();
            out.add(String.valueOf(java));
        }
        return out;
    }

    private static String string(TomlTable table, String key) {
        return table.require(key, TomlString.class).value();
    }

    private static List<String> strings(TomlValue value) {
        if (value instanceof TomlString s) {
            return List.of(s.value());
        }
        List<String> out = new ArrayList<>();
        for (TomlValue v : ((TomlArray) value).values()) {
            out.add(((TomlString) v).value());
        }
        return out;
    }

    /** {@code file/name | reason} lines; {@code #} starts a comment. */
    static Map<String, String> knownDifferences() throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        try (var in = EsConformanceTest.class.getResourceAsStream(KNOWN)) {
            if (in == null) {
                throw new IllegalStateException(KNOWN + " is missing from the test resources");
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            for (String line : text.split("\n")) {
                String l = line.strip();
                if (l.isEmpty() || l.startsWith("#")) {
                    continue;
                }
                int bar = l.indexOf('|');
                if (bar < 0) {
                    throw new IllegalStateException(KNOWN + ": a line must read 'file/name | reason': " + l);
                }
                out.put(l.substring(0, bar).strip(), l.substring(bar + 1).strip());
            }
        }
        return out;
    }

    /** The suite's mapping files, and the fields that Elasticsearch's dynamic mapping adds when it loads the data. */
    static final class Mappings {
        /** What Elasticsearch's test data loader replaces with a string type it picks at random. */
        static final String RANDOM_KEYWORD_TYPE = "[runtime_random_keyword_type]";

        private Mappings() {}

        /**
         * A suite mapping file as the suite's loader makes it: the placeholder of a random string type replaced (by
         * {@code keyword}); the index is named after the file ({@code sample1.mapping} is {@code sample1}).
         */
        static IndexMapping read(Path mapping) throws IOException {
            String name = mapping.getFileName().toString();
            String text = Files.readString(mapping).replace(RANDOM_KEYWORD_TYPE, "keyword");
            return IndexMapping.parse(text, name.substring(0, name.lastIndexOf('.')));
        }

        /**
         * Adds the fields of an event that no mapping names, typed as Elasticsearch's dynamic mapping types them
         * (strings are keywords, integers longs, decimals doubles): an index knows every field of its documents.
         */
        static void dynamic(JsonNode node, String prefix, List<IndexMapping> mappings, Map<String, FieldType> out) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String name = prefix + e.getKey();
                JsonNode value = e.getValue();
                while (value.isArray() && value.size() > 0) {
                    value = value.get(0);
                }
                boolean mapped = mappings.stream().anyMatch(m -> m.field(name).isPresent());
                if (value.isObject()) {
                    dynamic(value, name + ".", mappings, out);
                } else if (!mapped && !out.containsKey(name) && !value.isNull() && !value.isArray()) {
                    out.put(
                            name,
                            value.isTextual()
                                    ? FieldType.KEYWORD
                                    : value.isIntegralNumber()
                                            ? FieldType.LONG
                                            : value.isNumber() ? FieldType.DOUBLE : FieldType.BOOLEAN);
                }
            }
        }
    }
}
