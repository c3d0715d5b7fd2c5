package io.eql4j.ast;

import java.util.Objects;

/** A constant written in the query: a string, a number, {@code true}, {@code false} or {@code null}. */
public sealed interface Literal extends Expression {

    /** The value: a {@link String}, {@link Long}, {@link Double}, {@link Boolean}, or {@code null}. */
    Object value();

    /**
     * A string literal, after escapes were processed.
     *
     * @param value the string's characters
     * @param span  the literal with its quotes
     */
    record StringLiteral(String value, Span span) implements Literal {
        public StringLiteral {
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(span, "span");
        }

        @Override
        public <R> R accept(ExpressionVisitor<R> visitor) {
            return visitor.visitString(this);
        }
    }

    /**
     * An integer literal (no sign: {@code -1} is {@link Negate} of {@code 1}).
     *
     * @param longValue the value
     * @param span      the literal
     */
    record IntegerLiteral(long longValue, Span span) implements Literal {
        public IntegerLiteral {
            Objects.requireNonNull(span, "span");
        }

        @Override
        public Object value() {
            return longValue;
        }

        @Override
        public <R> R accept(ExpressionVisitor<R> visitor) {
            return visitor.visitInteger(this);
        }
    }

    /**
     * A decimal literal such as {@code 4.5} or {@code 1e3}.
     *
     * @param doubleValue the value, finite
     * @param span        the literal
     */
    record DecimalLiteral(double doubleValue, Span span) implements Literal {
        public DecimalLiteral {
            if (!Double.isFinite(doubleValue)) {
                throw new IllegalArgumentException("decimal literal must be finite, got " + doubleValue);
            }
            Objects.requireNonNull(span, "span");
        }

        @Override
        public Object value() {
            return doubleValue;
        }

        @Override
        public <R> R accept(ExpressionVisitor<R> visitor) {
            return visitor.visitDecimal(this);
        }
    }

    /**
     * {@code true} or {@code false}.
     *
     * @param booleanValue the value
     * @param span         the literal
     */
    record BooleanLiteral(boolean booleanValue, Span span) implements Literal {
        public BooleanLiteral {
            Objects.requireNonNull(span, "span");
        }

        @Override
        public Object value() {
            return booleanValue;
        }

        @Override
        public <R> R accept(ExpressionVisitor<R> visitor) {
            return visitor.visitBoolean(this);
        }
    }

    /**
     * {@code null}.
     *
     * @param span the literal
     */
    record NullLiteral(Span span) implements Literal {
        public NullLiteral {
            Objects.requireNonNull(span, "span");
        }

        @Override
        public Object value() {
            return null;
        }

        @Override
        public <R> R accept(ExpressionVisitor<R> visitor) {
            return visitor.visitNull(this);
        }
    }
}
