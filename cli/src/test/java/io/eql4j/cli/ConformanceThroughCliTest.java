package io.eql4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eql4j.rules.internal.toml.Toml;
import io.eql4j.rules.internal.toml.TomlArray;
import io.eql4j.rules.internal.toml.TomlInteger;
import io.eql4j.rules.internal.toml.TomlString;
import io.eql4j.rules.internal.toml.TomlTable;
import io.eql4j.rules.internal.toml.TomlValue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Elasticsearch's EQL QA suite through {@code eql4j run}, as a user runs it: one command per query, with the
 * dataset's events file, its mapping files ({@code --mapping}, one per index, read with {@code --dynamic-mapping}
 * since they are the mappings the indices had before the documents were loaded) and the request settings of
 * {@code datasets.toml}; the matches are read back from the NDJSON output and compared as Elasticsearch's runner
 * compares them.
 *
 * <p>The cases eql4j does not reproduce are those of the engine's list, {@code
 * engine-core/src/test/resources/conformance/known-differences.txt}: a listed case must still differ, every other
 * case must pass.
 */
class ConformanceThroughCliTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path KNOWN =
            Path.of("..", "engine-core", "src", "test", "resources", "conformance", "known-differences.txt");

    @TempDir
    static Path mappings;

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

    @TestFactory
    Stream<DynamicTest> everyQueryThroughRun() throws IOException {
        Path root = shared("conformance/es");
        Map<String, String> known = knownDifferences();
        List<DynamicTest> tests = new ArrayList<>();
        TomlTable settings = Toml.parse(root.resolve("datasets.toml"));
        for (TomlValue v : settings.require("files", TomlArray.class).values()) {
            TomlTable dataset = (TomlTable) v;
            List<String> args = new ArrayList<>(List.of(
                    "run",
                    "--quiet",
                    "--events",
                    root.resolve("data").resolve(string(dataset, "events")).toString()));
            for (String mapping : strings(dataset.get("mapping"))) {
                args.add("--mapping");
                args.add(suiteMapping(root.resolve("suite").resolve(mapping)).toString());
            }
            args.add("--dynamic-mapping");
            if (dataset.contains("tiebreaker_field")) {
                args.addAll(List.of("--tiebreaker-field", string(dataset, "tiebreaker_field")));
            }
            if (dataset.contains("timestamp_precision")) {
                args.addAll(List.of("--timestamp-precision", string(dataset, "timestamp_precision")));
            }
            String idField = string(dataset, "id_field");
            for (String file : strings(dataset.get("queries"))) {
                for (Case c : cases(root.resolve("suite").resolve(file), file)) {
                    tests.add(DynamicTest.dynamicTest(c.id(), () -> check(args, idField, c, known.get(c.id()))));
                }
            }
        }
        assertThat(tests).as("queries of the suite").hasSizeGreaterThan(300);
        return tests.stream();
    }

    /**
     * A suite mapping file as Elasticsearch's test loader makes it: its placeholder for a string type it picks at
     * random replaced (by {@code keyword}), under the same file name, which names the index.
     */
    private static Path suiteMapping(Path file) throws IOException {
        Path out = mappings.resolve(file.getFileName().toString());
        if (!Files.exists(out)) {
            Files.writeString(out, Files.readString(file).replace("[runtime_random_keyword_type]", "keyword"));
        }
        return out;
    }

    private static void check(List<String> datasetArgs, String idField, Case c, String knownReason) throws IOException {
        List<String> args = new ArrayList<>(datasetArgs);
        args.addAll(List.of(
                "--query",
                c.query(),
                "--size",
                Long.toString(c.size()),
                "--max-samples-per-key",
                Integer.toString(c.maxSamplesPerKey())));
        Cli.Result result = Cli.run(args.toArray(String[]::new));
        List<Long> ids = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        boolean ran = result.exit() != Main.USAGE && result.exit() != Main.INTERNAL;
        if (ran) {
            for (String line : result.out().split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode match = JSON.readTree(line);
                for (JsonNode event : match.get("events")) {
                    ids.add(event.isNull() ? -1L : event.get(idField).asLong());
                }
                if (!"event".equals(match.path("kind").asText())) {
                    match.path("join_keys").forEach(k -> keys.add(k.isNull() ? "null" : k.asText()));
                }
            }
        }
        boolean passes = ran
                && c.expectedIds().contains(ids)
                && (c.joinKeys().isEmpty() || c.joinKeys().equals(keys));
        if (knownReason != null) {
            if (passes) {
                fail(c.id() + " now passes through eql4j run: remove it from " + KNOWN + " (listed because: "
                        + knownReason + ")");
            }
            return;
        }
        assertThat(ran).as("%s: %s", c.id(), result).isTrue();
        assertThat(ids)
                .as("%s event ids for%n%s%n%s", c.id(), c.query(), result.err())
                .isIn(c.expectedIds());
        if (!c.joinKeys().isEmpty()) {
            assertThat(keys).as("%s join keys for%n%s", c.id(), c.query()).isEqualTo(c.joinKeys());
        }
    }

    private static List<Case> cases(Path file, String fileName) throws IOException {
        TomlTable table = Toml.parse(file, Toml.Option.ALLOW_NULL);
        List<Case> out = new ArrayList<>();
        for (TomlValue v : table.require("queries", TomlArray.class).values()) {
            TomlTable q = (TomlTable) v;
            out.add(new Case(
                    fileName,
                    string(q, "name"),
                    string(q, "query").strip(),
                    expectedIds(q.get("expected_event_ids")),
                    q.contains("join_keys") ? joinKeys((TomlArray) q.get("join_keys")) : List.of(),
                    q.contains("size") ? ((TomlInteger) q.get("size")).value() : 50,
                    q.contains("max_samples_per_key")
                            ? (int) ((TomlInteger) q.get("max_samples_per_key")).value()
                            : 1));
        }
        return out;
    }

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
            out.add(String.valueOf(v.toJava()));
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
    private static Map<String, String> knownDifferences() throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : Files.readAllLines(KNOWN)) {
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
        return out;
    }

    /** The shared references' {@code relative} path: a failure on CI when absent, else a skip saying why. */
    static Path shared(String relative) {
        Path path = Path.of(System.getProperty("eql4j.shared.dir", "../shared")).resolve(relative);
        if (!Files.exists(path) && "true".equals(System.getenv("CI"))) {
            fail("the shared references are not at " + path.toAbsolutePath() + " (CI=true needs them)");
        }
        assumeTrue(
                Files.exists(path),
                () -> "skipped: the shared references are not at " + path.toAbsolutePath()
                        + " (set -Deql4j.shared.dir=...)");
        return path;
    }
}
