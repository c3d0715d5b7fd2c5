package io.eql4j.internal.match;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Fuzz target: regular expressions and wildcard patterns compile or throw {@link IllegalArgumentException}, and
 * match any value without throwing; wildcard matching agrees with the plain regex reference on short inputs
 * with at most three stars.
 *
 * <p>Input: the first byte chooses the kind (regex, regex~, like, like~, Lucene wildcard, Lucene wildcard~); the
 * rest is the pattern, then a zero byte, then the value (the pattern alone when there is no zero byte).
 */
class PatternsFuzzTest {

    @FuzzTest(maxDuration = "5m")
    void compileAndMatch(byte[] data) {
        if (data.length == 0) {
            return;
        }
        int kind = (data[0] & 0xff) % 6;
        int zero = 1;
        while (zero < data.length && data[zero] != 0) {
            zero++;
        }
        String pattern = new String(data, 1, zero - 1, StandardCharsets.UTF_8);
        String value = zero < data.length
                ? new String(data, zero + 1, data.length - zero - 1, StandardCharsets.UTF_8)
                : pattern;
        boolean ci = kind % 2 == 1;
        StringMatcher matcher;
        try {
            switch (kind / 2) {
                case 0:
                    matcher = StringMatchers.regex(List.of(pattern), ci);
                    break;
                case 1:
                    matcher = StringMatchers.wildcard(List.of(pattern), ci);
                    break;
                default:
                    matcher = StringMatchers.luceneWildcard(List.of(pattern), ci);
            }
        } catch (IllegalArgumentException expected) {
            return;
        }
        boolean matched = matcher.matches(value);
        matcher.matches(pattern);
        // the reference is a java.util.regex, whose backtracking is polynomial in the number of stars: it is
        // asked only where that stays small
        if (kind / 2 > 0 && pattern.length() <= 64 && value.length() <= 128 && stars(pattern) <= 3) {
            boolean expected = WildcardReference.matches(List.of(pattern), kind / 2 == 2, ci, value);
            if (matched != expected) {
                throw new AssertionError("pattern [" + pattern + "] (kind " + kind + ") on [" + value + "]: " + matched
                        + ", the reference says " + expected);
            }
        }
    }

    private static int stars(String pattern) {
        int stars = 0;
        for (int i = 0; i < pattern.length(); i++) {
            stars += pattern.charAt(i) == '*' ? 1 : 0;
        }
        return stars;
    }
}
