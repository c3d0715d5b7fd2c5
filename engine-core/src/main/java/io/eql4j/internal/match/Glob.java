package io.eql4j.internal.match;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One wildcard pattern checked directly against a value: the pattern is cut at its {@code *}s into segments
 * of literal code points and {@code ?}s; the first segment must match at the start (unless the pattern starts
 * with {@code *}), the last at the end (unless it ends with {@code *}), and the middle ones are found
 * left to right at their earliest position, which is optimal for segments of fixed length, with a search that is
 * linear in the value's length ({@link SegmentSearch}). Works on code points (unpaired surrogates read as U+FFFD),
 * folds ASCII case unless a literal was escaped; no allocation for segments of up to 64 code points.
 */
final class Glob {

    private static final int ANY_CHAR = WildcardPattern.ANY_CHAR;

    private final boolean anchoredStart;
    private final boolean anchoredEnd;
    private final int[][] segments; // code points (folded when case-insensitive) or ANY_CHAR
    private final boolean[][] exactCase; // literal compared without folding
    private final boolean caseInsensitive;
    /** per segment, the linear-time search of its occurrences (the middle segments use it). */
    private final SegmentSearch[] searches;

    Glob(WildcardPattern pattern) {
        int[] tokens = pattern.tokens();
        boolean[] escaped = pattern.escaped();
        caseInsensitive = pattern.caseInsensitive();
        anchoredStart = tokens.length == 0 || tokens[0] != WildcardPattern.ANY_STRING;
        anchoredEnd = tokens.length == 0 || tokens[tokens.length - 1] != WildcardPattern.ANY_STRING;
        List<int[]> segs = new ArrayList<>();
        List<boolean[]> exact = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= tokens.length; i++) {
            if (i == tokens.length || tokens[i] == WildcardPattern.ANY_STRING) {
                if (i > start) {
                    int[] seg = Arrays.copyOfRange(tokens, start, i);
                    boolean[] ex = Arrays.copyOfRange(escaped, start, i);
                    for (int k = 0; k < seg.length; k++) {
                        if (caseInsensitive && seg[k] != ANY_CHAR && !ex[k]) {
                            seg[k] = Ascii.fold(seg[k]);
                        }
                    }
                    segs.add(seg);
                    exact.add(ex);
                }
                start = i + 1;
            }
        }
        segments = segs.toArray(new int[0][]);
        exactCase = exact.toArray(new boolean[0][]);
        searches = new SegmentSearch[segments.length];
        for (int s = 0; s < segments.length; s++) {
            searches[s] = new SegmentSearch(segments[s], exactCase[s], caseInsensitive);
        }
    }

    /**
     * The longest run of literal code points of any segment, ASCII-folded when case-insensitive (a necessary
     * substring of every match of the folded value), or "" when the pattern has no literal.
     */
    String longestLiteral() {
        return run(0, 0, true);
    }

    /**
     * When the pattern is anchored at the start: the literal run that follows its leading {@code ?}s in the
     * first segment (folded when case-insensitive), else "".
     */
    String leadingLiteral() {
        if (!anchoredStart || segments.length == 0) {
            return "";
        }
        return run(0, leadingAnyChars(), false);
    }

    /** The number of {@code ?} at the very start of an anchored pattern. */
    int leadingAnyChars() {
        if (!anchoredStart || segments.length == 0) {
            return 0;
        }
        int k = 0;
        while (k < segments[0].length && segments[0][k] == ANY_CHAR) {
            k++;
        }
        return k;
    }

    private String run(int segment, int from, boolean longestOfAll) {
        String best = "";
        for (int s = longestOfAll ? 0 : segment; s < (longestOfAll ? segments.length : segment + 1); s++) {
            StringBuilder current = new StringBuilder();
            for (int k = longestOfAll ? 0 : from; k <= segments[s].length; k++) {
                if (k == segments[s].length || segments[s][k] == ANY_CHAR) {
                    if (current.length() > best.length()) {
                        best = current.toString();
                    }
                    if (!longestOfAll) {
                        return best;
                    }
                    current.setLength(0);
                } else {
                    current.appendCodePoint(caseInsensitive ? Ascii.fold(segments[s][k]) : segments[s][k]);
                }
            }
        }
        return best;
    }

    boolean matches(String value) {
        int n = segments.length;
        int length = value.length();
        if (n == 0) {
            return !anchoredStart || length == 0; // "*" (handled elsewhere) or "" (never built)
        }
        if (n == 1 && anchoredStart && anchoredEnd) {
            return matchAt(value, 0, 0) == length;
        }
        int pos = 0;
        int first = 0;
        int last = n - 1;
        if (anchoredStart) {
            pos = matchAt(value, 0, 0);
            if (pos < 0) {
                return false;
            }
            first = 1;
        }
        int limit = length;
        if (anchoredEnd) {
            int start = startOfLast(value, segments[last].length);
            if (start < pos || matchAt(value, start, last) != length) {
                return false;
            }
            limit = start;
            last--;
        }
        for (int s = first; s <= last; s++) {
            pos = find(value, pos, limit, s);
            if (pos < 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * The end of the earliest match of segment s starting at a code point boundary in [from, limit) and ending by
     * {@code limit}, or -1; linear in the value's length (see {@link SegmentSearch}).
     */
    private int find(String value, int from, int limit, int s) {
        return searches[s].find(value, from, limit);
    }

    /** The end of segment s matched at i, or -1. */
    private int matchAt(String value, int i, int s) {
        int[] seg = segments[s];
        boolean[] exact = exactCase[s];
        for (int k = 0; k < seg.length; k++) {
            if (i >= value.length()) {
                return -1;
            }
            int cp = Utf16.codePointAt(value, i);
            int t = seg[k];
            if (t != ANY_CHAR && t != (caseInsensitive && !exact[k] ? Ascii.fold(cp) : cp)) {
                return -1;
            }
            i += cp > 0xFFFF ? 2 : 1;
        }
        return i;
    }

    /** The index where the last {@code codePoints} code points of the value start, or -1 if it is shorter. */
    private static int startOfLast(String value, int codePoints) {
        int j = value.length();
        for (int k = 0; k < codePoints; k++) {
            if (j == 0) {
                return -1;
            }
            boolean pair = j >= 2
                    && Character.isLowSurrogate(value.charAt(j - 1))
                    && Character.isHighSurrogate(value.charAt(j - 2));
            j -= pair ? 2 : 1;
        }
        return j;
    }
}
