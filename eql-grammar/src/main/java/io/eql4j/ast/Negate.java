package io.eql4j.ast;

import java.util.Objects;

/**
 * Unary minus, {@code -operand}. (Unary plus leaves its operand as it is and has no node.)
 *
 * @param operand the negated value
 * @param span    from the {@code -} to the end of the operand
 */
public record Negate(Expression operand, Span span) implements Expression {
    public Negate {
        Objects.requireNonNull(operand, "operand");
        Objects.requireNonNull(span, "span");
    }

    @Override
    public <R> R accept(ExpressionVisitor<R> visitor) {
        return visitor.visitNegate(this);
    }
}
