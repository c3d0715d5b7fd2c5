package io.eql4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eql4j.event.Event;
import io.eql4j.rules.Rule;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Engine tests as small timelines: events in (in arrival order), matches out.
 *
 * <pre>{@code
 * Timeline.query("sequence by user [process where name == \"a\"] [process where name == \"b\"]")
 *     .at("00:00:01", "id=1 user=u1 category=process name=a")
 *     .at("00:00:05", "id=2 user=u1 category=process name=b")
 *     .expect("1,2 by u1");
 * }</pre>
 *
 * <p><b>Times</b> are {@code HH:mm:ss[.fraction]} on the base date 2026-01-01 UTC, written into the timestamp
 * field as an ISO string with the fraction as given (so {@code "00:00:01.000000001"} is nanosecond precise).
 *
 * <p><b>Events</b> are either JSON ({@code {...}}, read as a Jackson tree) or {@code key=value} pairs separated by
 * blanks. A value is {@code null}, {@code true}/{@code false}, an integer (Long), a decimal (Double), a list
 * {@code [a,b]}, a {@code "quoted string"} (always a String), or else a bare String. Dotted keys become nested
 * maps ({@code process.name=a} is {@code {"process":{"name":"a"}}}); {@code category} stands for
 * {@code event.category}.
 *
 * <p><b>Matches</b> render as the ids of their events in stage order ({@code -} for a missing-event placeholder),
 * the id being the event's {@code id} or {@code event.id} field, then {@code " by "} and the join keys when there
 * are any ({@code 2,4,9 by root}); with several queries, the rule id comes first ({@code r2: 1,2}).
 */
final class Timeline {

    static final String BASE_DATE = "2026-01-01";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern INTEGER = Pattern.compile("-?\\d+");
    private static final Pattern DECIMAL = Pattern.compile("-?\\d+\\.\\d+");

    private final List<Rule> rules = new ArrayList<>();
    private final EngineOptions.Builder options = EngineOptions.builder();
    private final List<Event> events = new ArrayList<>();

    private Timeline() {}

    /** A timeline for one query (rule id {@code query}). */
    static Timeline query(String query) {
        Timeline t = new Timeline();
        t.rules.add(Rule.ofQuery("query", query));
        return t;
    }

    /** A timeline for several queries, with the rule ids {@code r1}, {@code r2}, ... */
    static Timeline queries(String... queries) {
        Timeline t = new Timeline();
        for (int i = 0; i < queries.length; i++) {
            t.rules.add(Rule.ofQuery("r" + (i + 1), queries[i]));
        }
        return t;
    }

    /** A timeline for rules read elsewhere (rule files). */
    static Timeline rules(List<Rule> rules) {
        Timeline t = new Timeline();
        t.rules.addAll(rules);
        return t;
    }

    /** Changes the engine options (lateness, size, tiebreaker, precision, ...). */
    Timeline options(Consumer<EngineOptions.Builder> change) {
        change.accept(options);
        return this;
    }

    /** Adds an event at {@code time} (see the class comment for both notations). */
    Timeline at(String time, String event) {
        events.add(event(iso(time), event, options.build().timestampField()));
        return this;
    }

    /** Adds an event made of a map (copied) with {@code time} added as its timestamp. */
    Timeline at(String time, Map<String, ?> fields) {
        Map<String, Object> copy = new LinkedHashMap<>(fields);
        copy.put(options.build().timestampField(), iso(time));
        events.add(Event.of(copy));
        return this;
    }

    /** Adds an event as it is: no timestamp is added (it may have its own). */
    Timeline event(String event) {
        events.add(event(null, event, null));
        return this;
    }

    /** Adds an event backed by the map as it is. */
    Timeline event(Map<String, ?> map) {
        events.add(Event.of(map));
        return this;
    }

    /** Adds a ready-made event. */
    Timeline event(Event event) {
        events.add(event);
        return this;
    }

    /** Builds the engine and feeds it the events so far; the stream is not finished. */
    Run run() {
        Run run = new Run(rules, options.build());
        events.forEach(run::accept);
        return run;
    }

    /** Feeds every event, finishes the stream and checks the matches, exactly and in order. */
    Run expect(String... matches) {
        Run run = run().finish();
        assertThat(run.delivered()).as("matches").containsExactly(matches);
        return run;
    }

    /** Same as {@code expect()} with no argument, but reads better. */
    Run expectNone() {
        return expect();
    }

    /** The ISO timestamp of a time of the base date. */
    static String iso(String time) {
        return BASE_DATE + "T" + time + "Z";
    }

    /** The instant of a time of the base date. */
    static Instant instant(String time) {
        return Instant.parse(iso(time));
    }

    /** A time of the base date {@code millis} after midnight, as {@code at} takes it. */
    static String time(long millis) {
        String iso = Instant.parse(iso("00:00:00")).plusMillis(millis).toString();
        if (!iso.startsWith(BASE_DATE)) {
            throw new IllegalArgumentException("beyond the base date: " + millis + " ms");
        }
        String t = iso.substring(BASE_DATE.length() + 1, iso.length() - 1);
        return t.length() == 8 ? t + ".000" : t;
    }

    /** Makes an event from either notation; a non-null {@code timestamp} goes into {@code timestampField}. */
    static Event event(String timestamp, String text, String timestampField) {
        String trimmed = text.strip();
        if (trimmed.startsWith("{")) {
            try {
                ObjectNode node = (ObjectNode) JSON.readTree(trimmed);
                if (timestamp != null) {
                    node.put(timestampField, timestamp);
                }
                return Event.of(node);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("bad JSON event: " + text, e);
            }
        }
        Map<String, Object> map = pairs(trimmed);
        if (timestamp != null) {
            map.put(timestampField, timestamp);
        }
        return Event.of(map);
    }

    /** Parses {@code key=value ...} into nested maps. */
    static Map<String, Object> pairs(String text) {
        Map<String, Object> map = new LinkedHashMap<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            while (i < n && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            if (i == n) {
                break;
            }
            int eq = text.indexOf('=', i);
            if (eq < 0) {
                throw new IllegalArgumentException("expected key=value at " + i + " in: " + text);
            }
            String key = text.substring(i, eq);
            i = eq + 1;
            int end = valueEnd(text, i);
            Object value = value(text.substring(i, end));
            i = end;
            put(map, key.equals("category") ? "event.category" : key, value);
        }
        return map;
    }

    private static int valueEnd(String text, int i) {
        char c = i < text.length() ? text.charAt(i) : ' ';
        if (c == '"') {
            int close = text.indexOf('"', i + 1);
            return close + 1;
        }
        if (c == '[') {
            return text.indexOf(']', i) + 1;
        }
        int j = i;
        while (j < text.length() && !Character.isWhitespace(text.charAt(j))) {
            j++;
        }
        return j;
    }

    private static Object value(String v) {
        if (v.startsWith("[")) {
            String inner = v.substring(1, v.length() - 1);
            List<Object> list = new ArrayList<>();
            if (!inner.isEmpty()) {
                for (String part : inner.split(",", -1)) {
                    list.add(value(part));
                }
            }
            return list;
        }
        if (v.startsWith("\"")) {
            return v.substring(1, v.length() - 1);
        }
        if (v.equals("null")) {
            return null;
        }
        if (v.equals("true") || v.equals("false")) {
            return Boolean.valueOf(v);
        }
        if (INTEGER.matcher(v).matches()) {
            return Long.valueOf(v);
        }
        if (DECIMAL.matcher(v).matches()) {
            return Double.valueOf(v);
        }
        return v;
    }

    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> map, String key, Object value) {
        if (key.startsWith("@") || !key.contains(".")) {
            map.put(key, value);
            return;
        }
        int dot = key.indexOf('.');
        Object child = map.computeIfAbsent(key.substring(0, dot), k -> new LinkedHashMap<String, Object>());
        put((Map<String, Object>) child, key.substring(dot + 1), value);
    }

    /** How a match reads in tests (see the class comment). */
    static String render(Match m, boolean withRule) {
        String ids = m.events().stream().map(Timeline::id).collect(Collectors.joining(","));
        String keys = m.joinKeys().isEmpty()
                ? ""
                : " by " + m.joinKeys().stream().map(String::valueOf).collect(Collectors.joining(","));
        return (withRule ? m.rule().ruleId() + ": " : "") + ids + keys;
    }

    /** An event's id for rendering: {@code id}, else {@code event.id}; {@code -} for a missing-event placeholder. */
    static String id(Event e) {
        if (e == null) {
            return "-";
        }
        Object id = e.field("id");
        if (id == null) {
            id = e.field("event.id");
        }
        return String.valueOf(id);
    }

    /** A running engine with everything it delivered and reported. */
    static final class Run {
        private final EqlEngine engine;
        private final boolean withRule;
        private final String timestampField;
        private final List<Match> matches = new ArrayList<>();
        private final List<EventProblem> problems = new ArrayList<>();

        Run(List<Rule> rules, EngineOptions options) {
            this.withRule = rules.size() > 1;
            this.timestampField = options.timestampField();
            this.engine = EqlEngine.builder()
                    .rules(rules)
                    .options(options)
                    .onMatch(matches::add)
                    .onProblem(problems::add)
                    .build();
        }

        Run accept(Event event) {
            engine.accept(event);
            return this;
        }

        /** Feeds one more event at {@code time}. */
        Run at(String time, String event) {
            return accept(event(iso(time), event, timestampField));
        }

        Run advanceTo(String time) {
            engine.advanceTo(instant(time));
            return this;
        }

        Run finish() {
            engine.finish();
            return this;
        }

        /** The matches delivered so far, rendered. */
        List<String> delivered() {
            return matches.stream().map(m -> render(m, withRule)).toList();
        }

        List<Match> matches() {
            return matches;
        }

        /** The problems reported so far, as {@code KIND #eventNumber} (with {@code rule} for rule errors). */
        List<String> problems() {
            return problems.stream()
                    .map(p -> p.kind() + " #" + p.eventNumber() + (p.ruleId() == null ? "" : " " + p.ruleId()))
                    .toList();
        }

        List<EventProblem> problemRecords() {
            return problems;
        }

        EngineStats stats() {
            return engine.stats();
        }

        EqlEngine engine() {
            return engine;
        }
    }
}
