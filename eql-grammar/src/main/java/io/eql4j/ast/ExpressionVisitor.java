package io.eql4j.ast;

/**
 * A function over expressions, with one method per expression type.
 *
 * @param <R> what the function returns
 */
public interface ExpressionVisitor<R> {
    R visitString(Literal.StringLiteral node);

    R visitInteger(Literal.IntegerLiteral node);

    R visitDecimal(Literal.DecimalLiteral node);

    R visitBoolean(Literal.BooleanLiteral node);

    R visitNull(Literal.NullLiteral node);

    R visitField(Field node);

    R visitFunctionCall(FunctionCall node);

    R visitNot(Not node);

    R visitAnd(And node);

    R visitOr(Or node);

    R visitComparison(Comparison node);

    R visitArithmetic(Arithmetic node);

    R visitNegate(Negate node);

    R visitInList(InList node);

    R visitPatternMatch(PatternMatch node);
}
