package io.eql4j.testkit;

import io.eql4j.compile.EqlCompiler;
import io.eql4j.event.Event;
import io.eql4j.parser.EqlException;
import io.eql4j.parser.EqlParser;
import io.eql4j.rules.Rule;
import io.eql4j.rules.internal.toml.Toml;
import io.eql4j.rules.internal.toml.TomlArray;
import io.eql4j.rules.internal.toml.TomlBoolean;
import io.eql4j.rules.internal.toml.TomlException;
import io.eql4j.rules.internal.toml.TomlFloat;
import io.eql4j.rules.internal.toml.TomlInteger;
import io.eql4j.rules.internal.toml.TomlString;
import io.eql4j.rules.internal.toml.TomlTable;
import io.eql4j.rules.internal.toml.TomlValue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads one test file into a {@link RuleTestFile}, checking everything docs/rule-tests.md §8 lists before any case
 * runs. Not thread-safe; one instance per file.
 */
final class TestFileReader {

    static final List<String> TOP_KEYS = List.of("rule", "description", "id_field", "events_file", "settings", "case");
    static final List<String> CASE_KEYS = List.of(
            "name", "description", "events", "events_file", "event_ids", "id_field", "expect", "match", "settings");
    static final List<String> EXPECT_KEYS = List.of("events", "keys");
    static final List<String> MISSING_KEYS = List.of("missing");

    private final Path path;
    private final Path dir;
    private final String display;
    private final List<TestProblem> fileProblems = new ArrayList<>();
    /** NDJSON files read so far, by normalised path: an {@link EventSource} or the message why it cannot be read. */
    private final Map<Path, Object> eventFiles = new HashMap<>();

    private TomlText text;
    private Rule rule;
    private QueryShape shape;
    private String fileIdField = "event.id";
    private Settings fileSettings = Settings.NONE;
    private TomlValue fileEventsValue;
    private EventSource fileEvents;

    /** The lowest level of settings, under the rule's: index mappings given to {@code eql4j test}. */
    private final Settings defaults;

    private TestFileReader(Path path, Settings defaults) {
        this.path = path;
        this.defaults = defaults;
        Path parent = path.getParent();
        this.dir = parent != null ? parent : Path.of("");
        this.display = path.toString();
    }

    static RuleTestFile read(Path path) {
        return read(path, Settings.NONE);
    }

    static RuleTestFile read(Path path, Settings defaults) {
        return new TestFileReader(path, defaults).read();
    }

    private RuleTestFile read() {
        TomlTable root;
        try {
            String source = Toml.decodeUtf8(Files.readAllBytes(path), display);
            text = new TomlText(new TextLines(display, source));
            root = Toml.parse(source, display);
        } catch (IOException e) {
            return broken(new TestProblem(display, 0, 0, "cannot read: " + describe(e)));
        } catch (TomlException e) {
            return broken(TomlText.at(e.position(), e.problem()));
        }
        text.checkKeys(root, "the top level", TOP_KEYS, fileProblems);
        TomlText.typed(root.get("description"), TomlString.class, "description", fileProblems);
        String idField = idField(root.get("id_field"), "id_field", fileProblems);
        if (idField != null) {
            fileIdField = idField;
        }
        TomlTable settings = TomlText.typed(root.get("settings"), TomlTable.class, "settings", fileProblems);
        if (settings != null) {
            fileSettings = Settings.read(settings, "settings", text, dir, fileProblems);
        }
        readRule(root);
        fileEventsValue = root.get("events_file");
        TomlString eventsFile = TomlText.typed(fileEventsValue, TomlString.class, "events_file", fileProblems);
        if (eventsFile != null) {
            fileEvents = eventsFile(eventsFile, fileProblems);
            if (fileEvents != null) {
                fileEvents.issues().forEach(i -> fileProblems.add(i.toProblem(null)));
                fileEvents.identify(fileIdField).issues().forEach(i -> fileProblems.add(i.toProblem(null)));
            }
        }
        List<RuleTestCase> cases = new ArrayList<>();
        TomlValue caseValue = root.get("case");
        TomlArray caseArray = TomlText.typed(caseValue, TomlArray.class, "case", fileProblems);
        if (caseValue == null || caseArray != null && caseArray.size() == 0) {
            fileProblems.add(text.atStart("the file has no [[case]]: a test file needs at least one case"));
        } else if (caseArray != null) {
            Map<String, TomlString> names = new HashMap<>();
            List<TomlValue> values = caseArray.values();
            for (int i = 0; i < values.size(); i++) {
                TomlTable c = TomlText.typed(values.get(i), TomlTable.class, "case[" + i + "]", fileProblems);
                if (c != null) {
                    cases.add(readCase(c, i, names));
                }
            }
        }
        return new RuleTestFile(path, rule, rule != null ? rule.name() : display, fileProblems, cases);
    }

    private RuleTestFile broken(TestProblem problem) {
        return new RuleTestFile(path, null, display, List.of(problem), List.of());
    }

    private static String describe(IOException e) {
        return e instanceof NoSuchFileException ? "no such file" : e.toString();
    }

    /** An {@code id_field} value, checked to be a non-blank string; {@code null} if absent or invalid. */
    private static String idField(TomlValue value, String what, List<TestProblem> problems) {
        TomlString s = TomlText.typed(value, TomlString.class, what, problems);
        if (s != null && s.value().isBlank()) {
            problems.add(TomlText.at(s, what + " must be a field name, not blank"));
            return null;
        }
        return s == null ? null : s.value();
    }

    // ------------------------------------------------------------------------------------------------ the rule

    /** Finds, reads and compiles the rule under test (docs/rule-tests.md §2.1). */
    private void readRule(TomlTable root) {
        Path ruleFile;
        TomlValue ruleValue = root.get("rule");
        if (ruleValue != null) {
            TomlString s = TomlText.typed(ruleValue, TomlString.class, "rule", fileProblems);
            if (s == null) {
                return;
            }
            ruleFile = dir.resolve(s.value()).normalize();
            if (!ruleFile.toString().endsWith(".toml") && !ruleFile.toString().endsWith(".eql")
                    || ruleFile.toString().endsWith(TestDiscovery.SUFFIX)) {
                fileProblems.add(TomlText.at(
                        s, "rule must name a rule file (*.toml or *.eql), found " + ExpectSyntax.quote(s.value())));
                return;
            }
            if (!Files.isRegularFile(ruleFile)) {
                fileProblems.add(TomlText.at(s, "rule file " + ruleFile + " not found"));
                return;
            }
        } else {
            String name = path.getFileName().toString();
            String base = name.endsWith(TestDiscovery.SUFFIX)
                    ? name.substring(0, name.length() - TestDiscovery.SUFFIX.length())
                    : name;
            Path toml = dir.resolve(base + ".toml");
            Path eql = dir.resolve(base + ".eql");
            boolean hasToml = Files.isRegularFile(toml);
            boolean hasEql = Files.isRegularFile(eql);
            if (hasToml && hasEql) {
                fileProblems.add(text.atStart(
                        "both " + toml + " and " + eql + " exist: set rule = \"...\" to " + "choose the rule to test"));
                return;
            }
            if (!hasToml && !hasEql) {
                fileProblems.add(text.atStart("no rule to test: neither " + toml + " nor " + eql + " exists; set "
                        + "rule = \"...\" to the rule's path"));
                return;
            }
            ruleFile = hasToml ? toml : eql;
        }
        Rule loadedRule = RuleLoader.load(ruleFile, fileProblems);
        if (loadedRule == null) {
            return;
        }
        try {
            EqlCompiler.compile(
                    loadedRule,
                    fileSettings.over(Settings.of(loadedRule)).over(defaults).toOptions());
            shape = QueryShape.of(new EqlParser().parse(loadedRule.query()));
            rule = loadedRule;
        } catch (EqlException e) {
            fileProblems.add(RuleLoader.queryProblem(loadedRule, e));
        }
    }

    // ------------------------------------------------------------------------------------------------ events

    /** The events of an {@code events_file} value, read once per file; {@code null} (and a problem) if unreadable. */
    private EventSource eventsFile(TomlString value, List<TestProblem> problems) {
        Path file = dir.resolve(value.value()).normalize();
        Object source = eventFiles.computeIfAbsent(file, f -> {
            try {
                return EventSource.file(f, f.toString());
            } catch (IOException e) {
                return "cannot read events file " + f + ": " + describe(e);
            }
        });
        if (source instanceof String message) {
            problems.add(TomlText.at(value, message));
            return null;
        }
        return (EventSource) source;
    }

    // ------------------------------------------------------------------------------------------------ cases

    private RuleTestCase readCase(TomlTable c, int index, Map<String, TomlString> names) {
        List<TestProblem> problems = new ArrayList<>();
        RuleTestCase.Draft d = new RuleTestCase.Draft();
        d.testFile = path;
        d.rule = rule;
        d.ruleName = rule != null ? rule.name() : display;
        d.line = c.position().line();
        text.checkKeys(c, "[[case]]", CASE_KEYS, problems);
        d.name = name(c, index, names, problems);
        TomlText.typed(c.get("description"), TomlString.class, "case.description", problems);
        String idFieldOverride = idField(c.get("id_field"), "case.id_field", problems);
        String idField = idFieldOverride != null ? idFieldOverride : fileIdField;

        EventSource source = caseEvents(c, problems);
        List<String> ids = List.of();
        boolean eventsKnown = false;
        if (source != null) {
            int before = problems.size();
            boolean shared = source == fileEvents;
            if (!shared) {
                source.issues().forEach(i -> problems.add(i.toProblem(d.name)));
            }
            EventSource.Identified identified = source.identify(idField);
            if (!shared || !idField.equals(fileIdField)) {
                identified.issues().forEach(i -> problems.add(i.toProblem(d.name)));
            }
            ids = identified.ids();
            eventsKnown = problems.size() == before
                    && source.issues().isEmpty()
                    && identified.issues().isEmpty();
        }
        List<Event> events = new ArrayList<>();
        List<String> keptIds = new ArrayList<>();
        Set<String> selected = eventIds(c, eventsKnown ? new HashSet<>(ids) : null, problems);
        if (source != null) {
            for (int i = 0; i < source.entries().size(); i++) {
                if (selected == null || selected.contains(ids.get(i))) {
                    events.add(source.entries().get(i).event());
                    keptIds.add(ids.get(i));
                }
            }
        }
        d.events = events;
        d.ids = keptIds;
        d.mode = matchMode(c, problems);
        TomlValue expect = c.get("expect");
        if (expect == null) {
            problems.add(TomlText.at(c, "the case has no expect" + misplaced(c, "expect")));
        } else {
            d.expected = expected(expect, eventsKnown ? new HashSet<>(keptIds) : null, problems);
            if (d.mode == MatchMode.CONTAINS && expect instanceof TomlArray a && a.size() == 0) {
                problems.add(TomlText.at(
                        expect,
                        "expect must not be empty with match = \"contains\": such a case " + "could never fail"));
            }
        }
        Settings settings = Settings.NONE;
        TomlTable settingsTable = TomlText.typed(c.get("settings"), TomlTable.class, "case.settings", problems);
        if (settingsTable != null) {
            settings = Settings.read(settingsTable, "case.settings", text, dir, problems);
        }
        d.options = settings.over(fileSettings)
                .over(rule != null ? Settings.of(rule) : Settings.NONE)
                .over(defaults)
                .toOptions();
        List<TestProblem> all = new ArrayList<>(fileProblems);
        all.addAll(problems);
        d.problems = all;
        return new RuleTestCase(d);
    }

    private String name(TomlTable c, int index, Map<String, TomlString> names, List<TestProblem> problems) {
        TomlValue v = c.get("name");
        if (v == null) {
            problems.add(TomlText.at(c, "the case has no name" + misplaced(c, "name")));
        }
        TomlString s = TomlText.typed(v, TomlString.class, "case.name", problems);
        if (s != null && s.value().isBlank()) {
            problems.add(TomlText.at(s, "case.name must not be blank"));
        } else if (s != null) {
            TomlString first = names.putIfAbsent(s.value(), s);
            if (first != null) {
                problems.add(TomlText.at(
                        s,
                        "duplicate case name " + ExpectSyntax.quote(s.value()) + ": the case at line "
                                + first.position().line() + " has it too"));
            }
            return s.value();
        }
        return "case " + (index + 1);
    }

    /** The hint of docs/rule-tests.md §8: a case key written after [[case.events]] belongs to the event. */
    private static String misplaced(TomlTable c, String key) {
        if (c.get("events") instanceof TomlArray events
                && events.size() > 0
                && events.values().get(events.size() - 1) instanceof TomlTable event
                && event.contains(key)) {
            return "; the " + key + " at line " + event.get(key).position().line() + " belongs to the event of the "
                    + "[[case.events]] above it: write a case's own keys right after its [[case]] header, before "
                    + "its first [[case.events]]";
        }
        return "";
    }

    /** The case's event source (docs/rule-tests.md §3.2), or {@code null} with a problem. */
    private EventSource caseEvents(TomlTable c, List<TestProblem> problems) {
        TomlValue events = c.get("events");
        TomlValue file = c.get("events_file");
        if (events != null && file != null) {
            problems.add(TomlText.at(c, "the case has both events and events_file: give one of them"));
            return null;
        }
        if (events instanceof TomlString s) {
            return EventSource.inline(s);
        }
        if (events instanceof TomlArray a) {
            return EventSource.tables(a, text);
        }
        if (events != null) {
            problems.add(TomlText.at(
                    events,
                    "expected case.events to be a string (NDJSON) or an array of tables " + "(events), found "
                            + events.typeName()));
            return null;
        }
        if (file != null) {
            TomlString s = TomlText.typed(file, TomlString.class, "case.events_file", problems);
            return s == null ? null : eventsFile(s, problems);
        }
        if (fileEventsValue == null) {
            problems.add(TomlText.at(
                    c, "the case has no events: give events or events_file, or a top-level " + "events_file"));
        }
        return fileEvents; // null when the top-level events_file is broken, which is a problem of the file already
    }

    /**
     * The ids of {@code event_ids}, or {@code null} when the case keeps all its events.
     *
     * @param known the ids of the case's events, or {@code null} when they are not known (broken source)
     */
    private static Set<String> eventIds(TomlTable c, Set<String> known, List<TestProblem> problems) {
        TomlValue v = c.get("event_ids");
        TomlArray a = TomlText.typed(v, TomlArray.class, "case.event_ids", problems);
        if (a == null) {
            return null;
        }
        if (a.size() == 0) {
            problems.add(TomlText.at(a, "event_ids must not be empty: leave it out to keep every event"));
        }
        Set<String> ids = new HashSet<>();
        for (TomlValue e : a.values()) {
            String id = id(e, "case.event_ids entry", problems);
            if (id == null) {
                continue;
            }
            if (!ids.add(id)) {
                problems.add(TomlText.at(e, "duplicate entry " + ExpectSyntax.quote(id) + " in event_ids"));
            } else if (known != null && !known.contains(id)) {
                problems.add(TomlText.at(e, "no event with id " + ExpectSyntax.quote(id) + " in the case's events"));
            }
        }
        return ids;
    }

    /** An event id written in the test file: a string, or an integer as its digits. */
    private static String id(TomlValue v, String what, List<TestProblem> problems) {
        if (v instanceof TomlString s) {
            return s.value();
        } else if (v instanceof TomlInteger i) {
            return Long.toString(i.value());
        }
        problems.add(TomlText.at(
                v, "expected " + what + " to be an event id (a string or an integer), found " + article(v.typeName())));
        return null;
    }

    private static String article(String typeName) {
        return (typeName.startsWith("a") || typeName.startsWith("i") ? "an " : "a ") + typeName;
    }

    private static MatchMode matchMode(TomlTable c, List<TestProblem> problems) {
        TomlString s = TomlText.typed(c.get("match"), TomlString.class, "case.match", problems);
        if (s == null) {
            return MatchMode.EXACT;
        }
        for (MatchMode m : MatchMode.values()) {
            if (m.keyword().equals(s.value())) {
                return m;
            }
        }
        problems.add(TomlText.at(
                s, "expected case.match to be \"exact\" or \"contains\", found " + ExpectSyntax.quote(s.value())));
        return MatchMode.EXACT;
    }

    // ------------------------------------------------------------------------------------------------ expect

    /**
     * The expected matches (docs/rule-tests.md §5), checked against the query's shape and the case's event ids.
     *
     * @param known the ids of the case's events after narrowing, or {@code null} when not known (broken source)
     */
    private List<ExpectedMatch> expected(TomlValue value, Set<String> known, List<TestProblem> problems) {
        TomlArray array = TomlText.typed(value, TomlArray.class, "case.expect", problems);
        if (array == null) {
            return List.of();
        }
        List<ExpectedMatch> out = new ArrayList<>();
        for (TomlValue element : array.values()) {
            List<TomlValue> idValues;
            TomlArray keys = null;
            if (element instanceof TomlArray a) {
                idValues = a.values();
            } else if (element instanceof TomlString || element instanceof TomlInteger) {
                idValues = List.of(element);
            } else if (element instanceof TomlTable t) {
                text.checkKeys(t, "an expect table", EXPECT_KEYS, problems);
                TomlArray events = TomlText.typed(t.get("events"), TomlArray.class, "events", problems);
                if (t.get("events") == null) {
                    problems.add(TomlText.at(t, "an expect table needs events = [...], the ids of the match"));
                }
                keys = TomlText.typed(t.get("keys"), TomlArray.class, "keys", problems);
                if (events == null) {
                    continue;
                }
                idValues = events.values();
            } else {
                problems.add(TomlText.at(
                        element,
                        "expected a match: an array of event ids, an event id, or "
                                + "{ events = [...], keys = [...] }; found " + article(element.typeName())));
                continue;
            }
            List<String> ids = matchIds(element, idValues, known, problems);
            List<String> keyTexts = keys == null ? null : keys(keys, problems);
            if (ids != null) {
                out.add(new ExpectedMatch(ids, keyTexts));
            }
        }
        return out;
    }

    /** The ids of one expected match, {@code null} at missing-event stages; {@code null} if invalid. */
    private List<String> matchIds(
            TomlValue match, List<TomlValue> idValues, Set<String> known, List<TestProblem> problems) {
        int before = problems.size();
        List<String> ids = new ArrayList<>();
        for (TomlValue v : idValues) {
            if (v instanceof TomlTable t) {
                ids.add(null);
                missingMarker(t, problems);
                continue;
            }
            String id = id(v, "an id in expect", problems);
            if (id != null && known != null && !known.contains(id)) {
                problems.add(TomlText.at(v, "no event with id " + ExpectSyntax.quote(id) + " among the case's events"));
            }
            ids.add(id);
        }
        if (shape != null) {
            if (ids.size() != shape.stages()) {
                problems.add(TomlText.at(
                        match,
                        "expected " + shape.stages() + (shape.stages() == 1 ? " id" : " ids") + ", one per stage ("
                                + shape.describe() + "), found " + ids.size()));
            } else {
                for (int i = 0; i < ids.size(); i++) {
                    boolean missingStage = shape.missing().get(i);
                    if (missingStage && !(idValues.get(i) instanceof TomlTable)) {
                        problems.add(TomlText.at(
                                idValues.get(i),
                                "stage " + (i + 1) + " is a missing-event stage "
                                        + "![...]: write { missing = true } there"));
                    } else if (!missingStage && idValues.get(i) instanceof TomlTable) {
                        problems.add(TomlText.at(
                                idValues.get(i),
                                "stage " + (i + 1) + " is not a missing-event " + "stage: write the id of its event"));
                    }
                }
            }
        }
        return problems.size() == before ? ids : null;
    }

    /** Checks a {@code { missing = true }} table. */
    private void missingMarker(TomlTable t, List<TestProblem> problems) {
        text.checkKeys(t, "a { missing = ... } table", MISSING_KEYS, problems);
        TomlValue v = t.get("missing");
        if (v == null) {
            problems.add(TomlText.at(t, "a table among the ids of a match must be { missing = true }"));
        } else if (!(v instanceof TomlBoolean b) || !b.value()) {
            problems.add(TomlText.at(v, "missing can only be true"));
        }
    }

    /** The join keys of an expected match, as text; checked against the query's key count. */
    private List<String> keys(TomlArray keys, List<TestProblem> problems) {
        List<String> texts = new ArrayList<>();
        for (TomlValue v : keys.values()) {
            if (v instanceof TomlString s) {
                texts.add(s.value());
            } else if (v instanceof TomlInteger || v instanceof TomlFloat || v instanceof TomlBoolean) {
                texts.add(ExpectSyntax.keyText(v.toJava()));
            } else {
                problems.add(TomlText.at(
                        v, "expected a join key (a string, number or boolean), found " + article(v.typeName())));
            }
        }
        if (shape != null && shape.eventQuery()) {
            problems.add(TomlText.at(keys, "an event query has no join keys: remove keys"));
        } else if (shape != null && keys.size() != shape.keyCount()) {
            problems.add(TomlText.at(
                    keys,
                    "expected " + shape.keyCount() + " join " + (shape.keyCount() == 1 ? "key" : "keys")
                            + " (the query's by keys), found " + keys.size()));
        }
        return texts;
    }
}
