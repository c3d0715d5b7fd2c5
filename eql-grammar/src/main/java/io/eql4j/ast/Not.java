package io.eql4j.ast;

import java.util.Objects;

/**
 * {@code not <operand>}.
 *
 * @param operand the negated condition
 * @param span    from {@code not} to the end of the operand
 */
public record Not(Expression operand, Span span) implements Expression {
    public Not {
        Objects.requireNonNull(operand, "operand");
        Objects.requireNonNull(span, "span");
    }

    @Override
    public <R> R accept(ExpressionVisitor<R> visitor) {
        return visitor.visitNot(this);
    }
}
