package io.eql4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.eql4j.compile.CompileOptions;
import io.eql4j.compile.EqlCompiler;
import io.eql4j.compile.TimestampPrecision;
import io.eql4j.rules.internal.toml.Toml;
import io.eql4j.rules.internal.toml.TomlArray;
import io.eql4j.rules.internal.toml.TomlString;
import io.eql4j.rules.internal.toml.TomlTable;
import io.eql4j.rules.internal.toml.TomlValue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every dataset of Elasticsearch's EQL QA suite ({@code ../shared/conformance/es}) with all its queries as one rule
 * pack, through {@code eql4j run --state} over the stream split into three files: byte for byte the output of one
 * run over the whole stream, at unbounded and at zero lateness.
 */
class RunStateConformanceTest {

    @TempDir
    Path dir;

    @TestFactory
    Stream<DynamicTest> splitDatasetsGiveTheOutputOfOneRun() throws IOException {
        Path root = Cli.shared("conformance/es");
        TomlTable settings = Toml.parse(root.resolve("datasets.toml"));
        List<DynamicTest> tests = new ArrayList<>();
        int n = 0;
        for (TomlValue v : settings.require("files", TomlArray.class).values()) {
            TomlTable f = (TomlTable) v;
            String events = f.require("events", TomlString.class).value();
            String tiebreaker = f.contains("tiebreaker_field")
                    ? f.require("tiebreaker_field", TomlString.class).value()
                    : null;
            boolean nanos = f.contains("timestamp_precision")
                    && f.require("timestamp_precision", TomlString.class)
                            .value()
                            .equals("nanos");
            List<String> queries = new ArrayList<>();
            for (TomlValue file : ((TomlArray) f.get("queries")).values()) {
                TomlTable suite =
                        Toml.parse(root.resolve("suite").resolve(((TomlString) file).value()), Toml.Option.ALLOW_NULL);
                for (TomlValue q : suite.require("queries", TomlArray.class).values()) {
                    queries.add(
                            ((TomlTable) q).require("query", TomlString.class).value());
                }
            }
            int dataset = n++;
            for (String lateness : List.of("unbounded", "0")) {
                tests.add(DynamicTest.dynamicTest(
                        events + " at lateness " + lateness,
                        () -> check(
                                dataset, root.resolve("data").resolve(events), queries, tiebreaker, nanos, lateness)));
            }
        }
        return tests.stream();
    }

    private void check(
            int dataset, Path events, List<String> queries, String tiebreaker, boolean nanos, String lateness)
            throws IOException {
        // the queries that compile without the suite's mappings (the CLI has no mapping option)
        CompileOptions.Builder options = CompileOptions.builder()
                .tiebreakerField(tiebreaker)
                .timestampPrecision(nanos ? TimestampPrecision.NANOS : TimestampPrecision.MILLIS);
        Path rules = dir.resolve("rules-" + dataset + "-" + lateness);
        Files.createDirectories(rules);
        int kept = 0;
        for (int i = 0; i < queries.size(); i++) {
            try {
                EqlCompiler.compile(queries.get(i), options.build());
            } catch (RuntimeException doesNotCompile) {
                continue;
            }
            Files.writeString(rules.resolve("q" + i + ".eql"), queries.get(i) + "\n");
            kept++;
        }
        assertThat(kept).as("queries of %s that compile", events).isGreaterThan(queries.size() / 2);
        List<String> common = new ArrayList<>(List.of(
                "run",
                "-q",
                "--rules",
                rules.toString(),
                "--allowed-lateness",
                lateness,
                "--timestamp-precision",
                nanos ? "nanos" : "millis"));
        if (tiebreaker != null) {
            common.addAll(List.of("--tiebreaker-field", tiebreaker));
        }
        List<String> args = new ArrayList<>(common);
        args.addAll(List.of("--events", events.toString()));
        Cli.Result whole = Cli.run(args.toArray(String[]::new));
        assertThat(whole.exit()).as(whole.toString()).isIn(0, 1);
        assertThat(whole.out()).as("matches of %s", events).isNotEmpty();
        List<String> lines = Files.readAllLines(events, StandardCharsets.UTF_8);
        int[] ends = {lines.size() / 3, 2 * lines.size() / 3, lines.size()};
        Path state = dir.resolve("state-" + dataset + "-" + lateness);
        StringBuilder out = new StringBuilder();
        int from = 0;
        for (int part = 0; part < ends.length; part++) {
            Path file = dir.resolve("part-" + dataset + "-" + part + ".ndjson");
            Files.write(file, lines.subList(from, ends[part]), StandardCharsets.UTF_8);
            List<String> partArgs = new ArrayList<>(common);
            partArgs.addAll(List.of("--events", file.toString(), "--state", state.toString()));
            if (part == ends.length - 1) {
                partArgs.add("--finish");
            }
            Cli.Result r = Cli.run(partArgs.toArray(String[]::new));
            assertThat(r.exit()).as(r.toString()).isIn(0, 1);
            out.append(r.out());
            from = ends[part];
        }
        assertThat(out.toString())
                .as("%s split in three, lateness %s", events, lateness)
                .isEqualTo(whole.out());
    }
}
