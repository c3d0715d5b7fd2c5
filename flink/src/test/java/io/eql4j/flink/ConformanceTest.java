package io.eql4j.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.eql4j.compile.EqlCompiler;
import io.eql4j.compile.Plan;
import io.eql4j.compile.TimestampPrecision;
import io.eql4j.event.JsonEventReader;
import io.eql4j.flink.testing.CollectingSink;
import io.eql4j.flink.testing.FlinkTests;
import io.eql4j.flink.testing.Multisets;
import io.eql4j.flink.testing.SharedData;
import io.eql4j.parser.EqlException;
import io.eql4j.rules.Rule;
import io.eql4j.rules.internal.toml.Toml;
import io.eql4j.rules.internal.toml.TomlArray;
import io.eql4j.rules.internal.toml.TomlString;
import io.eql4j.rules.internal.toml.TomlTable;
import io.eql4j.rules.internal.toml.TomlValue;
import io.eql4j.runtime.EngineOptions;
import io.eql4j.runtime.EqlEngine;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every query of Elasticsearch's EQL QA suite that compiles (event queries, sequences and samples, with and without
 * {@code head}/{@code tail}), per dataset as one rule pack, through the Flink job's operators (the router, then event queries, and the
 * keyed operator for sequences and samples) at parallelism 1, 2 and 4 on a mini cluster, gives exactly the embedded
 * engine's matches and problems over the same NDJSON file, compared as multisets (Flink defines no order across
 * parallel instances); within a key the keyed operator runs events in time order. Generic types are disabled: a
 * record or state that needed Kryo would fail the job.
 */
@Timeout(300)
class ConformanceTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = FlinkTests.miniCluster();

    /** One dataset: its events file and the event queries that compile for it. */
    record Dataset(String name, Path events, EngineOptions options, Map<String, String> queries) {}

    @TestFactory
    Stream<DynamicTest> everyQueryGivesTheEmbeddedEnginesMatches() throws IOException {
        Path root = SharedData.require("conformance/es");
        List<DynamicTest> tests = new ArrayList<>();
        int total = 0;
        int limited = 0;
        Map<EngineSeam.Kind, Integer> kinds = new java.util.EnumMap<>(EngineSeam.Kind.class);
        for (Dataset d : datasets(root)) {
            total += d.queries().size();
            for (Map.Entry<String, String> q : d.queries().entrySet()) {
                EngineSeam.RuleInfo info = EngineSeam.rules(
                                EqlCompiler.compile(List.of(Rule.ofQuery(q.getKey(), q.getValue())), d.options()))
                        .get(0);
                kinds.merge(info.kind(), 1, Integer::sum);
                limited += info.limited() ? 1 : 0;
            }
            if (d.queries().isEmpty()) {
                continue;
            }
            for (int parallelism : new int[] {1, 2, 4}) {
                tests.add(DynamicTest.dynamicTest(
                        d.name() + " (" + d.queries().size() + " queries) at " + "parallelism " + parallelism,
                        () -> check(d, parallelism)));
            }
        }
        assertThat(total).as("queries found in the suite").isGreaterThan(200);
        System.out.println("conformance on Flink: " + kinds + ", " + limited + " of them with head or tail");
        assertThat(limited).as("queries with head or tail").isGreaterThan(20);
        assertThat(kinds.get(EngineSeam.Kind.SEQUENCE)).as("sequences").isGreaterThan(50);
        assertThat(kinds.get(EngineSeam.Kind.SAMPLE)).as("samples").isGreaterThan(20);
        return tests.stream();
    }

    private static void check(Dataset d, int parallelism) throws Exception {
        FlinkPlan plan = FlinkPlan.ofQueries(d.queries(), d.options());
        List<String> expectedMatches = new ArrayList<>();
        List<String> expectedProblems = new ArrayList<>();
        // the embedded engine runs the same rules under the dataset's run-time settings too (unbounded lateness);
        // a FlinkPlan carries compile-time settings only, the job has its own lateness
        List<Rule> rules = new ArrayList<>();
        d.queries().forEach((id, query) -> rules.add(Rule.ofQuery(id, query)));
        embedded(d, EqlCompiler.compile(rules, d.options()), expectedMatches, expectedProblems);

        StreamExecutionEnvironment env = FlinkTests.environment(parallelism);
        DataStream<SourceLine> lines = env.fromSource(
                FileSource.forRecordStreamFormat(
                                new NdjsonLineFormat(d.events().toString()),
                                new org.apache.flink.core.fs.Path(
                                        d.events().toAbsolutePath().toUri()))
                        .build(),
                WatermarkStrategy.noWatermarks(),
                "events");
        EqlFlink.Detection detection = EqlFlink.detect(lines, plan, EqlFlink.UNBOUNDED);
        CollectingSink<MatchRecord> matches = new CollectingSink<>(MatchRecord::toJson);
        CollectingSink<ProblemRecord> problems = new CollectingSink<>(ConformanceTest::problem);
        detection.matches().sinkTo(matches);
        detection.problems().sinkTo(problems);
        env.execute("conformance " + d.name());

        assertThat(expectedMatches)
                .as("the embedded engine's matches on %s", d.name())
                .isNotEmpty();
        Multisets.assertSame("matches of " + d.name(), matches.take(), expectedMatches);
        Multisets.assertSame("problems of " + d.name(), problems.take(), expectedProblems);
    }

    private static String problem(ProblemRecord p) {
        return p.kind() + " " + p.origin() + " " + p.ruleId();
    }

    /** The embedded engine over the same file, as {@code eql4j run} reads it. */
    private static void embedded(Dataset d, Plan plan, List<String> matches, List<String> problems) throws IOException {
        EqlEngine engine = EqlEngine.create(
                plan,
                m -> matches.add(MatchRecord.of(m).toJson()),
                p -> problems.add(p.kind().name() + " " + d.events() + ":" + JsonEventReader.lineNumber(p.event()) + " "
                        + p.ruleId()));
        try (InputStream in = Files.newInputStream(d.events())) {
            JsonEventReader.forPlan(plan)
                    .readLines(
                            in,
                            (line, event) -> engine.accept(event),
                            (line, message) -> problems.add("MALFORMED " + d.events() + ":" + line + " null"));
        }
        engine.finish();
    }

    /**
     * The datasets of {@code datasets.toml}, each with its suite files' queries that compile
     * for it, by {@code FILE/NAME}.
     */
    static List<Dataset> datasets(Path root) throws IOException {
        TomlTable settings = Toml.parse(root.resolve("datasets.toml"));
        List<Dataset> out = new ArrayList<>();
        for (TomlValue v : settings.require("files", TomlArray.class).values()) {
            TomlTable f = (TomlTable) v;
            EngineOptions.Builder options = EngineOptions.builder().allowedLateness(EqlFlink.UNBOUNDED);
            if (f.get("tiebreaker_field") instanceof TomlString t) {
                options.tiebreakerField(t.value());
            }
            if (f.get("timestamp_precision") instanceof TomlString p
                    && p.value().equals("nanos")) {
                options.timestampPrecision(TimestampPrecision.NANOS);
            }
            EngineOptions built = options.build();
            Map<String, String> queries = new LinkedHashMap<>();
            List<String> files = strings(f.get("queries"));
            for (String file : files) {
                TomlTable suite = Toml.parse(root.resolve("suite").resolve(file), Toml.Option.ALLOW_NULL);
                for (TomlValue q : suite.require("queries", TomlArray.class).values()) {
                    TomlTable query = (TomlTable) q;
                    String id =
                            file + "/" + query.require("name", TomlString.class).value();
                    String text = query.require("query", TomlString.class).value();
                    if (compiles(id, text, built)) {
                        queries.put(id, text);
                    }
                }
            }
            out.add(new Dataset(
                    String.join("+", files),
                    root.resolve("data")
                            .resolve(f.require("events", TomlString.class).value()),
                    built,
                    queries));
        }
        return out;
    }

    /** Whether the query compiles alone with these options. */
    static boolean compiles(String id, String query, EngineOptions options) {
        try {
            EqlCompiler.compile(List.of(Rule.ofQuery(id, query)), options);
            return true;
        } catch (EqlException e) {
            return false; // the suite also tests queries that must fail; they are not this test's subject
        }
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
}
