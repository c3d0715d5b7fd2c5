package io.eql4j.internal.match;

import java.util.ArrayList;
import java.util.List;

/**
 * One wildcard pattern, parsed into code-point tokens and classified by shape so that {@link StringMatchers}
 * can route it to the cheapest exact structure.
 *
 * <p>Semantics are those of a Lucene wildcard automaton (ES builds one per pattern): {@code *} is any run of code points (also empty),
 * {@code ?} exactly one code point. In {@link Syntax#EQL} a backslash is an ordinary character (EQL's
 * {@code toLikePattern} escapes it before building the Lucene pattern); in {@link Syntax#LUCENE} it escapes
 * the next code point, a trailing one being literal (Lucene {@code WildcardQuery} / ES
 * {@code AutomatonQueries}), and an escaped character is matched case-sensitively even in a
 * case-insensitive query, as ES does.
 */
final class WildcardPattern {

    /** How the pattern text is read. */
    enum Syntax {
        /** EQL {@code :}, {@code like}, {@code like~}: {@code *} and {@code ?} are wildcards, nothing escapes. */
        EQL,
        /** Lucene wildcard query text: as EQL, plus {@code \} escaping the next code point. */
        LUCENE
    }

    /** Shapes that have a dedicated structure; everything else is {@link #GENERAL}. */
    enum Shape {
        /**
         * The empty pattern, which matches nothing: Lucene builds the automaton of a wildcard (and of a
         * case-insensitive term) as the concatenation of one automaton per character, and the concatenation of
         * none is the empty language, not the empty string.
         */
        NONE,
        /** No wildcard: equality with {@link #literal()}. */
        EXACT,
        /** {@code *} alone: any string. */
        ANY,
        /** {@code literal*}. */
        PREFIX,
        /** {@code *literal}. */
        SUFFIX,
        /** {@code *literal*}. */
        INFIX,
        /** Anything else, or a case-insensitive literal with an escaped (so case-sensitive) letter. */
        GENERAL
    }

    static final int ANY_STRING = -1;
    static final int ANY_CHAR = -2;

    private final String source;
    private final int[] tokens; // code points, or ANY_STRING / ANY_CHAR; runs of ANY_STRING collapsed
    private final boolean[] escaped; // per token: literal written with a backslash (LUCENE syntax only)
    private final boolean caseInsensitive;
    private final Shape shape;
    private final String literal; // the literal of a fast shape, ASCII-folded when case-insensitive

    private WildcardPattern(
            String source, int[] tokens, boolean[] escaped, boolean caseInsensitive, boolean emptyMatchesEmpty) {
        this.source = source;
        this.tokens = tokens;
        this.escaped = escaped;
        this.caseInsensitive = caseInsensitive;
        Shape s = tokens.length == 0 && emptyMatchesEmpty ? Shape.EXACT : classify(tokens);
        String lit = null;
        if (s == Shape.EXACT || s == Shape.PREFIX || s == Shape.SUFFIX || s == Shape.INFIX) {
            lit = literalOf(tokens, s);
            if (lit == null) {
                s = Shape.GENERAL;
                lit = null;
            }
        }
        this.shape = s;
        this.literal = lit == null ? null : (caseInsensitive ? Ascii.fold(lit) : lit);
    }

    static WildcardPattern parse(String text, Syntax syntax, boolean caseInsensitive) {
        // the pattern ES compiles is the term text after the UTF-8 round trip, so literals are well-formed
        // and char-by-char comparisons agree with code-point ones
        String pattern = Utf16.wellFormed(text);
        List<Integer> tokens = new ArrayList<>();
        List<Boolean> escaped = new ArrayList<>();
        for (int i = 0; i < pattern.length(); ) {
            int c = pattern.codePointAt(i);
            i += Character.charCount(c);
            if (c == '*') {
                if (tokens.isEmpty() || tokens.get(tokens.size() - 1) != ANY_STRING) {
                    tokens.add(ANY_STRING);
                    escaped.add(false);
                }
            } else if (c == '?') {
                tokens.add(ANY_CHAR);
                escaped.add(false);
            } else if (c == '\\' && syntax == Syntax.LUCENE && i < pattern.length()) {
                int next = pattern.codePointAt(i);
                i += Character.charCount(next);
                tokens.add(next);
                escaped.add(true);
            } else {
                tokens.add(c);
                escaped.add(false);
            }
        }
        int[] t = tokens.stream().mapToInt(Integer::intValue).toArray();
        boolean[] e = new boolean[t.length];
        for (int k = 0; k < e.length; k++) {
            e[k] = escaped.get(k);
        }
        return new WildcardPattern(text, t, e, caseInsensitive, false);
    }

    /** Equality with the empty string (a case-sensitive term query for {@code ""}, unlike a wildcard). */
    static WildcardPattern emptyString() {
        return new WildcardPattern("", new int[0], new boolean[0], false, true);
    }

    private static Shape classify(int[] t) {
        int stars = 0;
        for (int token : t) {
            if (token == ANY_CHAR) {
                return Shape.GENERAL;
            }
            if (token == ANY_STRING) {
                stars++;
            }
        }
        int n = t.length;
        if (n == 0) {
            return Shape.NONE;
        }
        if (stars == 0) {
            return Shape.EXACT;
        }
        if (n == 1) {
            return Shape.ANY;
        }
        boolean first = t[0] == ANY_STRING;
        boolean last = t[n - 1] == ANY_STRING;
        if (stars == 1) {
            return first ? Shape.SUFFIX : last ? Shape.PREFIX : Shape.GENERAL;
        }
        return stars == 2 && first && last ? Shape.INFIX : Shape.GENERAL;
    }

    private String literalOf(int[] t, Shape s) {
        int from = s == Shape.SUFFIX || s == Shape.INFIX ? 1 : 0;
        int to = s == Shape.PREFIX || s == Shape.INFIX ? t.length - 1 : t.length;
        StringBuilder sb = new StringBuilder();
        for (int k = from; k < to; k++) {
            if (caseInsensitive && escaped[k] && Ascii.isLetter(t[k])) {
                return null; // an escaped letter keeps its case: not expressible by folding both sides
            }
            sb.appendCodePoint(t[k]);
        }
        return sb.toString();
    }

    String source() {
        return source;
    }

    Shape shape() {
        return shape;
    }

    /** The literal of an EXACT, PREFIX, SUFFIX or INFIX pattern, ASCII-folded when case-insensitive. */
    String literal() {
        return literal;
    }

    /** The tokens: code points, {@link #ANY_STRING} or {@link #ANY_CHAR}; runs of ANY_STRING collapsed. */
    int[] tokens() {
        return tokens.clone();
    }

    /** Per token: a literal written with a backslash (Lucene syntax), compared case-sensitively. */
    boolean[] escaped() {
        return escaped.clone();
    }

    boolean caseInsensitive() {
        return caseInsensitive;
    }
}
