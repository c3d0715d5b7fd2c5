package io.eql4j.ast;

/**
 * An expression of an event filter's condition, a join key, or a function argument.
 *
 * <p>Java 17 has no pattern-matching {@code switch} over sealed types, so expressions take an
 * {@link ExpressionVisitor}.
 */
public sealed interface Expression extends Node
        permits Literal, Field, FunctionCall, Not, And, Or, Comparison, Arithmetic, Negate, InList, PatternMatch {

    /** Calls the visitor's method for this node's type. */
    <R> R accept(ExpressionVisitor<R> visitor);
}
