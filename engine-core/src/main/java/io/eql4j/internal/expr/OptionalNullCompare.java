package io.eql4j.internal.expr;

import java.util.List;

/**
 * {@code a == b} or {@code a != b} where a side is an optional field ({@code ?f}) that the index mappings lack, read
 * with dynamic mapping: Elasticsearch replaces an optional field that no index maps by the literal {@code null},
 * and {@code x == null} is "x is null". An event without the field is taken to be such a case (see
 * {@code docs/mappings.md}), so the comparison becomes a null test of the other side, and {@code ?x == ?y} holds
 * when the event has neither. An event with the field compares as {@code ==} always does.
 */
public final class OptionalNullCompare extends Condition {
    private final CompareOp op;
    private final Expr left;
    private final Expr right;
    private final boolean leftOptional;
    private final boolean rightOptional;

    /**
     * @param op            {@link CompareOp#EQ} or {@link CompareOp#NEQ}
     * @param leftOptional  whether the left side is an optional field the mappings lack
     * @param rightOptional whether the right side is
     */
    public OptionalNullCompare(CompareOp op, Expr left, Expr right, boolean leftOptional, boolean rightOptional) {
        if (op != CompareOp.EQ && op != CompareOp.NEQ) {
            throw new IllegalArgumentException("only == and != test for null: " + op);
        }
        this.op = op;
        this.left = left;
        this.right = right;
        this.leftOptional = leftOptional;
        this.rightOptional = rightOptional;
    }

    @Override
    public int test(EvalContext ctx) {
        Object a = left.eval(ctx);
        Object b = right.eval(ctx);
        boolean leftNull = a == null && leftOptional;
        boolean rightNull = b == null && rightOptional;
        if (leftNull || rightNull) {
            boolean isNull = (leftNull ? b : a) == null;
            return (op == CompareOp.EQ) == isNull ? TRUE : FALSE;
        }
        if (a == null || b == null) {
            return NULL;
        }
        int c = Values.compareToLiteral(a, b);
        if (c == Integer.MIN_VALUE) {
            c = Values.compareStrict(a, b);
        }
        if (c == Integer.MIN_VALUE) {
            return NULL;
        }
        return op.holds(c) ? TRUE : FALSE;
    }

    @Override
    public boolean readsFields() {
        return true;
    }

    @Override
    public List<Expr> children() {
        return List.of(left, right);
    }

    @Override
    public String toString() {
        return left + " " + op.symbol() + " " + right + " (an absent optional field is null)";
    }
}
