package io.eql4j.testkit;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.eql4j.event.Event;
import io.eql4j.event.FieldPath;
import io.eql4j.rules.internal.toml.Toml;
import io.eql4j.rules.internal.toml.TomlArray;
import io.eql4j.rules.internal.toml.TomlDateTime;
import io.eql4j.rules.internal.toml.TomlException;
import io.eql4j.rules.internal.toml.TomlFloat;
import io.eql4j.rules.internal.toml.TomlString;
import io.eql4j.rules.internal.toml.TomlTable;
import io.eql4j.rules.internal.toml.TomlValue;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The events of one source, in source order: an NDJSON file, inline NDJSON, or TOML tables (docs/rule-tests.md §4),
 * with where each is written and what is wrong with the source. Immutable once read; cases may share one.
 */
final class EventSource {

    /** Strict JSON: one object per line, no duplicate keys, nothing after the object. */
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    static final ObjectReader JSON = MAPPER.reader();

    /** One event of the source. */
    record Entry(Event event, int number, Place place) {}

    /**
     * A problem with the source: at a place, about one event ({@code eventNumber > 0}) or the source as a whole.
     */
    record Issue(Place place, String message, int eventNumber) {

        /** The problem, naming the case (if given) and the event, as docs/rule-tests.md §8 asks. */
        TestProblem toProblem(String caseName) {
            List<String> context = new ArrayList<>();
            if (caseName != null) {
                context.add("case " + ExpectSyntax.quote(caseName));
            }
            if (eventNumber > 0) {
                context.add("event " + eventNumber);
            }
            return place.problem(context.isEmpty() ? message : message + " (" + String.join(", ", context) + ")");
        }
    }

    /** The ids of a source's events under one id field, or what kept them from being ids. */
    record Identified(List<String> ids, List<Issue> issues) {}

    private final List<Entry> entries;
    private final List<Issue> issues;
    private final Map<String, Identified> identified = new HashMap<>();

    private EventSource(List<Entry> entries, List<Issue> issues) {
        this.entries = List.copyOf(entries);
        this.issues = List.copyOf(issues);
    }

    List<Entry> entries() {
        return entries;
    }

    List<Issue> issues() {
        return issues;
    }

    /**
     * Reads an NDJSON file (UTF-8).
     *
     * @param displayName the path as messages show it
     * @throws IOException if it cannot be read
     */
    static EventSource file(Path file, String displayName) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        String text;
        try {
            text = Toml.decodeUtf8(bytes, displayName);
        } catch (TomlException e) {
            return new EventSource(
                    List.of(), List.of(new Issue(new Place(e.source(), e.line(), e.column()), e.problem(), 0)));
        }
        return ndjson(text, new TextLines(displayName, text)::place);
    }

    /** Reads inline NDJSON, a string of the test file: each char is located through the string's source map. */
    static EventSource inline(TomlString events) {
        return ndjson(events.value(), i -> {
            var p = events.positionOf(i);
            return new Place(p.source(), p.line(), p.column());
        });
    }

    /**
     * Reads NDJSON text: blank lines and lines starting with {@code //} (after whitespace) are skipped, every other
     * line must be one JSON object.
     *
     * @param placeOf the place of a char offset of {@code text}
     */
    static EventSource ndjson(String text, IntFunction<Place> placeOf) {
        List<Entry> entries = new ArrayList<>();
        List<Issue> issues = new ArrayList<>();
        int number = 0;
        for (int start = 0; start <= text.length(); ) {
            int newline = text.indexOf('\n', start);
            int end = newline < 0 ? text.length() : newline;
            String line = text.substring(start, end);
            String trimmed = line.strip();
            if (!trimmed.isEmpty() && !trimmed.startsWith("//")) {
                number++;
                int lineStart = start;
                int indent = line.indexOf(trimmed.charAt(0));
                try {
                    JsonNode node = JSON.readTree(line);
                    if (node.isObject()) {
                        entries.add(new Entry(Event.of(node), number, placeOf.apply(lineStart + indent)));
                    } else {
                        issues.add(new Issue(
                                placeOf.apply(lineStart + indent),
                                "expected a JSON object, found " + jsonType(node),
                                number));
                    }
                } catch (JsonProcessingException e) {
                    int at = errorColumn(e, line, indent);
                    issues.add(new Issue(placeOf.apply(lineStart + at), "invalid JSON: " + message(e), number));
                }
            }
            if (newline < 0) {
                break;
            }
            start = newline + 1;
        }
        return new EventSource(entries, issues);
    }

    /** Jackson names a duplicate key after reading it; its message then reads "Duplicate field 'k'". */
    private static final Pattern DUPLICATE = Pattern.compile("Duplicate (?:field|Object property) [\"'](.*)[\"']");

    /**
     * The 0-based column of a JSON error in {@code line}: where Jackson stopped, or for a duplicate key the start of
     * that key (Jackson reports the position after it).
     */
    static int errorColumn(JsonProcessingException e, String line, int indent) {
        JsonLocation at = e.getLocation();
        int column = at == null || at.getColumnNr() < 1 ? indent : Math.min(at.getColumnNr() - 1, line.length());
        Matcher m = DUPLICATE.matcher(e.getOriginalMessage());
        if (m.matches()) {
            int key = line.lastIndexOf(jsonString(m.group(1)), column);
            return key >= 0 ? key : column;
        }
        return column;
    }

    /** What is wrong, in plain words (the engine's), with duplicate keys named as docs/rule-tests.md §4.1 does. */
    static String message(JsonProcessingException e) {
        Matcher m = DUPLICATE.matcher(e.getOriginalMessage());
        return m.matches() ? "duplicate key " + jsonString(m.group(1)) : io.eql4j.event.JsonEventReader.describe(e);
    }

    private static String jsonString(String s) {
        try {
            return MAPPER.writeValueAsString(s);
        } catch (JsonProcessingException e) {
            throw new AssertionError("a string is always JSON", e);
        }
    }

    private static String jsonType(JsonNode node) {
        return node.isArray()
                ? "an array"
                : node.isTextual()
                        ? "a string"
                        : node.isNumber() ? "a number" : node.isBoolean() ? "a boolean" : "null";
    }

    /** Events written as TOML tables ({@code [[case.events]]} or an array of inline tables). */
    static EventSource tables(TomlArray events, TomlText text) {
        List<Entry> entries = new ArrayList<>();
        List<Issue> issues = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            TomlValue v = events.values().get(i);
            Place place = place(v);
            if (!(v instanceof TomlTable)) {
                issues.add(new Issue(place, "expected an event (a table), found " + v.typeName(), i + 1));
                continue;
            }
            int issuesBefore = issues.size();
            Object json = toJson(v, text, issues, i + 1);
            if (issues.size() == issuesBefore) {
                @SuppressWarnings("unchecked")
                Map<String, Object> map = (Map<String, Object>) json;
                entries.add(new Entry(Event.of(map), i + 1, place));
            }
        }
        return new EventSource(entries, issues);
    }

    /** A TOML value as the JSON value of docs/rule-tests.md §4.2 (plain maps, lists, strings, numbers, booleans). */
    private static Object toJson(TomlValue v, TomlText text, List<Issue> issues, int number) {
        if (v instanceof TomlTable t) {
            Map<String, Object> map = new LinkedHashMap<>();
            t.entries().forEach((k, value) -> map.put(k, toJson(value, text, issues, number)));
            return map;
        } else if (v instanceof TomlArray a) {
            List<Object> list = new ArrayList<>();
            a.values().forEach(value -> list.add(toJson(value, text, issues, number)));
            return list;
        } else if (v instanceof TomlFloat f && !Double.isFinite(f.value())) {
            issues.add(new Issue(place(v), "JSON has no " + f.value() + ": use a finite number", number));
            return null;
        } else if (v instanceof TomlDateTime) {
            return text.rawScalar(v);
        }
        return v.toJava(); // String, Long, Double, Boolean
    }

    private static Place place(TomlValue v) {
        return new Place(
                v.position().source(), v.position().line(), v.position().column());
    }

    /**
     * The id of every event under {@code idField} (docs/rule-tests.md §4.3): a string, or an integer as its digits;
     * unique in the source. Computed once per id field.
     */
    Identified identify(String idField) {
        return identified.computeIfAbsent(idField, field -> {
            FieldPath path = FieldPath.of(field);
            List<String> ids = new ArrayList<>();
            List<Issue> problems = new ArrayList<>();
            Map<String, Entry> seen = new HashMap<>();
            for (Entry e : entries) {
                Object value = e.event().field(path);
                String id = idText(value);
                if (id == null) {
                    problems.add(new Issue(
                            e.place(),
                            value == null
                                    ? "the event has no id: it has no field " + ExpectSyntax.quote(field)
                                            + " (set id_field to the field that identifies events)"
                                    : "the event's id " + ExpectSyntax.quote(field)
                                            + " must be a string or an integer, found " + describe(value),
                            e.number()));
                    ids.add(null);
                    continue;
                }
                Entry first = seen.putIfAbsent(id, e);
                if (first != null) {
                    problems.add(new Issue(
                            e.place(),
                            "duplicate id " + ExpectSyntax.quote(id) + ": event " + first.number() + " at "
                                    + first.place() + " has it too",
                            e.number()));
                }
                ids.add(id);
            }
            return new Identified(ids, problems);
        });
    }

    /** An id value as text: a string, or an integer as its digits; {@code null} for anything else. */
    static String idText(Object value) {
        if (value instanceof String s) {
            return s;
        } else if (value instanceof Long
                || value instanceof Integer
                || value instanceof Short
                || value instanceof Byte
                || value instanceof BigInteger) {
            return value.toString();
        }
        return null;
    }

    private static String describe(Object value) {
        if (value instanceof List) {
            return "an array " + value;
        } else if (value instanceof Boolean) {
            return "a boolean " + value;
        } else if (value instanceof Number) {
            return "a float " + value;
        }
        return String.valueOf(value);
    }
}
