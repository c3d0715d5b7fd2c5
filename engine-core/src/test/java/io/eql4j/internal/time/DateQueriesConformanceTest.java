package io.eql4j.internal.time;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eql4j.internal.match.SharedDir;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Replays ES's date QA specs ({@code test_queries_date.toml} on the millisecond {@code date} data,
 * {@code test_queries_date_nanos.toml} on the {@code date_nanos} data): each query is
 * {@code process where @timestamp <op> <literal> [and ...]}, evaluated here with {@link Timestamps} alone,
 * and must select exactly the expected event ids. Files come from the shared conformance suite.
 */
class DateQueriesConformanceTest {

    private static final Pattern BLOCK = Pattern.compile(
            "name = \"([^\"]+)\"\\s+query = '''(.*?)'''\\s+expected_event_ids\\s*=\\s*\\[([^\\]]*)\\]", Pattern.DOTALL);
    private static final Pattern COMPARISON = Pattern.compile("@timestamp\\s*(==|!=|<=|>=|<|>)\\s*(\"[^\"]*\"|\\d+)");

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "test_queries_date.toml, endgame-140.ndjson, false",
        "test_queries_date_nanos.toml, endgame-140-nanos.ndjson, true",
    })
    void specsSelectTheExpectedEvents(String spec, String data, boolean nanos) throws IOException {
        String toml = Files.readString(SharedDir.file("conformance/es/suite/" + spec));
        List<JsonNode> events = readEvents(SharedDir.file("conformance/es/data/" + data));
        Matcher block = BLOCK.matcher(toml);
        int specs = 0;
        while (block.find()) {
            specs++;
            String name = block.group(1);
            List<Long> expected = Arrays.stream(block.group(3).split(","))
                    .map(String::trim)
                    .filter(s -> !s.isEmpty())
                    .map(Long::valueOf)
                    .collect(Collectors.toList());
            List<String[]> comparisons = new ArrayList<>();
            Matcher c = COMPARISON.matcher(block.group(2));
            while (c.find()) {
                comparisons.add(new String[] {c.group(1), c.group(2)});
            }
            assertThat(comparisons).as(name).isNotEmpty();
            List<Long> selected = new ArrayList<>();
            for (JsonNode e : events) {
                if (!"process".equals(e.path("event").path("category").asText())) {
                    continue;
                }
                long time = Timestamps.parseToEpochNanos(value(e.get("@timestamp")));
                boolean all = comparisons.stream().allMatch(cmp -> compare(time, cmp[0], cmp[1], nanos));
                if (all) {
                    selected.add(e.get("serial_event_id").asLong());
                }
            }
            assertThat(selected).as(name).isEqualTo(expected);
        }
        assertThat(specs).as("specs found in " + spec).isPositive();
    }

    private static boolean compare(long eventNanos, String op, String literal, boolean nanos) {
        Object lit =
                literal.startsWith("\"") ? literal.substring(1, literal.length() - 1) : (Object) Long.valueOf(literal);
        Timestamps.Range range = Timestamps.literalRange(lit);
        long v = eventNanos;
        if (!nanos) { // a date field keeps milliseconds
            range = range.toMillis();
            v = Timestamps.toEpochMillis(eventNanos);
        }
        switch (op) {
            case "==":
                return range.equalTo(v);
            case "!=":
                return !range.equalTo(v);
            case "<":
                return range.lessThan(v);
            case "<=":
                return range.lessThanOrEqual(v);
            case ">":
                return range.greaterThan(v);
            default:
                return range.greaterThanOrEqual(v);
        }
    }

    private static Object value(JsonNode node) {
        return node.isNumber() ? node.numberValue() : node.asText();
    }

    private static List<JsonNode> readEvents(Path file) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        List<JsonNode> events = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (!line.isBlank()) {
                events.add(mapper.readTree(line));
            }
        }
        return events;
    }
}
