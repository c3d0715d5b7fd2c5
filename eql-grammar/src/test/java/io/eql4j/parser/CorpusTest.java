package io.eql4j.parser;

import static org.assertj.core.api.Assertions.assertThat;

import io.eql4j.ast.Ast;
import io.eql4j.ast.Query;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every real query parses, and formatting it gives text that parses back to the same tree. */
class CorpusTest {

    private final EqlParser parser = new EqlParser();

    @Test
    void everyDetectionRuleParsesAndRoundTrips() {
        List<TestQueries.Named> rules = TestQueries.ruleCorpus();
        assertThat(rules).hasSize(1081);

        List<String> failures = new ArrayList<>();
        List<Query> parsed = new ArrayList<>();
        long start = System.nanoTime();
        for (TestQueries.Named rule : rules) {
            try {
                parsed.add(parser.parse(rule.query));
            } catch (EqlParseException e) {
                failures.add(rule.name + ": " + e.getMessage());
            }
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.printf(
                "parsed %d detection rules (%d chars) in %d ms%n",
                rules.size(), rules.stream().mapToLong(r -> r.query.length()).sum(), millis);
        assertThat(failures).isEmpty();

        for (int i = 0; i < parsed.size(); i++) {
            String problem = roundTripProblem(parsed.get(i));
            if (problem != null) {
                failures.add(rules.get(i).name + ": " + problem);
            }
        }
        assertThat(failures).isEmpty();
    }

    /**
     * Every active query of Elasticsearch's QA suite parses, except those listed in es-suite-rejected.txt, which
     * Elasticsearch's parser rejects too and which must fail here with the listed message.
     */
    @Test
    void everyActiveQueryOfElasticsearchsSuiteParses() throws IOException {
        List<TestQueries.Named> queries = TestQueries.elasticsearchSuite();
        // test_queries 133, additional 61, date 4, date_nanos 3, extra 40, missing_events 26, sample 25 + 9
        assertThat(queries).hasSize(301);
        Map<String, String> rejected = rejectedSuiteQueries();

        List<String> failures = new ArrayList<>();
        for (TestQueries.Named query : queries) {
            String expectedError = rejected.remove(query.name);
            try {
                Query tree = parser.parse(query.query);
                if (expectedError != null) {
                    failures.add(query.name + ": parses, but es-suite-rejected.txt expects: " + expectedError);
                }
                String problem = roundTripProblem(tree);
                if (problem != null) {
                    failures.add(query.name + ": " + problem);
                }
            } catch (EqlParseException e) {
                if (expectedError == null || !e.errorMessage().equals(expectedError)) {
                    failures.add(query.name + ": " + e.getMessage());
                }
            }
        }
        assertThat(failures).isEmpty();
        assertThat(rejected)
                .as("entries of es-suite-rejected.txt that name no suite query")
                .isEmpty();
    }

    /** Lines "file:name TAB expected error message", with # comments. */
    private static Map<String, String> rejectedSuiteQueries() throws IOException {
        Map<String, String> rejected = new LinkedHashMap<>();
        try (InputStream in = CorpusTest.class.getResourceAsStream("es-suite-rejected.txt")) {
            assertThat(in).as("es-suite-rejected.txt").isNotNull();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    String[] parts = line.split("\t", 2);
                    rejected.put(parts[0], parts[1]);
                }
            }
        }
        return rejected;
    }

    /** Why format-then-parse does not give back the tree, or null when it does. */
    private String roundTripProblem(Query parsed) {
        String formatted = EqlFormatter.format(parsed);
        try {
            Query again = parser.parse(formatted);
            return Ast.withoutSpans(again).equals(Ast.withoutSpans(parsed))
                    ? null
                    : "formatted text parses to another tree:\n" + formatted;
        } catch (EqlParseException e) {
            return "formatted text does not parse: " + e.getMessage() + "\n" + formatted;
        }
    }
}
