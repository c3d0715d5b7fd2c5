package io.eql4j.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The matches a rule produced on a set of events, in the order the engine reported them, together with what the
 * engine could not use (late events, events without timestamp). Immutable.
 *
 * <p>{@link #mismatch} compares them with expected matches and, when they differ, describes how, in the
 * {@code expect} syntax of test files (docs/rule-tests.md §5), so that a correct result can be pasted into a test.
 */
public final class Matches {

    private final List<ActualMatch> list;
    private final List<String> engineProblems;

    Matches(List<ActualMatch> list, List<String> engineProblems) {
        this.list = List.copyOf(list);
        this.engineProblems = List.copyOf(engineProblems);
    }

    /** The matches, in the order the engine reported them. */
    public List<ActualMatch> list() {
        return list;
    }

    /** The number of matches. */
    public int size() {
        return list.size();
    }

    /** Whether the rule produced no match. */
    public boolean isEmpty() {
        return list.isEmpty();
    }

    /**
     * The event ids of all matches, one list per match, in order ({@code null} at a missing-event stage).
     */
    public List<List<String>> eventIds() {
        List<List<String>> out = new ArrayList<>(list.size());
        list.forEach(m -> out.add(m.eventIds()));
        return out;
    }

    /** What the engine reported about events it could not use (too late, no timestamp, a rule failing on one). */
    public List<String> engineProblems() {
        return engineProblems;
    }

    /**
     * How these matches differ from {@code expected} under {@code mode} (docs/rule-tests.md §7), or empty when they
     * agree. The text lists the expected and the actual matches in {@code expect} syntax, then the expected matches
     * not found ({@code missing}), the matches not expected ({@code unexpected}, in exact mode), and what the engine
     * reported about unusable events.
     */
    public Optional<String> mismatch(List<ExpectedMatch> expected, MatchMode mode) {
        boolean[] expectedFound = new boolean[expected.size()];
        boolean[] actualUsed = new boolean[list.size()];
        // keyed expectations first: they accept fewer actual matches than unkeyed ones with the same ids, so taking
        // them first never leaves an expectation without a partner that another assignment would have given it
        for (boolean keyed : new boolean[] {true, false}) {
            for (int e = 0; e < expected.size(); e++) {
                ExpectedMatch exp = expected.get(e);
                if ((exp.keys() != null) != keyed) {
                    continue;
                }
                for (int a = 0; a < list.size() && !expectedFound[e]; a++) {
                    if (!actualUsed[a] && exp.matches(list.get(a))) {
                        actualUsed[a] = true;
                        expectedFound[e] = true;
                    }
                }
            }
        }
        List<String> missing = new ArrayList<>();
        for (int e = 0; e < expected.size(); e++) {
            if (!expectedFound[e]) {
                missing.add(expected.get(e).toString());
            }
        }
        List<String> unexpected = new ArrayList<>();
        for (int a = 0; a < list.size(); a++) {
            if (!actualUsed[a]) {
                unexpected.add(list.get(a).toString());
            }
        }
        boolean agree = mode == MatchMode.CONTAINS ? missing.isEmpty() : inOrder(expected);
        if (agree) {
            return Optional.empty();
        }
        String expectedLabel = "expected (" + mode.keyword() + "):";
        int width = expectedLabel.length() + 1;
        List<String> expectedTexts = new ArrayList<>();
        expected.forEach(m -> expectedTexts.add(m.toString()));
        List<String> actualTexts = new ArrayList<>();
        list.forEach(m -> actualTexts.add(m.toString()));
        StringBuilder sb = new StringBuilder();
        line(sb, expectedLabel, width, ExpectSyntax.array(expectedTexts, 2));
        line(sb, "actual:", width, ExpectSyntax.array(actualTexts, 2));
        if (!missing.isEmpty()) {
            line(sb, "missing:", width, ExpectSyntax.array(missing, 2));
        }
        if (mode == MatchMode.EXACT && !unexpected.isEmpty()) {
            line(sb, "unexpected:", width, ExpectSyntax.array(unexpected, 2));
        }
        if (mode == MatchMode.EXACT && missing.isEmpty() && unexpected.isEmpty()) {
            line(sb, "order:", width, "the same matches, in another order");
        }
        for (String problem : engineProblems) {
            line(sb, "engine:", width, problem);
        }
        return Optional.of(sb.toString().stripTrailing());
    }

    private boolean inOrder(List<ExpectedMatch> expected) {
        if (expected.size() != list.size()) {
            return false;
        }
        for (int i = 0; i < list.size(); i++) {
            if (!expected.get(i).matches(list.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static void line(StringBuilder sb, String label, int width, String value) {
        sb.append(label)
                .append(" ".repeat(width - label.length()))
                .append(value)
                .append('\n');
    }

    /** The matches as a test file's {@code expect} value. */
    @Override
    public String toString() {
        List<String> texts = new ArrayList<>();
        list.forEach(m -> texts.add(m.toString()));
        return ExpectSyntax.array(texts, 2);
    }
}
