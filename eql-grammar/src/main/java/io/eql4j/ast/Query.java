package io.eql4j.ast;

import java.util.List;
import java.util.Objects;

/**
 * A whole EQL statement: an event query, sequence or sample, followed by zero or more pipes.
 *
 * @param body  the query
 * @param pipes the pipes in the order written ({@code | head 5 | tail 2})
 * @param span  the whole statement
 */
public record Query(QueryBody body, List<Pipe> pipes, Span span) implements Node {
    public Query {
        Objects.requireNonNull(body, "body");
        pipes = List.copyOf(pipes);
        Objects.requireNonNull(span, "span");
    }
}
