package io.eql4j.ast;

import java.util.List;
import java.util.Objects;

/**
 * {@code a or b or c}: a chain of conditions joined by {@code or} without parentheses is one node.
 *
 * @param operands at least two conditions, in the order written
 * @param span     the whole chain
 */
public record Or(List<Expression> operands, Span span) implements Expression {
    public Or {
        operands = List.copyOf(operands);
        if (operands.size() < 2) {
            throw new IllegalArgumentException("or needs at least two operands");
        }
        Objects.requireNonNull(span, "span");
    }

    @Override
    public <R> R accept(ExpressionVisitor<R> visitor) {
        return visitor.visitOr(this);
    }
}
