package io.eql4j.internal.match;

import static org.assertj.core.api.Assertions.assertThat;

import io.eql4j.testsupport.Seeded;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.WildcardQuery;
import org.apache.lucene.util.automaton.CharacterRunAutomaton;
import org.junit.jupiter.api.Test;

/**
 * Every optimized shape (hash set, prefix and suffix tries, Aho–Corasick, automaton union, glob with its linear
 * segment search) against the plain regex reference, over an alphabet chosen for the edge cases: ASCII letters in
 * both cases, non-ASCII letters whose case ES does not fold, backslashes, a surrogate pair, unpaired surrogates,
 * newline, and the empty string. Seeded generators ({@link Seeded}): a failure prints the seed that replays it.
 */
class StringMatchersPropertiesTest {

    /** Units of text; the emoji is one code point in two chars. */
    private static final String[] UNITS = {
        "a", "A", "b", "B", "k", "\\", "é", "É", "\u212A", "\uD83D\uDE00", "\uD83D", "\uDE00", "\uFFFD", ".", "\n", " "
    };

    static String literal(Random r) {
        return Seeded.join(r, UNITS, 4);
    }

    static String pattern(Random r) {
        String lit = literal(r);
        switch (r.nextInt(7)) {
            case 0:
                return lit;
            case 1:
                return lit + "*";
            case 2:
                return "*" + lit;
            case 3:
                return "*" + lit + "*";
            case 4:
                return "?" + lit + "*";
            case 5:
                // long segments with repetitions: what makes a naive segment search slow, and KMP's failure links work
                return "*" + "a".repeat(r.nextInt(70)) + Seeded.oneOf(r, "b", "?", "A", "") + "*"
                        + Seeded.oneOf(r, "c", "a", "") + (r.nextBoolean() ? "*" : "");
            default:
                StringBuilder sb = new StringBuilder();
                for (int n = r.nextInt(8); n > 0; n--) {
                    int k = r.nextInt(10);
                    sb.append(k < 6 ? UNITS[r.nextInt(UNITS.length)] : k < 8 ? "*" : "?");
                }
                return sb.toString();
        }
    }

    static List<String> patterns(Random r, int min, int max) {
        List<String> out = new ArrayList<>();
        for (int n = min + r.nextInt(max - min + 1); n > 0; n--) {
            out.add(pattern(r));
        }
        return out;
    }

    static List<String> values(Random r) {
        List<String> out = new ArrayList<>();
        for (int n = r.nextInt(7); n > 0; n--) {
            out.add(
                    r.nextInt(5) == 0
                            ? "a".repeat(r.nextInt(140)) + Seeded.oneOf(r, "b", "c", "ab", "")
                            : Seeded.join(r, UNITS, 6));
        }
        return out;
    }

    @Test
    void eqlWildcardsMatchTheReference() {
        Seeded.check("eqlWildcardsMatchTheReference", 3000, r -> {
            List<String> patterns = patterns(r, 1, 8);
            boolean ci = r.nextBoolean();
            StringMatcher matcher = StringMatchers.wildcard(patterns, ci);
            for (String v : candidates(patterns, values(r), r.nextLong())) {
                assertThat(matcher.matches(v))
                        .as("%s %s on %s", ci ? "like~" : "like", patterns, escape(v))
                        .isEqualTo(WildcardReference.matches(patterns, false, ci, v));
            }
        });
    }

    @Test
    void luceneWildcardsMatchTheReference() {
        Seeded.check("luceneWildcardsMatchTheReference", 2000, r -> {
            List<String> patterns = patterns(r, 1, 8);
            boolean ci = r.nextBoolean();
            StringMatcher matcher = StringMatchers.luceneWildcard(patterns, ci);
            for (String v : candidates(patterns, values(r), r.nextLong())) {
                assertThat(matcher.matches(v))
                        .as("lucene %s ci=%s on %s", patterns, ci, escape(v))
                        .isEqualTo(WildcardReference.matches(patterns, true, ci, v));
            }
        });
    }

    /** Case-sensitive Lucene syntax is exactly Lucene's own WildcardQuery automaton. */
    @Test
    void luceneSyntaxAgreesWithLuceneWildcardQuery() {
        Seeded.check("luceneSyntaxAgreesWithLuceneWildcardQuery", 1000, r -> {
            String pattern = pattern(r);
            StringMatcher matcher = StringMatchers.luceneWildcard(List.of(pattern), false);
            CharacterRunAutomaton lucene = new CharacterRunAutomaton(WildcardQuery.toAutomaton(new Term("f", pattern)));
            for (String v : candidates(List.of(pattern), values(r), r.nextLong())) {
                // the value is indexed as UTF-8 too
                assertThat(matcher.matches(v))
                        .as("%s on %s", escape(pattern), escape(v))
                        .isEqualTo(lucene.run(WildcardReference.asIndexed(v)));
            }
        });
    }

    @Test
    void exactIsLiteralEquality() {
        Seeded.check("exactIsLiteralEquality", 2000, r -> {
            List<String> values = new ArrayList<>();
            for (int n = r.nextInt(7); n > 0; n--) {
                values.add(r.nextBoolean() ? literal(r) : pattern(r));
            }
            boolean ci = r.nextBoolean();
            StringMatcher matcher = StringMatchers.exact(values, ci);
            List<String> escaped = values.stream()
                    .map(StringMatchersPropertiesTest::luceneEscape)
                    .collect(Collectors.toList());
            assertThat(matcher.exactKeys()).isPresent();
            for (String v : candidates(values, values(r), r.nextLong())) {
                // a case-sensitive "" is a term query and matches ""; a case-insensitive one is an empty automaton
                boolean expected =
                        WildcardReference.matches(escaped, true, ci, v) || !ci && v.isEmpty() && values.contains("");
                assertThat(matcher.matches(v))
                        .as("in %s ci=%s on %s", values, ci, escape(v))
                        .isEqualTo(expected);
                assertThat(matcher.exactKeys().get().contains(matcher.keyOf(v))).isEqualTo(expected);
            }
        });
    }

    @Test
    void exactKeysArePresentOnlyForPlainStringsAndAgreeWithMatches() {
        Seeded.check("exactKeysArePresentOnlyForPlainStringsAndAgreeWithMatches", 1000, r -> {
            List<String> patterns = patterns(r, 1, 8);
            boolean ci = r.nextBoolean();
            StringMatcher matcher = StringMatchers.wildcard(patterns, ci);
            boolean allPlain = patterns.stream().noneMatch(p -> p.contains("*") || p.contains("?"));
            assertThat(matcher.exactKeys().isPresent()).isEqualTo(allPlain);
            matcher.exactKeys().ifPresent(keys -> {
                for (String v : candidates(patterns, values(r), r.nextLong())) {
                    assertThat(keys.contains(matcher.keyOf(v))).isEqualTo(matcher.matches(v));
                }
            });
        });
    }

    /** Large lists exercise the structures with many entries and the automaton union. */
    @Test
    void largeListsMatchTheReference() {
        Seeded.check("largeListsMatchTheReference", 100, r -> {
            List<String> patterns = patterns(r, 50, 200);
            boolean ci = r.nextBoolean();
            StringMatcher matcher = StringMatchers.wildcard(patterns, ci);
            for (String v : candidates(patterns, List.of(), r.nextLong())) {
                assertThat(matcher.matches(v))
                        .as("%s on %s", matcher, escape(v))
                        .isEqualTo(WildcardReference.matches(patterns, false, ci, v));
            }
        });
    }

    /** The patterns' own text, instances of them (wildcards filled, ASCII case flipped), and random values. */
    static List<String> candidates(List<String> patterns, List<String> randomValues, long seed) {
        Random random = new Random(seed);
        List<String> out = new ArrayList<>(randomValues);
        out.add("");
        for (String p : patterns) {
            out.add(p);
            out.add(instantiate(p, random));
            out.add(instantiate(p, random));
        }
        return out;
    }

    private static String instantiate(String pattern, Random random) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < pattern.length(); ) {
            int c = pattern.codePointAt(i);
            i += Character.charCount(c);
            if (c == '*') {
                for (int n = random.nextInt(3); n > 0; n--) {
                    sb.append(UNITS[random.nextInt(UNITS.length)]);
                }
            } else if (c == '?') {
                sb.append(UNITS[random.nextInt(UNITS.length)]);
            } else {
                sb.appendCodePoint(random.nextBoolean() ? Character.toUpperCase(c) : c);
            }
        }
        return sb.toString();
    }

    static String luceneEscape(String literal) {
        return literal.replace("\\", "\\\\").replace("*", "\\*").replace("?", "\\?");
    }

    static String escape(String s) {
        StringBuilder sb = new StringBuilder("\"");
        s.chars()
                .forEach(c -> sb.append(c < 0x20 || c > 0x7e ? String.format("\\u%04x", c) : String.valueOf((char) c)));
        return sb.append('"').toString();
    }
}
