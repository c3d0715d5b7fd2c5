package io.eql4j.internal.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.lucene.util.automaton.Automaton;
import org.apache.lucene.util.automaton.Operations;
import org.apache.lucene.util.automaton.RegExp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Example tables for the matchers; the exhaustive comparison with a reference is in the property tests. */
class StringMatchersTest {

    /** pattern | value | like (case-sensitive) | like~ and ':' (case-insensitive). Backslashes are literal. */
    @ParameterizedTest(name = "{0} ~ {1}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '\'',
            value = {
                "doc*        | doc          | true  | true",
                "doc*        | docs         | true  | true",
                "doc*        | document     | true  | true",
                "doc*        | DOCUMENT     | false | true",
                "doc*        | dos          | false | false",
                "*.exe       | CMD.EXE      | false | true",
                "*.exe       | cmd.exe.bak  | false | false",
                "*cmd*       | c:\\x\\CMD.com | false | true",
                "'C:\\Windows\\*' | 'c:\\windows\\system32\\a.dll' | false | true",
                "'C:\\Windows\\*' | 'C:/Windows/a.dll' | false | false",
                "'\\*'       | '\\abc'      | true  | true",
                "'\\*'       | '*'          | false | false",
                "'?:\\Windows\\*.exe' | 'D:\\Windows\\x\\y.EXE' | false | true",
                "a?c         | abc          | true  | true",
                "a?c         | ac           | false | false",
                "a?c         | abbc         | false | false",
                "*           | ''           | true  | true",
                "**          | x            | true  | true",
                "é           | É            | false | false",
                "k           | \u212A       | false | false",
                "1*          | 10           | true  | true",
                "'a\nb'      | 'A\nB'       | false | true",
                "*b          | 'a\nb'       | true  | true",
            })
    void wildcardTable(String pattern, String value, boolean like, boolean likeInsensitive) {
        assertThat(StringMatchers.wildcard(List.of(pattern), false).matches(value))
                .isEqualTo(like);
        assertThat(StringMatchers.wildcard(List.of(pattern), true).matches(value))
                .isEqualTo(likeInsensitive);
    }

    @Test
    void questionMarkIsOneCodePointAndSurrogatesFollowUtf8Terms() {
        String emoji = "\uD83D\uDE00";
        assertThat(StringMatchers.wildcard(List.of("a?b"), false).matches("a" + emoji + "b"))
                .isTrue();
        assertThat(StringMatchers.wildcard(List.of("a??b"), false).matches("a" + emoji + "b"))
                .isFalse();
        assertThat(StringMatchers.wildcard(List.of("?"), false).matches(emoji)).isTrue();
        // an unpaired surrogate is U+FFFD in an ES term, on both sides
        assertThat(StringMatchers.wildcard(List.of("\uD83D*"), false).matches("\uFFFDx"))
                .isTrue();
        assertThat(StringMatchers.wildcard(List.of("\uD83D*"), false).matches(emoji))
                .isFalse();
        assertThat(StringMatchers.exact(List.of("\uFFFD"), false).matches("\uDE00"))
                .isTrue();
        assertThat(StringMatchers.exact(List.of("x\uDE00"), false).keyOf("x\uDE00"))
                .isEqualTo("x\uFFFD");
    }

    @Test
    void emptyPatternsFollowLucene() {
        // a wildcard or case-insensitive term automaton of no characters is empty; a plain term query is not
        assertThat(StringMatchers.wildcard(List.of(""), true).matches("")).isFalse();
        assertThat(StringMatchers.wildcard(List.of(""), false).matches("")).isFalse();
        assertThat(StringMatchers.exact(List.of(""), true).matches("")).isFalse();
        assertThat(StringMatchers.exact(List.of(""), false).matches("")).isTrue();
        assertThat(StringMatchers.wildcard(List.of("", "a"), true).exactKeys()).contains(Set.of("a"));
        assertThat(StringMatchers.regex(List.of(""), false).matches("")).isTrue();
    }

    @Test
    void exactTreatsWildcardCharactersLiterally() {
        StringMatcher inInsensitive = StringMatchers.exact(List.of("1*", "A?b"), true);
        assertThat(inInsensitive.matches("1*")).isTrue();
        assertThat(inInsensitive.matches("10")).isFalse();
        assertThat(inInsensitive.matches("a?B")).isTrue();
        assertThat(inInsensitive.matches("axb")).isFalse();
        StringMatcher in = StringMatchers.exact(List.of("Process", "python*"), false);
        assertThat(in.matches("process")).isFalse();
        assertThat(in.matches("python*")).isTrue();
        assertThat(in.matches("python3")).isFalse();
    }

    @Test
    void exactKeysForIndexing() {
        StringMatcher m = StringMatchers.wildcard(List.of("CMD.exe", "PowerShell.EXE"), true);
        assertThat(m.exactKeys()).contains(Set.of("cmd.exe", "powershell.exe"));
        assertThat(m.keyOf("POWERSHELL.exe")).isEqualTo("powershell.exe");
        assertThat(StringMatchers.exact(List.of("A", "b"), false).exactKeys()).contains(Set.of("A", "b"));
        assertThat(StringMatchers.wildcard(List.of("a", "b*"), true).exactKeys())
                .isEmpty();
        assertThat(StringMatchers.regex(List.of("a"), true).exactKeys()).isEmpty();
        assertThat(StringMatchers.wildcard(List.of("*"), true).exactKeys()).isEmpty();
    }

    @Test
    void luceneWildcardsEscapeAndKeepEscapedLettersCaseSensitive() {
        assertThat(StringMatchers.luceneWildcard(List.of("a\\*"), false).matches("a*"))
                .isTrue();
        assertThat(StringMatchers.luceneWildcard(List.of("a\\*"), false).matches("ab"))
                .isFalse();
        assertThat(StringMatchers.luceneWildcard(List.of("a\\"), false).matches("a\\"))
                .isTrue(); // trailing: literal
        StringMatcher escapedLetter = StringMatchers.luceneWildcard(List.of("*\\Ab"), true);
        assertThat(escapedLetter.matches("xAB")).isTrue();
        assertThat(escapedLetter.matches("xab")).isFalse();
        // what ES runs for stringContains(field, "a*b") and endsWith(field, "x?"): the wildcards are live
        assertThat(StringMatchers.luceneWildcard(List.of("*" + "a*b" + "*"), false)
                        .matches("zaxxbz"))
                .isTrue();
        assertThat(StringMatchers.luceneWildcard(List.of("*" + "x?"), true).matches("AX1"))
                .isTrue();
    }

    @Test
    void prefixIsLiteral() {
        assertThat(StringMatchers.prefix("a*", false).matches("a*x")).isTrue();
        assertThat(StringMatchers.prefix("a*", false).matches("ax")).isFalse();
        assertThat(StringMatchers.prefix("Ex\\", true).matches("eX\\plorer")).isTrue();
        assertThat(StringMatchers.prefix("", false).matches("")).isTrue();
    }

    /** pattern | value | regex | regex~ */
    @ParameterizedTest(name = "{0} ~ {1}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '\'',
            value = {
                "'.*?net1[ ]+localgroup.*?' | 'net1  localgroup admins' | true | true",
                "'.*?net1[ ]+localgroup.*?' | 'NET1 LOCALGROUP'         | false | true",
                "net                        | xnetx                     | false | false",
                "'a\\sb'                    | 'a b'                     | true  | true",
                "'\\w+'                     | abc_1                     | true  | true",
                "'[a-z]+'                   | ABC                       | false | false",
                "'\"ab\"c'                  | ABC                       | false | true",
                "'[24][0-9]{3}'             | 4624                      | true  | true",
                "'[24][0-9]{3}'             | 46240                     | false | false",
                "'.'                        | '\uD83D\uDE00'            | true  | true",
                "'~(abc)'                   | abd                       | true  | true",
                "'a.*&.*b'                  | axb                       | true  | true",
                "'<1-10>'                   | 7                         | true  | true",
                "'.*[ʰ-˿ᴬ-ᶻ]+.*'            | 'cmdˣ.exe'                | true  | true",
            })
    void regexTable(String pattern, String value, boolean regex, boolean regexInsensitive) {
        assertThat(StringMatchers.regex(List.of(pattern), false).matches(value)).isEqualTo(regex);
        assertThat(StringMatchers.regex(List.of(pattern), true).matches(value)).isEqualTo(regexInsensitive);
    }

    @Test
    void regexListIsAnyOf() {
        StringMatcher m = StringMatchers.regex(List.of(".*?net[1]?  localgroup.*?", ".*? myappserver.py .*?"), false);
        assertThat(m.matches("net  localgroup x")).isTrue();
        assertThat(m.matches("python myappserver.py --x")).isTrue();
        assertThat(m.matches("net localgroup")).isFalse();
    }

    @Test
    void invalidRegexIsRejectedWithThePattern() {
        assertThatThrownBy(() -> StringMatchers.regex(List.of("ok", "(abc"), false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[(abc]")
                .hasMessageContaining("expected ')'");
        assertThatThrownBy(() -> StringMatchers.regex(List.of("a{3,1}"), true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a{3,1}");
        assertThatThrownBy(() -> StringMatchers.regex(List.of(".*a.{30}"), false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("too complex");
        assertThatThrownBy(() -> StringMatchers.regex(List.of(), false)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void nullValuesAreTheCallersBusiness() {
        assertThatThrownBy(() -> StringMatchers.wildcard(List.of("a"), true).matches(null))
                .isInstanceOf(NullPointerException.class);
    }

    /** Regex unions that would need too many DFA states are split; the result is still the union. */
    @Test
    void regexUnionFallsBackToSeveralAutomata() {
        List<String> patterns = new ArrayList<>();
        List<Automaton> automata = new ArrayList<>();
        for (char c = 'a'; c <= 'h'; c++) {
            String p = ".*" + c + ".{6}";
            patterns.add(p);
            automata.add(new RegExp(p).toAutomaton(Operations.DEFAULT_DETERMINIZE_WORK_LIMIT));
        }
        AutomatonMatcher matcher = new AutomatonMatcher(automata);
        assertThat(matcher.automatonCount()).isGreaterThan(1);
        StringMatcher viaFactory = StringMatchers.regex(patterns, false);
        for (String v : List.of("xxxxa123456", "a123456", "zzzzzzzzzzzzzz", "h000000", "hh00000", "")) {
            boolean expected = patterns.stream().anyMatch(p -> java.util.regex.Pattern.matches(p, v));
            assertThat(matcher.matches(v)).as(v).isEqualTo(expected);
            assertThat(viaFactory.matches(v)).as(v).isEqualTo(expected);
        }
    }
}
