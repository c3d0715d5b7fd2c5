package io.eql4j.internal.match;

import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.util.automaton.Automaton;
import org.apache.lucene.util.automaton.CharacterRunAutomaton;
import org.apache.lucene.util.automaton.Operations;
import org.apache.lucene.util.automaton.TooComplexToDeterminizeException;

/**
 * Runs the union of several automata (the regular expressions of one predicate) as few deterministic
 * automata as possible: all together when the determinized union stays within Lucene's default effort (the
 * limit ES applies to one pattern), else halves, recursively, down to single patterns, which ES has already
 * determinized. Matching is linear in the value length per automaton; no allocation.
 */
final class AutomatonMatcher {

    static final int WORK_LIMIT = Operations.DEFAULT_DETERMINIZE_WORK_LIMIT;

    private final CharacterRunAutomaton[] runs;

    /** @param automata one deterministic automaton per pattern */
    AutomatonMatcher(List<Automaton> automata) {
        List<CharacterRunAutomaton> out = new ArrayList<>();
        compile(automata, out);
        runs = out.toArray(new CharacterRunAutomaton[0]);
    }

    private static void compile(List<Automaton> automata, List<CharacterRunAutomaton> out) {
        if (automata.size() == 1) {
            out.add(new CharacterRunAutomaton(automata.get(0), WORK_LIMIT));
            return;
        }
        long states = 0;
        for (Automaton a : automata) {
            states += a.getNumStates();
        }
        // a union too large to determinize quickly is not tried: the halves answer the same (BoundedRegex)
        if (states <= BoundedRegex.MAX_INPUT_STATES) {
            try {
                Automaton dfa = Operations.determinize(Operations.union(automata), WORK_LIMIT);
                out.add(new CharacterRunAutomaton(dfa, WORK_LIMIT));
                return;
            } catch (TooComplexToDeterminizeException tooComplex) {
                // split below
            }
        }
        int half = automata.size() / 2;
        compile(automata.subList(0, half), out);
        compile(automata.subList(half, automata.size()), out);
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
