package io.eql4j.ast;

import java.util.List;
import java.util.Objects;

/**
 * {@code value : "pattern"}, {@code value like (...)}, {@code value regex~ "..."} and the other pattern
 * predicates. A list of patterns matches when any of them does.
 *
 * @param value    the tested value
 * @param operator which predicate
 * @param patterns the constants on the right, at least one, as written (a one-element list
 *                 {@code ("a")} and a single constant {@code "a"} give the same node)
 * @param span     the whole predicate
 */
public record PatternMatch(Expression value, Operator operator, List<Literal> patterns, Span span)
        implements Expression {

    /** The pattern predicates. */
    public enum Operator {
        /** {@code :}, case-insensitive; {@code *} and {@code ?} are wildcards when present. */
        SEQ(":", false, true),
        /** {@code like}: wildcard match, case-sensitive. */
        LIKE("like", false, false),
        /** {@code like~}: wildcard match, case-insensitive. */
        LIKE_INSENSITIVE("like~", false, true),
        /** {@code regex}: full match of a Lucene regular expression, case-sensitive. */
        REGEX("regex", true, false),
        /** {@code regex~}: full match of a Lucene regular expression, case-insensitive. */
        REGEX_INSENSITIVE("regex~", true, true);

        private final String symbol;
        private final boolean regex;
        private final boolean caseInsensitive;

        Operator(String symbol, boolean regex, boolean caseInsensitive) {
            this.symbol = symbol;
            this.regex = regex;
            this.caseInsensitive = caseInsensitive;
        }

        /** The operator as written in EQL. */
        public String symbol() {
            return symbol;
        }

        /** True for the regular-expression predicates. */
        public boolean isRegex() {
            return regex;
        }

        /** True for the predicates that ignore case. */
        public boolean isCaseInsensitive() {
            return caseInsensitive;
        }
    }

    public PatternMatch {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(operator, "operator");
        patterns = List.copyOf(patterns);
        if (patterns.isEmpty()) {
            throw new IllegalArgumentException("a pattern predicate needs at least one pattern");
        }
        Objects.requireNonNull(span, "span");
    }

    @Override
    public <R> R accept(ExpressionVisitor<R> visitor) {
        return visitor.visitPatternMatch(this);
    }
}
