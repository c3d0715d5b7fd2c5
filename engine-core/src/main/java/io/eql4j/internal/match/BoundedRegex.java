package io.eql4j.internal.match;

import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.util.automaton.Automaton;
import org.apache.lucene.util.automaton.MinimizationOperations;
import org.apache.lucene.util.automaton.Operations;
import org.apache.lucene.util.automaton.RegExp;
import org.apache.lucene.util.automaton.TooComplexToDeterminizeException;

/**
 * Builds the automaton of a parsed Lucene {@link RegExp} the way {@code RegExp.toAutomaton(int)} of Lucene 9 does
 * (same operations, in the same order, with the same per-operation determinization limit, so the same language
 * and the same "too complex" verdicts), with one addition: a budget on the total work.
 *
 * <p>Lucene bounds each determinization by an effort limit, but the time one determinization takes also grows with
 * the size of the automaton it starts from, and a regex determinizes once per operator: a 840-char regex of
 * seventy {@code (x|.*a.{12})} groups spent 34 s before Lucene found it too complex. Here the automata handed to
 * determinization (minimize and complement) may have at most {@link #MAX_INPUT_STATES} states each, and those
 * automata and the ones determinization produces {@link #MAX_TOTAL_STATES} together; past that the regex is refused as too complex, in a time that is a small
 * multiple of those figures (docs/limits.md). Regexes that stay within the budget, which includes every regex of
 * the detection-rules corpus by a wide margin, are compiled exactly as Lucene does.
 */
final class BoundedRegex {

    /** The most states of one automaton handed to a determinization. */
    static final int MAX_INPUT_STATES = 20_000;
    /** The most states of all the automata handed to and produced by determinizations while building one regex. */
    static final int MAX_TOTAL_STATES = 20_000;

    /** Thrown when the budget is spent; the caller reports it as "too complex". */
    static final class BudgetExceeded extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BudgetExceeded() {
            super("the regular expression needs more determinization work than allowed", null, false, false);
        }
    }

    private final int limit;
    private long spent;

    private BoundedRegex(int limit) {
        this.limit = limit;
    }

    /**
     * The automaton of {@code regex}, as {@code regex.toAutomaton(limit)} would build it.
     *
     * @throws TooComplexToDeterminizeException as Lucene would
     * @throws BudgetExceeded                   when the work budget is spent first
     * @throws IllegalArgumentException         as Lucene would (an unknown named automaton)
     */
    static Automaton toAutomaton(RegExp regex, int limit) {
        return new BoundedRegex(limit).build(regex);
    }

    private Automaton determinizable(Automaton a) {
        int states = a.getNumStates();
        spent += states;
        if (states > MAX_INPUT_STATES || spent > MAX_TOTAL_STATES) {
            throw new BudgetExceeded();
        }
        return a;
    }

    private Automaton minimize(Automaton a) {
        return produced(MinimizationOperations.minimize(determinizable(a), limit));
    }

    /** Counts a determinization's result against the budget too: producing its states is most of the work. */
    private Automaton produced(Automaton a) {
        spent += a.getNumStates();
        if (spent > MAX_TOTAL_STATES) {
            throw new BudgetExceeded();
        }
        return a;
    }

    private Automaton build(RegExp r) {
        switch (r.kind) {
            case REGEXP_UNION: {
                List<Automaton> list = new ArrayList<>();
                leaves(r.exp1, RegExp.Kind.REGEXP_UNION, list);
                leaves(r.exp2, RegExp.Kind.REGEXP_UNION, list);
                return minimize(Operations.union(list));
            }
            case REGEXP_CONCATENATION: {
                List<Automaton> list = new ArrayList<>();
                leaves(r.exp1, RegExp.Kind.REGEXP_CONCATENATION, list);
                leaves(r.exp2, RegExp.Kind.REGEXP_CONCATENATION, list);
                return minimize(Operations.concatenate(list));
            }
            case REGEXP_INTERSECTION: {
                Automaton a = build(r.exp1);
                Automaton b = build(r.exp2);
                return minimize(Operations.intersection(a, b));
            }
            case REGEXP_OPTIONAL:
                return minimize(Operations.optional(build(r.exp1)));
            case REGEXP_REPEAT:
                return minimize(Operations.repeat(build(r.exp1)));
            case REGEXP_REPEAT_MIN: {
                Automaton a = build(r.exp1);
                int work = (a.getNumStates() - 1) * r.min; // int arithmetic, as Lucene
                if (work > limit) {
                    throw new TooComplexToDeterminizeException(a, work);
                }
                return minimize(Operations.repeat(a, r.min));
            }
            case REGEXP_REPEAT_MINMAX: {
                Automaton a = build(r.exp1);
                int work = (a.getNumStates() - 1) * r.max;
                if (work > limit) {
                    throw new TooComplexToDeterminizeException(a, work);
                }
                return Operations.repeat(a, r.min, r.max);
            }
            case REGEXP_COMPLEMENT:
                return minimize(Operations.complement(determinizable(build(r.exp1)), limit));
            default:
                // a leaf (characters, ranges, strings, classes, intervals, named automata): Lucene's own
                return r.toAutomaton(limit);
        }
    }

    private void leaves(RegExp r, RegExp.Kind kind, List<Automaton> out) {
        if (r.kind == kind) {
            leaves(r.exp1, kind, out);
            leaves(r.exp2, kind, out);
        } else {
            out.add(build(r));
        }
    }
}
