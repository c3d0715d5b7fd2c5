package io.eql4j.ast;

import java.util.Objects;

/**
 * {@code left <op> right} with one of {@code == != < <= > >=}.
 *
 * @param left     the left operand
 * @param operator the comparison
 * @param right    the right operand
 * @param span     the comparison
 */
public record Comparison(Expression left, Operator operator, Expression right, Span span) implements Expression {

    /** The comparison operators. */
    public enum Operator {
        EQ("=="),
        NEQ("!="),
        LT("<"),
        LTE("<="),
        GT(">"),
        GTE(">=");

        private final String symbol;

        Operator(String symbol) {
            this.symbol = symbol;
        }

        /** The operator as written in EQL. */
        public String symbol() {
            return symbol;
        }
    }

    public Comparison {
        Objects.requireNonNull(left, "left");
        Objects.requireNonNull(operator, "operator");
        Objects.requireNonNull(right, "right");
        Objects.requireNonNull(span, "span");
    }

    @Override
    public <R> R accept(ExpressionVisitor<R> visitor) {
        return visitor.visitComparison(this);
    }
}
