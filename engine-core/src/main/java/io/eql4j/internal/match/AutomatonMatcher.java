package io.eql4j.internal.match;

import java.util.ArrayList;
import java.util.List;

import org.apache.lucene.util.automaton.Automaton;
import org.apache.lucene.util.automaton.CharacterRunAutomaton;
import org.apache.lucene.util.automaton.Operations;
import org.apache.lucene.util.automaton.TooComplexToDeterminizeException;

/**
 * Runs the union of several automata as few deterministic automata as possible: all patterns together when
 * the determinized union stays within {@link #UNION_WORK_LIMIT}, else halves, recursively, down to single
 * patterns. Matching is linear in the value length per automaton; no allocation.
 */
final class AutomatonMatcher {

    /** Determinization effort allowed for a union (Lucene's default for one query is 10,000). */
    static final int UNION_WORK_LIMIT = 200_000;

    /** Effort allowed for a single wildcard pattern, which ES itself would determinize. */
    static final int SINGLE_WORK_LIMIT = 1_000_000;

    private final CharacterRunAutomaton[] runs;

    /** @param automata one automaton per pattern, not necessarily deterministic */
    AutomatonMatcher(List<Automaton> automata) {
        List<CharacterRunAutomaton> out = new ArrayList<>();
        compile(automata, out);
        runs = out.toArray(new CharacterRunAutomaton[0]);
    }

    private static void compile(List<Automaton> automata, List<CharacterRunAutomaton> out) {
        if (automata.size() == 1) {
            Automaton dfa = Operations.determinize(automata.get(0), SINGLE_WORK_LIMIT);
            out.add(new CharacterRunAutomaton(dfa, SINGLE_WORK_LIMIT));
            return;
        }
        try {
            Automaton dfa = Operations.determinize(Operations.union(automata), UNION_WORK_LIMIT);
            out.add(new CharacterRunAutomaton(dfa, UNION_WORK_LIMIT));
        } catch (TooComplexToDeterminizeException tooComplex) {
            int half = automata.size() / 2;
            compile(automata.subList(0, half), out);
            compile(automata.subList(half, automata.size()), out);
        }
    }

    boolean matches(String value) {
        for (CharacterRunAutomaton run : runs) {
            if (accepts(run, value)) {
                return true;
            }
        }
        return false;
    }

    /** {@code CharacterRunAutomaton.run}, reading unpaired surrogates as U+FFFD like ES's UTF-8 terms. */
    private static boolean accepts(CharacterRunAutomaton run, String value) {
        int state = 0;
        for (int i = 0; i < value.length(); ) {
            int codePoint = Utf16.codePointAt(value, i);
            i += codePoint > 0xFFFF ? 2 : 1;
            state = run.step(state, codePoint);
            if (state < 0) {
                return false;
            }
        }
        return run.isAccept(state);
    }

    /** How many deterministic automata the patterns were split into (for tests and measurements). */
    int automatonCount() {
        return runs.length;
    }
}
