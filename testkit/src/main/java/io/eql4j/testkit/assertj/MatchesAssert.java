package io.eql4j.testkit.assertj;

import io.eql4j.testkit.ActualMatch;
import io.eql4j.testkit.ExpectedMatch;
import io.eql4j.testkit.MatchMode;
import io.eql4j.testkit.Matches;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.assertj.core.api.AbstractAssert;

/**
 * AssertJ assertions on a rule's {@link Matches}. Failure messages show the expected and the actual matches in the
 * {@code expect} syntax of rule test files (docs/rule-tests.md §5), with what is missing and what is unexpected, so
 * that a correct result can be pasted into a test file; and what the engine could not use (late events, events
 * without timestamp).
 */
public final class MatchesAssert extends AbstractAssert<MatchesAssert, Matches> {

    MatchesAssert(Matches actual) {
        super(actual, MatchesAssert.class);
    }

    /** The rule produced no match. */
    public MatchesAssert isEmpty() {
        return containsExactly(List.of());
    }

    /** The rule produced exactly {@code count} matches. */
    public MatchesAssert hasMatchCount(int count) {
        isNotNull();
        if (actual.size() != count) {
            failWithMessage(
                    "expected %d %s, but the rule produced %d:%n%s%s",
                    count, count == 1 ? "match" : "matches", actual.size(), actual, problems());
        }
        return this;
    }

    /**
     * The event ids of all matches, one match after the other, are exactly {@code ids}, in order: for one sequence
     * its events' ids, for an event query the ids of the matching events. Like Elasticsearch's
     * {@code expected_event_ids}; use {@link #containsExactlyMatches(List[])} to say which ids belong together.
     */
    public MatchesAssert containsExactlyEventIds(String... ids) {
        isNotNull();
        List<String> flat = new ArrayList<>();
        actual.eventIds().forEach(flat::addAll);
        if (!flat.equals(Arrays.asList(ids))) {
            failWithMessage(
                    "expected the event ids %s, but the matches have %s:%n%s%s",
                    quoted(Arrays.asList(ids)), quoted(flat), "actual: " + actual, problems());
        }
        return this;
    }

    /**
     * The matches are exactly these, in this order: each a list of event ids, one per stage (keys not checked).
     * Write missing-event stages with {@link #containsExactly(List)} and {@code ExpectedMatch.of("a", null, "c")}.
     */
    @SafeVarargs
    public final MatchesAssert containsExactlyMatches(List<String>... matches) {
        List<ExpectedMatch> expected = new ArrayList<>();
        for (List<String> ids : matches) {
            expected.add(new ExpectedMatch(ids, null));
        }
        return containsExactly(expected);
    }

    /** The matches are exactly these, in this order (ids, and keys where the expected match has them). */
    public MatchesAssert containsExactly(ExpectedMatch... matches) {
        return containsExactly(Arrays.asList(matches));
    }

    /** As {@link #containsExactly(ExpectedMatch...)}. */
    public MatchesAssert containsExactly(List<ExpectedMatch> matches) {
        return compare(matches, MatchMode.EXACT);
    }

    /** Every one of these matches is among the actual ones (in any order; others may be there too). */
    public MatchesAssert contains(ExpectedMatch... matches) {
        return compare(Arrays.asList(matches), MatchMode.CONTAINS);
    }

    /**
     * Every match has exactly these join keys, compared by text as in test files (a string as is, an integer by its
     * digits, a float as {@link Double#toString(double)}, a boolean as {@code true}/{@code false}, {@code null} as
     * {@code "null"}). Fails when there is no match.
     */
    public MatchesAssert haveJoinKeys(Object... keys) {
        isNotNull();
        List<String> expected = ExpectedMatch.of().withKeys(keys).keys(); // the keys as text, as a test file has them
        if (actual.isEmpty()) {
            failWithMessage(
                    "expected matches with the join keys %s, but the rule produced no match%s",
                    quoted(expected), problems());
        }
        for (ActualMatch m : actual.list()) {
            if (!m.keys().equals(expected)) {
                failWithMessage(
                        "expected every match to have the join keys %s, but %s has %s:%nactual: %s%s",
                        quoted(expected), m, quoted(m.keys()), actual, problems());
            }
        }
        return this;
    }

    private MatchesAssert compare(List<ExpectedMatch> expected, MatchMode mode) {
        isNotNull();
        Optional<String> mismatch = actual.mismatch(expected, mode);
        if (mismatch.isPresent()) {
            // the report is the message: no %-formatting of its text
            failWithMessage("%s", "the rule's matches differ from the expected ones:\n" + mismatch.get());
        }
        return this;
    }

    private String problems() {
        StringBuilder sb = new StringBuilder();
        actual.engineProblems()
                .forEach(p ->
                        sb.append(System.lineSeparator()).append("engine: ").append(p));
        return sb.toString();
    }

    private static String quoted(List<String> ids) {
        List<String> out = new ArrayList<>();
        ids.forEach(id -> out.add(id == null ? "{ missing = true }" : "\"" + id + "\""));
        return "[" + String.join(", ", out) + "]";
    }
}
