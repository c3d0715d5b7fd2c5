package io.eql4j.cli;

import io.eql4j.event.JsonEventReader;
import io.eql4j.runtime.EventProblem;
import io.eql4j.runtime.ProblemListener;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The input lines a run could not use, or used only in part: each reported on stderr as {@code FILE:LINE: message}
 * (the first {@value #LISTED} of each kind; the summary counts them all), and summed up at the end.
 */
final class RunProblems implements ProblemListener, JsonEventReader.BadLineHandler {

    /** How many problems of each kind are listed one by one. */
    static final int LISTED = 20;

    private enum Kind {
        MALFORMED("malformed (skipped)", "malformed (skipped)"),
        NO_TIMESTAMP(
                "without a usable timestamp (left out of event queries and sequences)",
                "without a usable timestamp (left out of event queries and sequences)"),
        LATE("late (not evaluated; see --allowed-lateness)", "late (not evaluated; see --allowed-lateness)"),
        RULE_ERROR("failed rule evaluation", "failed rule evaluations"),
        TIME_JUMP(
                "too far ahead in time (set apart, evaluated last; see --max-time-jump)",
                "too far ahead in time (set apart, evaluated last; see --max-time-jump)");

        final String singular;
        final String plural;

        Kind(String singular, String plural) {
            this.singular = singular;
            this.plural = plural;
        }
    }

    private final PrintWriter err;
    private final String source;
    private final Map<Kind, Long> counts = new EnumMap<>(Kind.class);

    /**
     * @param err    where to report
     * @param source the input's name, which starts each report
     */
    RunProblems(PrintWriter err, String source) {
        this.err = err;
        this.source = source;
    }

    @Override
    public void onBadLine(long line, String message) {
        report(Kind.MALFORMED, line, message);
    }

    @Override
    public void onProblem(EventProblem problem) {
        if (problem.kind()
                == EventProblem.Kind.EVICTED) { // about the rules' state, not the input: summed up at the end
            err.println("eql4j run: warning: " + problem.message());
            return;
        }
        // the engine numbers events in arrival order; the events JsonEventReader.readLines gives it know their line
        report(Kind.valueOf(problem.kind().name()), JsonEventReader.lineNumber(problem.event()), problem.message());
    }

    private void report(Kind kind, long line, String message) {
        long n = counts.merge(kind, 1L, Long::sum);
        if (n <= LISTED) {
            err.println(source + ":" + line + ": " + message);
        } else if (n == LISTED + 1) {
            err.println(source + ": further "
                    + kind.name().toLowerCase(Locale.ROOT).replace('_', ' ') + " problems are counted, not listed");
        }
    }

    /** Whether anything was reported. */
    boolean any() {
        return !counts.isEmpty();
    }

    /** For example {@code 3 problems with the input of x.ndjson: 1 malformed (skipped), 2 late (...)}. */
    String summary() {
        List<String> parts = new ArrayList<>();
        long total = 0;
        for (Map.Entry<Kind, Long> e : counts.entrySet()) {
            parts.add(Words.count(e.getValue(), e.getKey().singular, e.getKey().plural));
            total += e.getValue();
        }
        return Words.count(total, "problem") + " with the input of " + source + ": " + String.join(", ", parts);
    }
}
