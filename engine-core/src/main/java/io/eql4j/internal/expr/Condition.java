package io.eql4j.internal.expr;

/** An expression that is a condition: its value is its truth, {@code Boolean} or {@code null} for unknown. */
public abstract class Condition extends Expr {

    @Override
    public abstract int test(EvalContext ctx);

    @Override
    public final Object eval(EvalContext ctx) {
        return bool(test(ctx));
    }
}
