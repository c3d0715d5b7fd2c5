package io.eql4j.testkit;

import io.eql4j.compile.EqlCompiler;
import io.eql4j.event.Event;
import io.eql4j.rules.Rule;
import io.eql4j.runtime.EngineOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One {@code [[case]]} of a rule test file, read and checked: its events (after {@code event_ids}), expected matches,
 * match mode and engine options. {@link #run()} runs it on a fresh engine. Immutable; {@link #run()} may be called
 * any number of times, from any thread.
 */
public final class RuleTestCase {

    /** The fields of a case being read; only this package builds cases. */
    static final class Draft {
        Path testFile;
        String ruleName;
        Rule rule;
        String name;
        int line;
        List<TestProblem> problems = new ArrayList<>();
        List<Event> events = List.of();
        List<String> ids = List.of();
        List<ExpectedMatch> expected = List.of();
        MatchMode mode = MatchMode.EXACT;
        EngineOptions options = EngineOptions.defaults();
    }

    private final Path testFile;
    private final String ruleName;
    private final Rule rule;
    private final String name;
    private final int line;
    private final List<TestProblem> problems;
    private final List<Event> events;
    private final Map<Event, String> ids = new IdentityHashMap<>();
    private final List<ExpectedMatch> expected;
    private final MatchMode mode;
    private final EngineOptions options;

    RuleTestCase(Draft d) {
        this.testFile = d.testFile;
        this.ruleName = d.ruleName;
        this.rule = d.rule;
        this.name = d.name;
        this.line = d.line;
        this.problems = List.copyOf(d.problems);
        this.events = List.copyOf(d.events);
        for (int i = 0; i < d.events.size(); i++) {
            ids.put(d.events.get(i), d.ids.get(i));
        }
        this.expected = List.copyOf(d.expected);
        this.mode = d.mode;
        this.options = d.options;
    }

    /** The events the case feeds to the engine, in order. */
    public List<Event> events() {
        return events;
    }

    /** The case's name ({@code case <n>} when it has none, which is an error). */
    public String name() {
        return name;
    }

    /** The test file. */
    public Path testFile() {
        return testFile;
    }

    /** The line of the case's {@code [[case]]} header in the test file. */
    public int line() {
        return line;
    }

    /**
     * What is wrong with the case, or with its test file as a whole, as {@code file:line:column: message}; the case
     * runs only when this is empty.
     */
    public List<TestProblem> problems() {
        return problems;
    }

    /** The expected matches, in the order written. */
    public List<ExpectedMatch> expected() {
        return expected;
    }

    /** How actual and expected matches are compared. */
    public MatchMode matchMode() {
        return mode;
    }

    /** The engine options the case runs with: its settings over the file's, the rule's and the defaults. */
    public EngineOptions options() {
        return options;
    }

    /**
     * Runs the case: feeds its events to a fresh engine in order, ends the input, and compares the matches with
     * {@link #expected()}. Never throws for a broken case or a failing engine; the result says what happened.
     */
    public CaseResult run() {
        if (!problems.isEmpty()) {
            StringBuilder report = new StringBuilder();
            problems.forEach(p -> report.append(p).append('\n'));
            return result(CaseResult.Status.ERROR, List.of(), report.toString().stripTrailing());
        }
        Matches actual;
        try {
            actual = Runs.run(EqlCompiler.compile(rule, options), events, ids::get);
        } catch (RuntimeException e) {
            String label = "expected (" + mode.keyword() + "):";
            List<String> texts = new ArrayList<>();
            expected.forEach(m -> texts.add(m.toString()));
            return result(
                    CaseResult.Status.FAILED,
                    List.of(),
                    label + " " + ExpectSyntax.array(texts, 2) + "\nerror: the engine failed on this case: " + e);
        }
        Optional<String> mismatch = actual.mismatch(expected, mode);
        return mismatch.map(text -> result(CaseResult.Status.FAILED, actual.list(), text))
                .orElseGet(() -> result(CaseResult.Status.PASSED, actual.list(), ""));
    }

    private CaseResult result(CaseResult.Status status, List<ActualMatch> actual, String report) {
        return new CaseResult(
                testFile,
                ruleName,
                name,
                status,
                expected,
                actual,
                status == CaseResult.Status.ERROR ? problems : List.of(),
                report);
    }

    @Override
    public String toString() {
        return ruleName + " :: " + name;
    }
}
