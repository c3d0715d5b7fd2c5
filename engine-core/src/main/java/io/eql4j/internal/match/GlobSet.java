package io.eql4j.internal.match;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Wildcard patterns of no special shape, matched without trying each one: candidates come from an index and
 * only they are verified ({@link Glob#matches}).
 * <ul>
 *   <li>Patterns anchored at the start ({@code ?:\Windows\*.exe}, {@code /usr/*\/bin}) are found by walking
 *       a trie of their leading literals, per number of leading {@code ?}s; each candidate is verified at most
 *       once.</li>
 *   <li>Patterns starting with {@code *} are found by an Aho–Corasick scan for their longest literal.</li>
 *   <li>Patterns without any literal ({@code ?*}) are always verified.</li>
 * </ul>
 */
final class GlobSet {

    private final Glob[] globs;
    private final int[] skips; // per anchored trie: leading ?s to skip
    private final CharTrie[] anchored; // leading literals; ends[] are indexes into anchoredIds
    private final int[][] anchoredIds; // per trie: word index -> glob index
    private final AhoCorasick floating; // longest literals of the other patterns
    private final int[] floatingIds; // literal index -> glob index
    private final int[] unfiltered; // glob indexes always verified
    private final boolean caseInsensitive;

    GlobSet(List<WildcardPattern> patterns, boolean caseInsensitive) {
        this.caseInsensitive = caseInsensitive;
        globs = new Glob[patterns.size()];
        Map<Integer, List<String>> leadingBySkip = new TreeMap<>();
        Map<Integer, List<Integer>> idsBySkip = new TreeMap<>();
        List<String> floatingLiterals = new ArrayList<>();
        List<Integer> floatingGlobs = new ArrayList<>();
        List<Integer> always = new ArrayList<>();
        for (int g = 0; g < globs.length; g++) {
            Glob glob = new Glob(patterns.get(g));
            globs[g] = glob;
            String leading = glob.leadingLiteral();
            if (!leading.isEmpty()) {
                leadingBySkip
                        .computeIfAbsent(glob.leadingAnyChars(), k -> new ArrayList<>())
                        .add(leading);
                idsBySkip
                        .computeIfAbsent(glob.leadingAnyChars(), k -> new ArrayList<>())
                        .add(g);
            } else if (!glob.longestLiteral().isEmpty()) {
                floatingLiterals.add(glob.longestLiteral());
                floatingGlobs.add(g);
            } else {
                always.add(g);
            }
        }
        skips = leadingBySkip.keySet().stream().mapToInt(Integer::intValue).toArray();
        anchored = new CharTrie[skips.length];
        anchoredIds = new int[skips.length][];
        for (int t = 0; t < skips.length; t++) {
            anchored[t] = new CharTrie(leadingBySkip.get(skips[t]), false);
            anchoredIds[t] =
                    idsBySkip.get(skips[t]).stream().mapToInt(Integer::intValue).toArray();
        }
        floating = floatingLiterals.isEmpty() ? null : new AhoCorasick(floatingLiterals, caseInsensitive);
        floatingIds = floatingGlobs.stream().mapToInt(Integer::intValue).toArray();
        unfiltered = always.stream().mapToInt(Integer::intValue).toArray();
    }

    boolean matches(String value) {
        for (int g : unfiltered) {
            if (globs[g].matches(value)) {
                return true;
            }
        }
        for (int t = 0; t < anchored.length; t++) {
            if (matchesAnchored(t, value)) {
                return true;
            }
        }
        return floating != null && matchesFloating(value);
    }

    private boolean matchesAnchored(int t, String value) {
        int i = 0;
        for (int k = 0; k < skips[t]; k++) {
            if (i >= value.length()) {
                return false;
            }
            i += Utf16.codePointAt(value, i) > 0xFFFF ? 2 : 1;
        }
        CharTrie trie = anchored[t];
        int node = 0;
        while (true) {
            for (int word : trie.ends[node]) {
                if (globs[anchoredIds[t][word]].matches(value)) {
                    return true;
                }
            }
            if (i == value.length()) {
                return false;
            }
            char c = Utf16.charAt(value, i++);
            node = trie.child(node, caseInsensitive ? Ascii.fold(c) : c);
            if (node < 0) {
                return false;
            }
        }
    }

    private boolean matchesFloating(String value) {
        long[] verified = null; // allocated on the first candidate only
        int state = 0;
        for (int i = 0; i < value.length(); i++) {
            state = floating.step(state, value, i);
            for (int literal : floating.outputs(state)) {
                if (verified == null) {
                    verified = new long[(floatingIds.length + 63) >>> 6];
                } else if ((verified[literal >>> 6] & (1L << literal)) != 0) {
                    continue;
                }
                verified[literal >>> 6] |= 1L << literal;
                if (globs[floatingIds[literal]].matches(value)) {
                    return true;
                }
            }
        }
        return false;
    }
}
