package io.eql4j.internal.match;

import java.util.HashMap;
import java.util.Map;

/**
 * Finds the earliest occurrence of one glob segment (literal code points and {@code ?}s) in a value, in time
 * linear in the value's length for a given segment, with no quadratic worst case (the naive search took value
 * length × segment length: {@code "*aaa…(999)…b*c"} against 1 MB of {@code a} took seconds).
 *
 * <p>A segment of literals that all compare the same way (all folded or all exact) is searched with
 * Knuth–Morris–Pratt; a segment with {@code ?}s, or with escaped letters in a case-insensitive pattern, with the
 * bit-parallel Shift-And algorithm, {@code ceil(length / 64)} word operations per code point of the value.
 * Code points as {@link Glob} reads them: unpaired surrogates read as U+FFFD. Thread-safe; allocation-free for
 * segments of up to 64 code points.
 */
final class SegmentSearch {

    private static final int ANY_CHAR = WildcardPattern.ANY_CHAR;

    private final int length;
    private final boolean fold;
    // Knuth–Morris–Pratt, when kmp
    private final boolean kmp;
    private final int[] pattern;
    private final int[] failure;
    // Shift-And, otherwise: the positions each code point may take, and those any code point may take
    private final long[] anyPositions;
    private final long[][] asciiPositions;
    private final Map<Integer, long[]> otherPositions;

    /**
     * @param segment         code points (folded where compared folded) or {@link WildcardPattern#ANY_CHAR}
     * @param exact           per code point: compared without folding
     * @param caseInsensitive whether non-exact code points compare ASCII-folded
     */
    SegmentSearch(int[] segment, boolean[] exact, boolean caseInsensitive) {
        this.length = segment.length;
        boolean anyChar = false;
        boolean mixed = false;
        for (int k = 0; k < segment.length; k++) {
            anyChar |= segment[k] == ANY_CHAR;
            mixed |= caseInsensitive && exact[k] && Ascii.isLetter(segment[k]);
        }
        this.kmp = !anyChar && !mixed;
        this.fold = caseInsensitive;
        if (kmp) {
            pattern = segment.clone();
            failure = failure(pattern);
            anyPositions = null;
            asciiPositions = null;
            otherPositions = null;
        } else {
            pattern = null;
            failure = null;
            int words = (length + 63) / 64;
            anyPositions = new long[words];
            asciiPositions = new long[128][words];
            otherPositions = new HashMap<>();
            for (int k = 0; k < segment.length; k++) {
                int t = segment[k];
                if (t == ANY_CHAR) {
                    set(anyPositions, k);
                } else if (caseInsensitive && !exact[k] && Ascii.isLetter(t)) {
                    set(positions(t), k);
                    set(positions(Ascii.otherCase(t)), k);
                } else {
                    set(positions(t), k);
                }
            }
        }
    }

    private long[] positions(int codePoint) {
        if (codePoint < 128) {
            return asciiPositions[codePoint];
        }
        return otherPositions.computeIfAbsent(codePoint, c -> new long[anyPositions.length]);
    }

    private static void set(long[] bits, int k) {
        bits[k >>> 6] |= 1L << (k & 63);
    }

    private static int[] failure(int[] p) {
        int[] f = new int[p.length];
        int q = 0;
        for (int i = 1; i < p.length; i++) {
            while (q > 0 && p[i] != p[q]) {
                q = f[q - 1];
            }
            if (p[i] == p[q]) {
                q++;
            }
            f[i] = q;
        }
        return f;
    }

    /**
     * The end (exclusive char index) of the earliest occurrence that starts at a code point boundary at or after
     * {@code from} and ends at or before {@code limit}, or -1.
     */
    int find(String value, int from, int limit) {
        if (length == 0) {
            return from <= limit ? from : -1;
        }
        return kmp ? findKmp(value, from, limit) : findShiftAnd(value, from, limit);
    }

    private int findKmp(String value, int from, int limit) {
        int q = 0;
        int i = from;
        while (i < limit) {
            int cp = Utf16.codePointAt(value, i);
            int c = fold ? Ascii.fold(cp) : cp;
            i += cp > 0xFFFF ? 2 : 1;
            while (q > 0 && pattern[q] != c) {
                q = failure[q - 1];
            }
            if (pattern[q] == c) {
                q++;
                if (q == length) {
                    return i <= limit ? i : -1;
                }
            }
        }
        return -1;
    }

    private int findShiftAnd(String value, int from, int limit) {
        long last = 1L << ((length - 1) & 63);
        if (anyPositions.length == 1) {
            long any = anyPositions[0];
            long state = 0;
            int i = from;
            while (i < limit) {
                int cp = Utf16.codePointAt(value, i);
                i += cp > 0xFFFF ? 2 : 1;
                long[] at = cp < 128 ? asciiPositions[cp] : otherPositions.get(cp);
                state = ((state << 1) | 1L) & (any | (at == null ? 0 : at[0]));
                if ((state & last) != 0) {
                    return i <= limit ? i : -1;
                }
            }
            return -1;
        }
        int words = anyPositions.length;
        long[] state = new long[words];
        int i = from;
        while (i < limit) {
            int cp = Utf16.codePointAt(value, i);
            i += cp > 0xFFFF ? 2 : 1;
            long[] at = cp < 128 ? asciiPositions[cp] : otherPositions.get(cp);
            long carry = 1L;
            for (int w = 0; w < words; w++) {
                long s = state[w];
                state[w] = ((s << 1) | carry) & (anyPositions[w] | (at == null ? 0 : at[w]));
                carry = s >>> 63;
            }
            if ((state[words - 1] & last) != 0) {
                return i <= limit ? i : -1;
            }
        }
        return -1;
    }
}
