package io.eql4j.rules.internal.toml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.eql4j.rules.Shared;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The reader on real files: all detection-rule files of the corpus, and Elasticsearch's EQL QA suite (leniently,
 * for its {@code null} join keys); decoded values are cross-checked against the corpus's {@code eql-queries.ndjson},
 * which was produced by another TOML implementation (Python's tomllib).
 */
class TomlCorpusTest {

    @Test
    void everyCorpusRuleFileParses() throws IOException {
        List<Path> files = Shared.corpusFiles();
        assertThat(files).hasSize(Shared.CORPUS_RULES);
        for (Path f : files) {
            TomlTable doc = Toml.parse(f);
            assertThat(doc.keys()).as(f.toString()).contains("rule", "metadata");
        }
    }

    @Test
    void ruleValuesEqualTheNdjson() throws IOException {
        Map<String, JsonNode> ndjson = Shared.corpusNdjson();
        int compared = 0;
        for (Path f : Shared.corpusFiles()) {
            JsonNode expected = ndjson.get(Shared.corpusPath(f));
            assertThat(expected).as("ndjson entry for %s", f).isNotNull();
            TomlTable rule = Toml.parse(f).require("rule", TomlTable.class);
            Map<String, Object> actual = rule.toJava();
            for (String key : List.of("query", "rule_id", "name", "severity")) {
                assertThat(actual.get(key))
                        .as("%s %s", f, key)
                        .isEqualTo(expected.get(key).asText());
            }
            assertThat(actual.get("risk_score"))
                    .as("%s risk_score", f)
                    .isEqualTo(expected.get("risk_score").asLong());
            assertThat(actual.get("index")).as("%s index", f).isEqualTo(Shared.strings(expected.get("index")));
            assertThat(actual.get("tags")).as("%s tags", f).isEqualTo(Shared.strings(expected.get("tags")));
            compared++;
        }
        assertThat(compared).isEqualTo(ndjson.size()).isEqualTo(Shared.CORPUS_RULES);
    }

    /** Descriptions, notes and osquery transforms use every string kind, escapes included. */
    @Test
    void everyCharOfEveryCorpusStringMapsBackToTheFile() throws IOException {
        int strings = 0;
        int escaped = 0;
        for (Path f : Shared.corpusFiles()) {
            String[] lines = Files.readString(f).split("\n", -1);
            List<TomlString> all = new ArrayList<>();
            collect(Toml.parse(f), all);
            for (TomlString s : all) {
                strings++;
                for (int i = 0; i < s.value().length(); i++) {
                    TomlPosition p = s.positionOf(i);
                    String line = lines[p.line() - 1];
                    char inFile = p.column() - 1 < line.length() ? line.charAt(p.column() - 1) : '\n';
                    if (inFile != s.value().charAt(i)) {
                        assertThat(inFile)
                                .as("%s char %d of the string at %s", f, i, s.position())
                                .isEqualTo('\\');
                        escaped++;
                    }
                }
            }
        }
        assertThat(strings).isGreaterThan(10 * Shared.CORPUS_RULES);
        assertThat(escaped).as("escapes seen").isPositive();
    }

    private static void collect(TomlValue v, List<TomlString> out) {
        if (v instanceof TomlString) {
            out.add((TomlString) v);
        } else if (v instanceof TomlArray) {
            ((TomlArray) v).values().forEach(e -> collect(e, out));
        } else if (v instanceof TomlTable) {
            ((TomlTable) v).entries().values().forEach(e -> collect(e, out));
        }
    }

    @Test
    void theElasticsearchSuiteParsesLeniently() throws IOException {
        List<Path> files = Shared.esSuiteFiles();
        assertThat(files).isNotEmpty();
        for (Path f : files) {
            TomlTable doc = Toml.parse(f, Toml.Option.ALLOW_NULL);
            long headers = Files.readAllLines(f).stream()
                    .filter(l -> l.startsWith("[[queries]]"))
                    .count();
            List<TomlTable> queries = doc.require("queries", TomlArray.class).elements(TomlTable.class, "queries");
            assertThat((long) queries.size()).as(f.toString()).isEqualTo(headers);
            for (TomlTable q : queries) {
                assertThat(q.require("query", TomlString.class).value()).isNotBlank();
            }
        }
    }

    @Test
    void theElasticsearchNullJoinKeysAreNotStrictToml() {
        Path extra = Shared.esSuiteFiles().stream()
                .filter(p -> p.endsWith("test_extra.toml"))
                .findFirst()
                .orElseThrow();
        assertThatThrownBy(() -> Toml.parse(extra))
                .isInstanceOf(TomlException.class)
                .hasMessageEndingWith("test_extra.toml:381:14: expected a value (string, number, boolean, date-time,"
                        + " array or inline table), found 'null'");
    }
}
