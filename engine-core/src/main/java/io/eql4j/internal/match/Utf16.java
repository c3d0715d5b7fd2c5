package io.eql4j.internal.match;

import org.apache.lucene.util.BytesRef;

/**
 * Elasticsearch indexes keyword values and builds query terms as UTF-8 ({@code BytesRef}), and Lucene's
 * UTF-16 to UTF-8 conversion turns every unpaired surrogate into U+FFFD. Patterns are converted the same way
 * once ({@link #wellFormed}); values are read through {@link #charAt} / {@link #codePointAt}, which see an
 * unpaired surrogate as U+FFFD without copying the string.
 */
final class Utf16 {

    static final char REPLACEMENT = '\uFFFD';

    private Utf16() {}

    /** The string as ES sees it after the UTF-8 round trip of a {@code Term}. */
    static String wellFormed(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (charAt(s, i) != s.charAt(i)) {
                return new BytesRef(s).utf8ToString();
            }
        }
        return s;
    }

    /** The char at i, or U+FFFD when it is an unpaired surrogate. */
    static char charAt(String s, int i) {
        char c = s.charAt(i);
        if (!Character.isSurrogate(c)) {
            return c;
        }
        boolean paired = Character.isHighSurrogate(c)
                ? i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))
                : i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
        return paired ? c : REPLACEMENT;
    }

    /** The code point starting at i (a pair, a BMP char, or U+FFFD for an unpaired surrogate). */
    static int codePointAt(String s, int i) {
        char c = s.charAt(i);
        if (!Character.isSurrogate(c)) {
            return c;
        }
        if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
            return Character.toCodePoint(c, s.charAt(i + 1));
        }
        return REPLACEMENT;
    }
}
