package io.eql4j.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * All 1,081 EQL rules of Elastic's detection-rules corpus load as a pack, agree with the corpus's
 * {@code eql-queries.ndjson}, and locate every char of their query in their file.
 */
class RuleCorpusTest {

    private static RulePack.Loaded loaded;
    private static Map<String, JsonNode> ndjson;
    private static Path root;

    /** Loads the corpus once; each test calls it so that, without the corpus, each is skipped saying why. */
    @BeforeEach
    void load() {
        root = Shared.corpusRules();
        if (loaded == null) {
            ndjson = Shared.corpusNdjson();
            loaded = RulePack.load(root);
        }
    }

    private static JsonNode expected(Rule r) {
        JsonNode n = ndjson.get(Shared.corpusPath(Path.of(r.source())));
        assertThat(n).as("ndjson entry for %s", r.source()).isNotNull();
        return n;
    }

    private static String text(JsonNode n) {
        return n == null || n.isNull() ? null : n.asText();
    }

    @Test
    void allRulesLoadWithoutProblems() {
        assertThat(loaded.problems()).isEmpty();
        assertThat(loaded.skipped()).isEmpty();
        assertThat(loaded.pack().size()).isEqualTo(Shared.CORPUS_RULES).isEqualTo(ndjson.size());
        // the pack's order is deterministic: sorted by path, name by name
        List<String> sources = loaded.pack().rules().stream().map(Rule::source).collect(Collectors.toList());
        assertThat(sources).isSortedAccordingTo((a, b) -> {
            String[] x = root.relativize(Path.of(a)).toString().split("/");
            String[] y = root.relativize(Path.of(b)).toString().split("/");
            for (int i = 0; i < Math.min(x.length, y.length); i++) {
                if (!x[i].equals(y[i])) {
                    return x[i].compareTo(y[i]);
                }
            }
            return Integer.compare(x.length, y.length);
        });
    }

    @Test
    void countsByTypeGroupAndMaturityMatchTheNdjson() {
        Function<Function<JsonNode, String>, Map<String, Long>> ndjsonCounts = key ->
                ndjson.values().stream().collect(Collectors.groupingBy(key, TreeMap::new, Collectors.counting()));
        Function<Function<Rule, String>, Map<String, Long>> packCounts = key ->
                loaded.pack().rules().stream().collect(Collectors.groupingBy(key, TreeMap::new, Collectors.counting()));

        assertThat(packCounts.apply(r -> r.type() + "/" + r.language()))
                .isEqualTo(ndjsonCounts.apply(
                        n -> n.get("type").asText() + "/" + n.get("language").asText()))
                .containsExactly(Map.entry("eql/eql", (long) Shared.CORPUS_RULES));
        Map<String, Long> groups = packCounts.apply(r -> {
            String path = Shared.corpusPath(Path.of(r.source()));
            return path.startsWith("rules_building_block/")
                    ? "building_block"
                    : path.startsWith("rules/_deprecated/") ? "deprecated" : "production";
        });
        assertThat(groups).isEqualTo(ndjsonCounts.apply(n -> n.get("group").asText()));
        assertThat(groups.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(Shared.CORPUS_RULES);
        assertThat(packCounts.apply(r -> r.metadata().maturity().orElse("none")))
                .isEqualTo(ndjsonCounts.apply(n -> n.get("maturity").asText()));
        assertThat(packCounts.apply(r -> String.valueOf(r.attributes().get("building_block_type"))))
                .isEqualTo(ndjsonCounts.apply(n -> String.valueOf(text(n.get("building_block_type")))));
    }

    @Test
    void everyRuleAgreesWithTheNdjson() {
        for (Rule r : loaded.pack()) {
            JsonNode n = expected(r);
            String what = r.source();
            assertThat(r.ruleId()).as(what).isEqualTo(n.get("rule_id").asText());
            assertThat(r.name()).as(what).isEqualTo(n.get("name").asText());
            assertThat(r.query()).as(what).isEqualTo(n.get("query").asText());
            assertThat(r.severity()).as(what).contains(n.get("severity").asText());
            assertThat(r.riskScore()).as(what).hasValue(n.get("risk_score").asInt());
            assertThat(r.index()).as(what).isEqualTo(Shared.strings(n.get("index")));
            assertThat(r.tags()).as(what).isEqualTo(Shared.strings(n.get("tags")));
            assertThat(r.timestampOverride().orElse(null)).as(what).isEqualTo(text(n.get("timestamp_override")));
            assertThat(r.eventCategoryOverride().orElse(null))
                    .as(what)
                    .isEqualTo(text(n.get("event_category_override")));
            assertThat(r.tiebreakerField().orElse(null)).as(what).isEqualTo(text(n.get("tiebreaker_field")));
            assertThat(r.timestampField().orElse(null)).as(what).isEqualTo(text(n.get("timestamp_field")));
            assertThat(r.attributes().get("from")).as(what).isEqualTo(text(n.get("from")));
            assertThat(r.metadata().integrations()).as(what).isEqualTo(Shared.strings(n.get("integration")));
            assertThat(r.metadata().attributes().get("min_stack_version"))
                    .as(what)
                    .isEqualTo(text(n.get("min_stack_version")));
            assertThat(r.description()).as(what).isNotBlank();
            assertThat(r.metadata().creationDate()).as(what).isPresent();
            assertThat(r.metadata().updatedDate().orElseThrow())
                    .as(what)
                    .isAfterOrEqualTo(r.metadata().creationDate().orElseThrow());
            assertThat(r.metadata().deprecationDate().isPresent())
                    .as(what)
                    .isEqualTo(r.metadata().maturity().orElseThrow().equals("deprecated"));
        }
    }

    /** Techniques and sub-techniques must be attached to the right parent, as their ids and URLs show. */
    @Test
    void threatsAreStructuredAsWritten() {
        int techniques = 0;
        int subtechniques = 0;
        for (Rule r : loaded.pack()) {
            assertThat(r.threats()).as(r.source()).isNotEmpty();
            for (Threat t : r.threats()) {
                assertThat(t.framework()).isEqualTo("MITRE ATT&CK");
                assertThat(t.tactic().id()).startsWith("TA");
                assertThat(t.tactic().reference()).contains(t.tactic().id());
                for (Threat.Technique te : t.techniques()) {
                    techniques++;
                    assertThat(te.id()).matches("T\\d{4}");
                    assertThat(te.reference()).contains(te.id());
                    for (Threat.Subtechnique s : te.subtechniques()) {
                        subtechniques++;
                        assertThat(s.id()).startsWith(te.id() + ".");
                        assertThat(s.reference()).contains(s.id().replace('.', '/'));
                    }
                }
            }
        }
        assertThat(techniques).isGreaterThan(Shared.CORPUS_RULES);
        assertThat(subtechniques).isPositive();
    }

    /** The first {@code where} of each query, and in fact every char of it, is found where locate() says. */
    @Test
    void locateFindsEveryQueryCharInTheFile() throws IOException {
        Map<String, List<String>> files = new HashMap<>();
        int located = 0;
        for (Rule r : loaded.pack()) {
            List<String> lines = files.computeIfAbsent(r.source(), s -> {
                try {
                    return Files.readAllLines(Path.of(s));
                } catch (IOException e) {
                    throw new AssertionError(e);
                }
            });
            int where = r.query().indexOf("where");
            assertThat(where).as(r.source()).isNotNegative();
            SourcePosition p = r.locate(where);
            assertThat(p.source()).isEqualTo(r.source());
            assertThat(lines.get(p.line() - 1).substring(p.column() - 1))
                    .as("%s at %s", r.source(), p)
                    .startsWith("where");
            for (int i = 0; i < r.query().length(); i++) {
                SourcePosition q = r.locate(i);
                String line = lines.get(q.line() - 1);
                char inFile = q.column() - 1 < line.length() ? line.charAt(q.column() - 1) : '\n';
                assertThat(inFile)
                        .as("%s: query char %d at %s", r.source(), i, q)
                        .isEqualTo(r.query().charAt(i));
                located++;
            }
        }
        assertThat(located).isGreaterThan(100 * Shared.CORPUS_RULES);
    }
}
