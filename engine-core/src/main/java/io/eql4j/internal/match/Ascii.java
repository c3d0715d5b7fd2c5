package io.eql4j.internal.match;

/**
 * The case folding of Elasticsearch 8's case-insensitive keyword queries (term, prefix, wildcard) and of
 * Lucene's {@code RegExp.ASCII_CASE_INSENSITIVE}: only {@code A-Z} and {@code a-z} are paired; every other
 * code point matches only itself. Folding both sides to lower case is therefore exact, and it keeps the
 * UTF-16 length, so folded strings can be compared char by char.
 */
final class Ascii {

    private Ascii() {}

    static char fold(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }

    static int fold(int codePoint) {
        return codePoint >= 'A' && codePoint <= 'Z' ? codePoint + ('a' - 'A') : codePoint;
    }

    static boolean isLetter(int codePoint) {
        return codePoint >= 'A' && codePoint <= 'Z' || codePoint >= 'a' && codePoint <= 'z';
    }

    /** The other-case twin of an ASCII letter, or the code point itself. */
    static int otherCase(int codePoint) {
        if (codePoint >= 'A' && codePoint <= 'Z') {
            return codePoint + ('a' - 'A');
        }
        if (codePoint >= 'a' && codePoint <= 'z') {
            return codePoint - ('a' - 'A');
        }
        return codePoint;
    }

    static String fold(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                char[] chars = s.toCharArray();
                for (int j = i; j < chars.length; j++) {
                    chars[j] = fold(chars[j]);
                }
                return new String(chars);
            }
        }
        return s;
    }
}
