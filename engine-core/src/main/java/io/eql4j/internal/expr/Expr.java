package io.eql4j.internal.expr;

import java.util.List;

/**
 * A compiled expression: a node of the tree the compiler builds from an EQL condition, evaluated per event.
 *
 * <p>Conditions use three-valued logic. {@link #test} answers {@link #TRUE}, {@link #FALSE} or {@link #NULL}
 * without boxing; {@link #eval} answers the expression's value ({@code Boolean} for conditions, {@code null}
 * for a null result). Nodes are immutable and shared by every engine that runs the plan.
 */
public abstract class Expr {

    public static final int FALSE = 0;
    public static final int TRUE = 1;
    public static final int NULL = 2;

    /** The value of the expression for the context's current event. */
    public abstract Object eval(EvalContext ctx);

    /** The expression as a condition: {@link #TRUE}, {@link #FALSE} or {@link #NULL}. */
    public int test(EvalContext ctx) {
        return truth(eval(ctx));
    }

    /** The sub-expressions, for explaining a plan. */
    public List<Expr> children() {
        return List.of();
    }

    /** A constant expression folds to its value at compile time. */
    public boolean isConstant() {
        return false;
    }

    /** Whether the node itself reads event fields (so it never folds, whatever its children). */
    public boolean readsFields() {
        return false;
    }

    /** How the expression reads in EQL-like notation, as the engine evaluates it. */
    @Override
    public abstract String toString();

    /** A value used as a condition: only {@code true} is true, {@code null} is unknown. */
    static int truth(Object value) {
        if (value == null) {
            return NULL;
        }
        return Boolean.TRUE.equals(value) ? TRUE : FALSE;
    }

    static Boolean bool(int truth) {
        return truth == NULL ? null : truth == TRUE ? Boolean.TRUE : Boolean.FALSE;
    }
}
