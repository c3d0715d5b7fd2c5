package io.eql4j.internal.match;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.apache.lucene.util.automaton.Automaton;
import org.apache.lucene.util.automaton.Operations;
import org.apache.lucene.util.automaton.RegExp;
import org.apache.lucene.util.automaton.TooComplexToDeterminizeException;

/**
 * Builds {@link StringMatcher}s with Elasticsearch 8's semantics for keyword fields. Choices and their
 * sources are in {@code docs/notes/functions-and-matching.md}; in short:
 * <ul>
 *   <li>case-insensitive means ASCII-only folding ({@code A-Z} = {@code a-z}), as ES's case-insensitive
 *       term, prefix and wildcard queries and Lucene's {@code RegExp.ASCII_CASE_INSENSITIVE} do;</li>
 *   <li>wildcards work on code points: {@code ?} is one code point, also a surrogate pair;</li>
 *   <li>regular expressions are Lucene {@code RegExp} with all syntax flags ({@code RegExp.ALL}), anchored at
 *       both ends, determinized within Lucene's default effort of 10,000 as ES does.</li>
 * </ul>
 */
public final class StringMatchers {

    private static final StringMatcher ANY_STRING = new StringMatcher() {
        @Override
        public boolean matches(String value) {
            Objects.requireNonNull(value, "value");
            return true;
        }

        @Override
        public String toString() {
            return "any string";
        }
    };

    private StringMatchers() {}

    /**
     * Equality with any of the values: {@code ==} and {@code in} (case-sensitive), {@code in~}
     * (case-insensitive). {@code *} and {@code ?} are ordinary characters here. As in ES, where a
     * case-insensitive term query is an automaton, a case-insensitive {@code ""} matches nothing, while a
     * case-sensitive one matches the empty string.
     *
     * @param values          the accepted strings (may be empty: then nothing matches)
     * @param caseInsensitive fold ASCII case
     * @return the matcher; {@link StringMatcher#exactKeys()} is always present
     */
    public static StringMatcher exact(Collection<String> values, boolean caseInsensitive) {
        List<WildcardPattern> patterns = new ArrayList<>(values.size());
        for (String v : values) {
            // an escaped literal is exact in every position; escaping keeps letters unescaped, so they still fold
            patterns.add(WildcardPattern.parse(escapeWildcards(v), WildcardPattern.Syntax.LUCENE, caseInsensitive));
        }
        if (!caseInsensitive && values.contains("")) {
            patterns.add(WildcardPattern.emptyString());
        }
        return new PatternSetMatcher(patterns, caseInsensitive);
    }

    /**
     * EQL wildcard patterns: {@code like} (case-sensitive), {@code like~} and {@code :} (case-insensitive).
     * {@code *} matches any run of characters, also empty; {@code ?} exactly one code point; a backslash is an
     * ordinary character; a pattern without wildcards is plain equality. The empty pattern matches nothing,
     * not even {@code ""}, as in ES (a Lucene wildcard automaton of no characters is empty).
     *
     * @param patterns        the patterns, at least one; a value matches when any of them does
     * @param caseInsensitive fold ASCII case
     * @return the matcher
     */
    public static StringMatcher wildcard(List<String> patterns, boolean caseInsensitive) {
        return wildcards(patterns, WildcardPattern.Syntax.EQL, caseInsensitive);
    }

    /**
     * Lucene wildcard-query patterns, in which a backslash escapes the next character (an escaped letter keeps
     * its case even when case-insensitive). This is what ES runs for {@code stringContains(field, "lit")}
     * ({@code "*" + lit + "*"}) and {@code endsWith(field, "lit")} ({@code "*" + lit}) when the first argument
     * is a field and the second a constant (EQL {@code QueryTranslator.CaseInsensitiveScalarFunctions}).
     *
     * @param patterns        the patterns, at least one
     * @param caseInsensitive fold ASCII case
     * @return the matcher
     */
    public static StringMatcher luceneWildcard(List<String> patterns, boolean caseInsensitive) {
        return wildcards(patterns, WildcardPattern.Syntax.LUCENE, caseInsensitive);
    }

    /**
     * Values starting with a literal prefix: what ES runs (a prefix query) for {@code startsWith(field, "lit")}
     * with a field and a constant (QL {@code ExpressionTranslators.Scalars.doKnownTranslate}).
     *
     * @param prefix          the literal prefix; no character is special
     * @param caseInsensitive fold ASCII case
     * @return the matcher
     */
    public static StringMatcher prefix(String prefix, boolean caseInsensitive) {
        return luceneWildcard(List.of(escapeWildcards(prefix) + "*"), caseInsensitive);
    }

    /**
     * Regular expressions ({@code regex}, {@code regex~}): Lucene {@code RegExp} syntax with every optional
     * operator enabled ({@code RegExp.ALL}, the ES default), full-string match, case-insensitive through
     * {@code RegExp.ASCII_CASE_INSENSITIVE} (which folds single characters and strings but not ranges such as
     * {@code [a-z]}).
     *
     * @param patterns        the patterns, at least one; a value matches when any of them does
     * @param caseInsensitive ASCII case-insensitive
     * @return the matcher
     * @throws IllegalArgumentException when a pattern is not a valid Lucene regular expression, or is too
     *                                  complex for Elasticsearch (more than 10,000 determinization effort)
     */
    public static StringMatcher regex(List<String> patterns, boolean caseInsensitive) {
        requireNonEmpty(patterns);
        List<Automaton> automata = new ArrayList<>(patterns.size());
        for (String p : patterns) {
            automata.add(regexAutomaton(p, caseInsensitive));
        }
        AutomatonMatcher matcher = new AutomatonMatcher(automata);
        String description = "regex" + (caseInsensitive ? "~" : "") + patterns;
        return new StringMatcher() {
            @Override
            public boolean matches(String value) {
                Objects.requireNonNull(value, "value");
                return matcher.matches(value);
            }

            @Override
            public String toString() {
                return description;
            }
        };
    }

    /**
     * The case folding of every case-insensitive matcher: ASCII letters to lower case, everything else kept.
     *
     * @param value a string
     * @return the folded string (the same instance when nothing changes)
     */
    public static String foldCase(String value) {
        return Ascii.fold(value);
    }

    /**
     * The longest regular expression, in chars: 1,000, Elasticsearch's default {@code index.max_regex_length}
     * (a regexp query refuses longer ones), unless the system property {@value #MAX_REGEX_LENGTH_PROPERTY} says
     * otherwise. See docs/limits.md.
     */
    public static final int MAX_REGEX_LENGTH = regexLengthLimit();

    /** The system property that sets {@link #MAX_REGEX_LENGTH}. */
    public static final String MAX_REGEX_LENGTH_PROPERTY = "eql4j.regex.maxLength";

    private static int regexLengthLimit() {
        String value = System.getProperty(MAX_REGEX_LENGTH_PROPERTY);
        try {
            int parsed = value == null ? 1_000 : Integer.parseInt(value.trim());
            return parsed > 0 ? parsed : 1_000;
        } catch (NumberFormatException e) {
            return 1_000;
        }
    }

    private static Automaton regexAutomaton(String pattern, boolean caseInsensitive) {
        Objects.requireNonNull(pattern, "pattern");
        if (pattern.length() > MAX_REGEX_LENGTH) {
            throw new IllegalArgumentException("regular expression of " + pattern.length() + " characters is too"
                    + " long: the maximum is " + MAX_REGEX_LENGTH + ", as Elasticsearch's default"
                    + " index.max_regex_length (set the system property " + MAX_REGEX_LENGTH_PROPERTY
                    + " to allow more)");
        }
        try {
            // ES compiles the term text, i.e. the pattern after the UTF-8 round trip
            RegExp re = new RegExp(
                    Utf16.wellFormed(pattern), RegExp.ALL, caseInsensitive ? RegExp.ASCII_CASE_INSENSITIVE : 0);
            return BoundedRegex.toAutomaton(re, Operations.DEFAULT_DETERMINIZE_WORK_LIMIT);
        } catch (TooComplexToDeterminizeException | BoundedRegex.BudgetExceeded e) {
            throw new IllegalArgumentException(
                    "regular expression [" + pattern + "] is too complex: Elasticsearch"
                            + " refuses patterns needing more than " + Operations.DEFAULT_DETERMINIZE_WORK_LIMIT
                            + " determinization effort",
                    e);
        } catch (StackOverflowError e) {
            throw new IllegalArgumentException(
                    "regular expression [" + pattern + "] is nested too deeply to" + " compile");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid regular expression [" + pattern + "]: " + e.getMessage(), e);
        }
    }

    private static StringMatcher wildcards(
            List<String> patterns, WildcardPattern.Syntax syntax, boolean caseInsensitive) {
        requireNonEmpty(patterns);
        List<WildcardPattern> parsed = new ArrayList<>(patterns.size());
        for (String p : patterns) {
            WildcardPattern wp = WildcardPattern.parse(Objects.requireNonNull(p, "pattern"), syntax, caseInsensitive);
            if (wp.shape() == WildcardPattern.Shape.ANY) {
                return ANY_STRING;
            }
            parsed.add(wp);
        }
        return new PatternSetMatcher(parsed, caseInsensitive);
    }

    /** Lucene wildcard text matching exactly {@code literal}: backslash-escapes {@code \ * ?} (never letters). */
    private static String escapeWildcards(String literal) {
        StringBuilder sb = new StringBuilder(literal.length() + 8);
        for (int i = 0; i < literal.length(); i++) {
            char c = literal.charAt(i);
            if (c == '\\' || c == '*' || c == '?') {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.toString();
    }

    private static void requireNonEmpty(List<String> patterns) {
        if (patterns.isEmpty()) {
            throw new IllegalArgumentException("at least one pattern is required");
        }
    }
}
