package io.eql4j.internal.expr;

/** A constant value, folded at compile time. */
public final class Constant extends Expr {

    public static final Constant NULL_VALUE = new Constant(null);
    public static final Constant TRUE_VALUE = new Constant(Boolean.TRUE);
    public static final Constant FALSE_VALUE = new Constant(Boolean.FALSE);

    private final Object value;
    private final int truth;

    private Constant(Object value) {
        this.value = value;
        this.truth = truth(value);
    }

    public static Constant of(Object value) {
        if (value == null) {
            return NULL_VALUE;
        }
        if (value instanceof Boolean b) {
            return b ? TRUE_VALUE : FALSE_VALUE;
        }
        return new Constant(value);
    }

    public static Constant ofTruth(int truth) {
        return truth == NULL ? NULL_VALUE : truth == TRUE ? TRUE_VALUE : FALSE_VALUE;
    }

    public Object value() {
        return value;
    }

    @Override
    public Object eval(EvalContext ctx) {
        return value;
    }

    @Override
    public int test(EvalContext ctx) {
        return truth;
    }

    @Override
    public boolean isConstant() {
        return true;
    }

    @Override
    public String toString() {
        return Literals.toEql(value);
    }
}
