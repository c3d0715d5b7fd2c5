package io.eql4j.internal.match;

import java.util.List;

/**
 * Matches values that start (or end) with any of a set of literals: one walk down a trie from the value's
 * first (or last) char, folding ASCII case on the fly when case-insensitive. Time O(length of the longest
 * literal), no allocation.
 */
final class AffixMatcher {

    private final CharTrie trie;
    private final boolean suffix;
    private final boolean caseInsensitive;

    /**
     * @param literals        the prefixes or suffixes, already ASCII-folded when case-insensitive
     * @param suffix          match at the end of the value instead of the start
     * @param caseInsensitive fold the value's ASCII letters
     */
    AffixMatcher(List<String> literals, boolean suffix, boolean caseInsensitive) {
        this.trie = new CharTrie(literals, suffix);
        this.suffix = suffix;
        this.caseInsensitive = caseInsensitive;
    }

    boolean matches(String value) {
        int node = 0;
        int n = value.length();
        for (int i = 0; ; i++) {
            if (trie.terminal[node]) {
                return true;
            }
            if (i == n) {
                return false;
            }
            char c = Utf16.charAt(value, suffix ? n - 1 - i : i);
            node = trie.child(node, caseInsensitive ? Ascii.fold(c) : c);
            if (node < 0) {
                return false;
            }
        }
    }
}
