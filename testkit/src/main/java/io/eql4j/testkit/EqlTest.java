package io.eql4j.testkit;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.eql4j.compile.EqlCompiler;
import io.eql4j.event.Event;
import io.eql4j.event.FieldPath;
import io.eql4j.parser.EqlException;
import io.eql4j.rules.Rule;
import io.eql4j.runtime.EngineOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Runs one rule or query over events given in code, for tests written in Java; assert on the result with
 * {@code io.eql4j.testkit.assertj.EqlAssertions}.
 *
 * <pre>{@code
 * Matches matches = EqlTest.rule(Path.of("rules/token_theft.toml"))
 *         .ndjson(Path.of("events/scenario.ndjson"))
 *         .json("{\"@timestamp\": \"2026-03-17T09:00:00Z\", \"event\": {\"id\": \"x\"}}")
 *         .run();
 * assertThat(matches).containsExactlyEventIds("f-036", "a-040");
 * }</pre>
 *
 * <p>Events are fed to a fresh engine in the order added, then the input ends, as in a rule test file
 * (docs/rule-tests.md §4.5). An event is named in matches by its id ({@link #idField}, default {@code event.id}: a
 * string, or an integer as its digits), or by {@code #n}, its 1-based position among the events, when it has none.
 * The engine runs with the options of a test file without settings: the rule's {@code timestamp_field},
 * {@code tiebreaker_field} and {@code event_category_override}, samples in Elasticsearch's order, and the engine's
 * defaults otherwise; {@link #options} replaces them.
 *
 * <p>Not thread-safe; {@link #run()} may be called again after adding events.
 */
public final class EqlTest {

    private final Rule rule;
    private EngineOptions options;
    private String idField = "event.id";
    private final List<Event> events = new ArrayList<>();

    private EqlTest(Rule rule) {
        this.rule = rule;
        this.options = Settings.of(rule).toOptions();
    }

    /**
     * The rule of a {@code .toml} detection-rule file or an {@code .eql} file.
     *
     * @throws RuleTestException if it cannot be read or is not an EQL rule
     */
    public static EqlTest rule(Path ruleFile) {
        List<TestProblem> problems = new ArrayList<>();
        Rule r = RuleLoader.load(ruleFile, problems);
        if (r == null) {
            throw new RuleTestException(problems);
        }
        return new EqlTest(r);
    }

    /** A rule already loaded. */
    public static EqlTest rule(Rule rule) {
        return new EqlTest(Objects.requireNonNull(rule, "rule"));
    }

    /** A query given as text; errors name it {@code <query>}. */
    public static EqlTest query(String eql) {
        return new EqlTest(Rule.ofQuery("query", eql));
    }

    /** Replaces the engine options (see the class comment for the defaults). */
    public EqlTest options(EngineOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        return this;
    }

    /** The field that identifies events in matches (default {@code event.id}). */
    public EqlTest idField(String field) {
        FieldPath.of(Objects.requireNonNull(field, "field"));
        this.idField = field;
        return this;
    }

    /** Adds an event. */
    public EqlTest event(Event event) {
        events.add(Objects.requireNonNull(event, "event"));
        return this;
    }

    /** Adds an event given as nested maps (dotted keys allowed, as in JSON documents). */
    public EqlTest event(Map<String, ?> event) {
        return event(Event.of(event));
    }

    /**
     * Adds events given as JSON text, one object per argument (which may span several lines).
     *
     * @throws RuleTestException if one is not valid JSON or not an object; positions name it {@code <json n>}, n
     *                           counting the arguments of this call from 1
     */
    public EqlTest json(String... jsonObjects) {
        List<TestProblem> problems = new ArrayList<>();
        List<Event> parsed = new ArrayList<>();
        for (int i = 0; i < jsonObjects.length; i++) {
            String source = "<json " + (i + 1) + ">";
            try {
                JsonNode node = EventSource.JSON.readTree(jsonObjects[i]);
                if (node != null && node.isObject()) {
                    parsed.add(Event.of(node));
                } else {
                    problems.add(new TestProblem(source, 1, 1, "expected a JSON object"));
                }
            } catch (JsonProcessingException e) {
                JsonLocation at = e.getLocation();
                String[] lines = jsonObjects[i].split("\n", -1);
                int line = at == null ? 1 : Math.min(Math.max(1, at.getLineNr()), lines.length);
                int column = EventSource.errorColumn(e, lines[line - 1], 0);
                problems.add(new TestProblem(source, line, column + 1, "invalid JSON: " + EventSource.message(e)));
            }
        }
        if (!problems.isEmpty()) {
            throw new RuleTestException(problems);
        }
        events.addAll(parsed);
        return this;
    }

    /**
     * Adds the events of an NDJSON file (UTF-8; blank lines and {@code //} comment lines are skipped).
     *
     * @throws UncheckedIOException if it cannot be read
     * @throws RuleTestException    if a line is not valid JSON or not an object
     */
    public EqlTest ndjson(Path file) {
        EventSource source;
        try {
            source = EventSource.file(file, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        if (!source.issues().isEmpty()) {
            List<TestProblem> problems = new ArrayList<>();
            source.issues().forEach(i -> problems.add(i.toProblem(null)));
            throw new RuleTestException(problems);
        }
        source.entries().forEach(e -> events.add(e.event()));
        return this;
    }

    /**
     * Runs the rule over the events added so far, on a fresh engine, and returns its matches.
     *
     * @throws RuleTestException if the query does not compile (positioned in the rule's file), or two events have the
     *                           same id
     */
    public Matches run() {
        Map<Event, String> ids = new IdentityHashMap<>();
        Map<String, Integer> seen = new HashMap<>();
        FieldPath path = FieldPath.of(idField);
        for (int i = 0; i < events.size(); i++) {
            String id = EventSource.idText(events.get(i).field(path));
            if (id == null) {
                id = "#" + (i + 1);
            }
            Integer first = seen.putIfAbsent(id, i + 1);
            if (first != null) {
                throw new RuleTestException(List.of(new TestProblem(
                        "<events>",
                        0,
                        0,
                        "events " + first + " and " + (i + 1) + " have the same id " + ExpectSyntax.quote(id)
                                + "; ids must be unique")));
            }
            ids.put(events.get(i), id);
        }
        try {
            return Runs.run(EqlCompiler.compile(rule, options), events, ids::get);
        } catch (EqlException e) {
            throw new RuleTestException(List.of(RuleLoader.queryProblem(rule, e)));
        }
    }
}
