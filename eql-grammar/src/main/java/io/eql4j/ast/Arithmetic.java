package io.eql4j.ast;

import java.util.Objects;

/**
 * {@code left <op> right} with one of {@code + - * / %}.
 *
 * @param left     the left operand
 * @param operator the operation
 * @param right    the right operand
 * @param span     the expression
 */
public record Arithmetic(Expression left, Operator operator, Expression right, Span span) implements Expression {

    /** The arithmetic operators; {@code * / %} bind tighter than {@code + -}. */
    public enum Operator {
        ADD("+", 1),
        SUBTRACT("-", 1),
        MULTIPLY("*", 2),
        DIVIDE("/", 2),
        MODULO("%", 2);

        private final String symbol;
        private final int precedence;

        Operator(String symbol, int precedence) {
            this.symbol = symbol;
            this.precedence = precedence;
        }

        /** The operator as written in EQL. */
        public String symbol() {
            return symbol;
        }

        /** 2 for {@code * / %}, 1 for {@code + -}. */
        public int precedence() {
            return precedence;
        }
    }

    public Arithmetic {
        Objects.requireNonNull(left, "left");
        Objects.requireNonNull(operator, "operator");
        Objects.requireNonNull(right, "right");
        Objects.requireNonNull(span, "span");
    }

    @Override
    public <R> R accept(ExpressionVisitor<R> visitor) {
        return visitor.visitArithmetic(this);
    }
}
