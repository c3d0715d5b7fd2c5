package io.eql4j.internal.expr;

import io.eql4j.ast.Literal;
import io.eql4j.ast.Span;
import io.eql4j.parser.EqlFormatter;

/** EQL spelling of constant values, for explaining plans. */
final class Literals {

    private Literals() {}

    static String toEql(Object value) {
        Literal literal;
        if (value == null) {
            literal = new Literal.NullLiteral(Span.NONE);
        } else if (value instanceof String s) {
            literal = new Literal.StringLiteral(s, Span.NONE);
        } else if (value instanceof Boolean b) {
            literal = new Literal.BooleanLiteral(b, Span.NONE);
        } else if (value instanceof Double d && Double.isFinite(d)) {
            literal = new Literal.DecimalLiteral(d, Span.NONE);
        } else if (value instanceof Long l && l >= 0) {
            literal = new Literal.IntegerLiteral(l, Span.NONE);
        } else {
            return String.valueOf(value);
        }
        return EqlFormatter.format(literal);
    }
}
