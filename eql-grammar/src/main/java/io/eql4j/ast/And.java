package io.eql4j.ast;

import java.util.List;
import java.util.Objects;

/**
 * {@code a and b and c}: a chain of conditions joined by {@code and} without parentheses is one node.
 *
 * @param operands at least two conditions, in the order written
 * @param span     the whole chain
 */
public record And(List<Expression> operands, Span span) implements Expression {
    public And {
        operands = List.copyOf(operands);
        if (operands.size() < 2) {
            throw new IllegalArgumentException("and needs at least two operands");
        }
        Objects.requireNonNull(span, "span");
    }

    @Override
    public <R> R accept(ExpressionVisitor<R> visitor) {
        return visitor.visitAnd(this);
    }
}
