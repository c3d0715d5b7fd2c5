package io.eql4j.internal.match;

import java.util.ArrayDeque;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Aho–Corasick over UTF-16 chars: one left-to-right pass over a value finds every occurrence of a set of
 * non-empty literals (amortised O(value length)), folding ASCII case on the fly when case-insensitive and
 * reading unpaired surrogates as U+FFFD, without allocation.
 */
final class AhoCorasick {

    private final CharTrie trie;
    private final int[] fail;
    /** Per state, the indexes of the literals ending here, directly or through failure links. */
    private final int[][] outputs;

    private final boolean caseInsensitive;

    /**
     * @param literals        non-empty, well-formed literals, already ASCII-folded when case-insensitive
     * @param caseInsensitive fold the value's ASCII letters
     */
    AhoCorasick(List<String> literals, boolean caseInsensitive) {
        this.trie = new CharTrie(literals, false);
        this.caseInsensitive = caseInsensitive;
        int n = trie.size();
        fail = new int[n];
        outputs = new int[n][];
        outputs[0] = trie.ends[0];
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int child : trie.children[0]) {
            queue.add(child); // depth-1 states fail to the root
        }
        while (!queue.isEmpty()) {
            int node = queue.poll();
            outputs[node] = IntStream.concat(IntStream.of(trie.ends[node]), IntStream.of(outputs[fail[node]]))
                    .toArray();
            char[] labels = trie.labels[node];
            for (int k = 0; k < labels.length; k++) {
                int child = trie.children[node][k];
                fail[child] = next(fail[node], labels[k]);
                queue.add(child);
            }
        }
    }

    /** The goto function completed with failure links; the root loops on unknown chars. */
    private int next(int state, char c) {
        while (true) {
            int child = trie.child(state, c);
            if (child >= 0) {
                return child;
            }
            if (state == 0) {
                return 0;
            }
            state = fail[state];
        }
    }

    /** Whether the value contains any of the literals. */
    boolean containsAny(String value) {
        int state = 0;
        for (int i = 0; i < value.length(); i++) {
            state = step(state, value, i);
            if (outputs[state].length > 0) {
                return true;
            }
        }
        return false;
    }

    /** The state after reading the char of value at i (states start at 0). */
    int step(int state, String value, int i) {
        char c = Utf16.charAt(value, i);
        return next(state, caseInsensitive ? Ascii.fold(c) : c);
    }

    /** The literals ending at a state. */
    int[] outputs(int state) {
        return outputs[state];
    }
}
