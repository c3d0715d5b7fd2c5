package io.eql4j.internal.match;

import java.util.List;
import java.util.regex.Pattern;
import org.apache.lucene.util.BytesRef;

/**
 * A plain reference for wildcard semantics, independent of the optimized matchers: each pattern becomes a
 * {@code java.util.regex} expression ({@code .} and {@code .*} over code points with DOTALL, literals as
 * {@code \x{...}}), case-insensitive through {@link Pattern#CASE_INSENSITIVE}, which is ASCII-only without
 * {@code UNICODE_CASE}, exactly ES 8's folding. Escaped characters (Lucene syntax) stay case-sensitive.
 * An empty pattern matches nothing. Patterns and values first go through the UTF-8 round trip of ES terms.
 */
final class WildcardReference {

    private WildcardReference() {}

    static boolean matches(List<String> patterns, boolean luceneSyntax, boolean caseInsensitive, String rawValue) {
        String value = asIndexed(rawValue);
        for (String raw : patterns) {
            String p = asIndexed(raw);
            // ES/Lucene: the automaton of an empty wildcard pattern (a concatenation of nothing) is empty
            if (!p.isEmpty()
                    && toRegex(p, luceneSyntax, caseInsensitive).matcher(value).matches()) {
                return true;
            }
        }
        return false;
    }

    /** The UTF-8 round trip of ES terms: unpaired surrogates become U+FFFD (Lucene's UTF-16 to UTF-8 encoder). */
    static String asIndexed(String s) {
        return new BytesRef(s).utf8ToString();
    }

    static Pattern toRegex(String pattern, boolean luceneSyntax, boolean caseInsensitive) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < pattern.length(); ) {
            int c = pattern.codePointAt(i);
            i += Character.charCount(c);
            if (c == '*') {
                re.append(".*");
            } else if (c == '?') {
                re.append('.');
            } else if (c == '\\' && luceneSyntax && i < pattern.length()) {
                int next = pattern.codePointAt(i);
                i += Character.charCount(next);
                re.append("(?-i:\\x{").append(Integer.toHexString(next)).append("})");
            } else {
                re.append("\\x{").append(Integer.toHexString(c)).append('}');
            }
        }
        return Pattern.compile(re.toString(), Pattern.DOTALL | (caseInsensitive ? Pattern.CASE_INSENSITIVE : 0));
    }
}
