package io.eql4j.ast;

import java.util.List;
import java.util.Objects;

/**
 * {@code value in (a, b)}, {@code value in~ (...)}, {@code value not in (...)} or {@code value not in~ (...)}:
 * exact membership, without wildcards.
 *
 * @param value           the tested value
 * @param list            the candidates, at least one
 * @param negated         true for {@code not in}
 * @param caseInsensitive true for {@code in~}
 * @param span            the whole predicate
 */
public record InList(Expression value, List<Expression> list, boolean negated, boolean caseInsensitive, Span span)
        implements Expression {
    public InList {
        Objects.requireNonNull(value, "value");
        list = List.copyOf(list);
        if (list.isEmpty()) {
            throw new IllegalArgumentException("in needs at least one candidate");
        }
        Objects.requireNonNull(span, "span");
    }

    @Override
    public <R> R accept(ExpressionVisitor<R> visitor) {
        return visitor.visitInList(this);
    }
}
