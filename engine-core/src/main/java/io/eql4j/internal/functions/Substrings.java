package io.eql4j.internal.functions;

/**
 * Substring search with {@link String#indexOf(String, int)}'s and {@link String#lastIndexOf(String)}'s results but
 * no quadratic worst case: {@code String.indexOf} compares the needle at every position, which is value length ×
 * needle length when both come from an event ({@code stringContains(a, b)} over a 300 KB event took half a
 * minute). Short needles still use the JDK's search (at most {@value #SHORT} comparisons per position, and
 * vectorised); longer ones Knuth–Morris–Pratt, linear in the haystack's length.
 */
final class Substrings {

    /** Needles up to this many chars use the JDK's search. */
    static final int SHORT = 32;

    private Substrings() {}

    /** {@code haystack.indexOf(needle, from)}, in linear time. */
    static int indexOf(String haystack, String needle, int from) {
        if (needle.length() <= SHORT) {
            return haystack.indexOf(needle, from);
        }
        int start = Math.max(from, 0);
        int m = needle.length();
        if (m > haystack.length() - start) {
            return -1;
        }
        int[] failure = failure(needle, false);
        int q = 0;
        for (int i = start; i < haystack.length(); i++) {
            char c = haystack.charAt(i);
            while (q > 0 && needle.charAt(q) != c) {
                q = failure[q - 1];
            }
            if (needle.charAt(q) == c && ++q == m) {
                return i - m + 1;
            }
        }
        return -1;
    }

    /** {@code haystack.lastIndexOf(needle)}, in linear time. */
    static int lastIndexOf(String haystack, String needle) {
        if (needle.length() <= SHORT) {
            return haystack.lastIndexOf(needle);
        }
        int m = needle.length();
        if (m > haystack.length()) {
            return -1;
        }
        // Knuth–Morris–Pratt on both strings read backwards
        int[] failure = failure(needle, true);
        int q = 0;
        for (int i = haystack.length() - 1; i >= 0; i--) {
            char c = haystack.charAt(i);
            while (q > 0 && needle.charAt(m - 1 - q) != c) {
                q = failure[q - 1];
            }
            if (needle.charAt(m - 1 - q) == c && ++q == m) {
                return i;
            }
        }
        return -1;
    }

    /** The prefix function of the needle, read forwards or backwards. */
    private static int[] failure(String needle, boolean backwards) {
        int m = needle.length();
        int[] f = new int[m];
        int q = 0;
        for (int i = 1; i < m; i++) {
            char c = needle.charAt(backwards ? m - 1 - i : i);
            while (q > 0 && c != needle.charAt(backwards ? m - 1 - q : q)) {
                q = f[q - 1];
            }
            if (c == needle.charAt(backwards ? m - 1 - q : q)) {
                q++;
            }
            f[i] = q;
        }
        return f;
    }
}
