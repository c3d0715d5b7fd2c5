package io.eql4j.ast;

import java.util.List;
import java.util.Objects;

/**
 * A function call such as {@code startsWith~(process.name, "cmd")}.
 *
 * @param name            the name as written, without {@code ~}; function names are case-insensitive
 * @param caseInsensitive true when the name was written with a {@code ~} suffix
 * @param arguments       the arguments
 * @param span            the call, from its name to its closing parenthesis
 */
public record FunctionCall(String name, boolean caseInsensitive, List<Expression> arguments, Span span)
        implements Expression {
    public FunctionCall {
        Objects.requireNonNull(name, "name");
        arguments = List.copyOf(arguments);
        Objects.requireNonNull(span, "span");
    }

    @Override
    public <R> R accept(ExpressionVisitor<R> visitor) {
        return visitor.visitFunctionCall(this);
    }
}
