package io.eql4j.internal.expr;

import io.eql4j.ast.Comparison;

/** A comparison operator, applied to the result of a three-way comparison. */
public enum CompareOp {
    EQ("=="),
    NEQ("!="),
    LT("<"),
    LTE("<="),
    GT(">"),
    GTE(">=");

    private final String symbol;

    CompareOp(String symbol) {
        this.symbol = symbol;
    }

    /** The operator of an AST comparison. */
    public static CompareOp of(Comparison.Operator operator) {
        return valueOf(operator.name());
    }

    /** Whether the operator holds for {@code cmp}, the sign of comparing left with right. */
    public boolean holds(int cmp) {
        switch (this) {
            case EQ:
                return cmp == 0;
            case NEQ:
                return cmp != 0;
            case LT:
                return cmp < 0;
            case LTE:
                return cmp <= 0;
            case GT:
                return cmp > 0;
            default:
                return cmp >= 0;
        }
    }

    /** The operator with its operands swapped: {@code a < b} is {@code b > a}. */
    public CompareOp flip() {
        switch (this) {
            case LT:
                return GT;
            case LTE:
                return GTE;
            case GT:
                return LT;
            case GTE:
                return LTE;
            default:
                return this;
        }
    }

    public String symbol() {
        return symbol;
    }
}
