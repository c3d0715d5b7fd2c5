package io.eql4j.internal.match;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

import org.apache.lucene.index.Term;
import org.apache.lucene.search.WildcardQuery;
import org.apache.lucene.util.automaton.CharacterRunAutomaton;

/**
 * Every optimized shape (hash set, prefix and suffix tries, Aho–Corasick, automaton union) against the plain
 * regex reference, over an alphabet chosen for the edge cases: ASCII letters in both cases, non-ASCII letters
 * whose case ES does not fold, backslashes, a surrogate pair, unpaired surrogates, newline, and the empty
 * string.
 */
class StringMatchersPropertiesTest {

    /** Units of text; the emoji is one code point in two chars. */
    private static final String[] UNITS = {"a", "A", "b", "B", "k", "\\", "é", "É", "\u212A", "\uD83D\uDE00",
            "\uD83D", "\uDE00", "\uFFFD", ".", "\n", " "};

    @Provide
    Arbitrary<String> literal() {
        return Arbitraries.of(UNITS).list().ofMaxSize(4).map(l -> String.join("", l));
    }

    @Provide
    Arbitrary<String> pattern() {
        Arbitrary<String> general = Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(6, Arbitraries.of(UNITS)),
                        net.jqwik.api.Tuple.of(2, Arbitraries.just("*")),
                        net.jqwik.api.Tuple.of(2, Arbitraries.just("?")))
                .list().ofMaxSize(7).map(l -> String.join("", l));
        Arbitrary<String> lit = literal();
        return Arbitraries.oneOf(
                lit,
                lit.map(s -> s + "*"),
                lit.map(s -> "*" + s),
                lit.map(s -> "*" + s + "*"),
                lit.map(s -> "?" + s + "*"),
                general);
    }

    @Provide
    Arbitrary<List<String>> patterns() {
        return pattern().list().ofMinSize(1).ofMaxSize(8);
    }

    @Provide
    Arbitrary<List<String>> values() {
        return Arbitraries.of(UNITS).list().ofMaxSize(6).map(l -> String.join("", l)).list().ofMaxSize(6);
    }

    @Property(tries = 3000)
    void eqlWildcardsMatchTheReference(@ForAll("patterns") List<String> patterns, @ForAll boolean ci,
                                       @ForAll("values") List<String> randomValues, @ForAll long seed) {
        StringMatcher matcher = StringMatchers.wildcard(patterns, ci);
        for (String v : candidates(patterns, randomValues, seed)) {
            assertThat(matcher.matches(v))
                    .as("%s %s on %s", ci ? "like~" : "like", patterns, escape(v))
                    .isEqualTo(WildcardReference.matches(patterns, false, ci, v));
        }
    }

    @Property(tries = 2000)
    void luceneWildcardsMatchTheReference(@ForAll("patterns") List<String> patterns, @ForAll boolean ci,
                                          @ForAll("values") List<String> randomValues, @ForAll long seed) {
        StringMatcher matcher = StringMatchers.luceneWildcard(patterns, ci);
        for (String v : candidates(patterns, randomValues, seed)) {
            assertThat(matcher.matches(v))
                    .as("lucene %s ci=%s on %s", patterns, ci, escape(v))
                    .isEqualTo(WildcardReference.matches(patterns, true, ci, v));
        }
    }

    /** Case-sensitive Lucene syntax is exactly Lucene's own WildcardQuery automaton. */
    @Property(tries = 1000)
    void luceneSyntaxAgreesWithLuceneWildcardQuery(@ForAll("pattern") String pattern,
                                                   @ForAll("values") List<String> randomValues, @ForAll long seed) {
        StringMatcher matcher = StringMatchers.luceneWildcard(List.of(pattern), false);
        CharacterRunAutomaton lucene = new CharacterRunAutomaton(
                WildcardQuery.toAutomaton(new Term("f", pattern)));
        for (String v : candidates(List.of(pattern), randomValues, seed)) {
            // the value is indexed as UTF-8 too
            assertThat(matcher.matches(v)).as("%s on %s", escape(pattern), escape(v))
                    .isEqualTo(lucene.run(WildcardReference.asIndexed(v)));
        }
    }

    @Property(tries = 2000)
    void exactIsLiteralEquality(@ForAll("literalsWithWildcards") List<String> values, @ForAll boolean ci,
                                @ForAll("values") List<String> randomValues, @ForAll long seed) {
        StringMatcher matcher = StringMatchers.exact(values, ci);
        List<String> escaped = values.stream().map(StringMatchersPropertiesTest::luceneEscape).collect(Collectors.toList());
        assertThat(matcher.exactKeys()).isPresent();
        for (String v : candidates(values, randomValues, seed)) {
            // a case-sensitive "" is a term query and matches ""; a case-insensitive one is an empty automaton
            boolean expected = WildcardReference.matches(escaped, true, ci, v)
                    || !ci && v.isEmpty() && values.contains("");
            assertThat(matcher.matches(v)).as("in %s ci=%s on %s", values, ci, escape(v)).isEqualTo(expected);
            assertThat(matcher.exactKeys().get().contains(matcher.keyOf(v))).isEqualTo(expected);
        }
    }

    @Provide
    Arbitrary<List<String>> literalsWithWildcards() {
        return Arbitraries.oneOf(literal(), pattern()).list().ofMaxSize(6);
    }

    @Property(tries = 1000)
    void exactKeysArePresentOnlyForPlainStringsAndAgreeWithMatches(@ForAll("patterns") List<String> patterns,
                                                                     @ForAll boolean ci,
                                                                     @ForAll("values") List<String> randomValues,
                                                                     @ForAll long seed) {
        StringMatcher matcher = StringMatchers.wildcard(patterns, ci);
        boolean allPlain = patterns.stream().noneMatch(p -> p.contains("*") || p.contains("?"));
        assertThat(matcher.exactKeys().isPresent()).isEqualTo(allPlain);
        matcher.exactKeys().ifPresent(keys -> {
            for (String v : candidates(patterns, randomValues, seed)) {
                assertThat(keys.contains(matcher.keyOf(v))).isEqualTo(matcher.matches(v));
            }
        });
    }

    /** Large lists exercise the structures with many entries and the automaton union. */
    @Property(tries = 100)
    void largeListsMatchTheReference(@ForAll @Size(min = 50, max = 200) List<@net.jqwik.api.From("pattern") String> patterns,
                                     @ForAll boolean ci, @ForAll long seed) {
        StringMatcher matcher = StringMatchers.wildcard(patterns, ci);
        for (String v : candidates(patterns, List.of(), seed)) {
            assertThat(matcher.matches(v)).as("%s on %s", matcher, escape(v))
                    .isEqualTo(WildcardReference.matches(patterns, false, ci, v));
        }
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
        s.chars().forEach(c -> sb.append(c < 0x20 || c > 0x7e ? String.format("\\u%04x", c) : String.valueOf((char) c)));
        return sb.append('"').toString();
    }
}
