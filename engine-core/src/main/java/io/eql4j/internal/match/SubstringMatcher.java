package io.eql4j.internal.match;

import java.util.ArrayDeque;
import java.util.List;

/**
 * Aho–Corasick: whether a value contains any of a set of non-empty literals, in one left-to-right pass
 * (amortised O(value length)), folding ASCII case on the fly when case-insensitive, without allocation.
 */
final class SubstringMatcher {

    private final CharTrie trie;
    private final int[] fail;
    private final boolean[] output; // some literal ends here, directly or through a failure link
    private final boolean caseInsensitive;

    /**
     * @param literals        non-empty literals, already ASCII-folded when case-insensitive
     * @param caseInsensitive fold the value's ASCII letters
     */
    SubstringMatcher(List<String> literals, boolean caseInsensitive) {
        this.trie = new CharTrie(literals, false);
        this.caseInsensitive = caseInsensitive;
        int n = trie.size();
        fail = new int[n];
        output = trie.terminal.clone();
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int child : trie.children[0]) {
            queue.add(child); // depth-1 nodes fail to the root
        }
        while (!queue.isEmpty()) {
            int node = queue.poll();
            output[node] |= output[fail[node]];
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

    boolean matches(String value) {
        int state = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = Utf16.charAt(value, i);
            state = next(state, caseInsensitive ? Ascii.fold(c) : c);
            if (output[state]) {
                return true;
            }
        }
        return false;
    }
}
