package io.eql4j.ast;

/**
 * A node of the EQL syntax tree. Every node is an immutable record that knows its {@link Span}.
 *
 * <p>Records compare spans too; to compare two trees regardless of where they were written, compare
 * {@link Ast#withoutSpans} copies of them.
 */
public sealed interface Node permits Query, QueryBody, EventFilter, Stage, MaxSpan, Pipe, Expression {

    /** Where the node was written. */
    Span span();
}
