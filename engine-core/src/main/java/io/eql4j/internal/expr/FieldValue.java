package io.eql4j.internal.expr;

/**
 * A field read as a value inside a computation (a function argument, arithmetic, a comparison between computed
 * values). A multi-valued field gives its smallest value, as Elasticsearch scripts read {@code doc[f].value}.
 */
public final class FieldValue extends Expr {

    private final int slot;
    private final String name;

    public FieldValue(int slot, String name) {
        this.slot = slot;
        this.name = name;
    }

    public int slot() {
        return slot;
    }

    public String name() {
        return name;
    }

    @Override
    public boolean readsFields() {
        return true;
    }

    @Override
    public Object eval(EvalContext ctx) {
        return Values.first(ctx.field(slot));
    }

    @Override
    public String toString() {
        return name;
    }
}
