package io.eql4j.internal.expr;

import java.util.List;

/**
 * A condition on one field against constants, as Elasticsearch runs it: a term, range, wildcard or regexp query.
 * Such a query matches a multi-valued field when <em>any</em> value matches; on an absent field the condition is
 * unknown ({@link #NULL}), as a comparison with null is.
 */
public abstract class FieldPredicate extends Condition {

    private final int slot;
    private final String field;
    /** The memo slot when several filters share this predicate, or -1; set once while compiling. */
    private int memo = -1;

    protected FieldPredicate(int slot, String field) {
        this.slot = slot;
        this.field = field;
    }

    /** The slot of the tested field in the plan's field table. */
    public int slot() {
        return slot;
    }

    /** The tested field's name. */
    public String field() {
        return field;
    }

    /** Whether one non-null scalar value satisfies the predicate. */
    protected abstract boolean matches(Object value);

    @Override
    public boolean readsFields() {
        return true;
    }

    /** The memo slot of a shared predicate, or -1. */
    public int memo() {
        return memo;
    }

    /** Makes the predicate remember its result per event in memo slot {@code id} (during compilation only). */
    public void memoize(int id) {
        if (memo >= 0) {
            throw new IllegalStateException("already memoized");
        }
        memo = id;
    }

    @Override
    public final int test(EvalContext ctx) {
        if (memo < 0) {
            return evaluate(ctx);
        }
        int known = ctx.memo(memo);
        if (known >= 0) {
            return known;
        }
        int result = evaluate(ctx);
        ctx.memo(memo, result);
        return result;
    }

    private int evaluate(EvalContext ctx) {
        Object value = ctx.field(slot);
        if (value == null) {
            return NULL;
        }
        if (value instanceof List<?> values) {
            for (int i = 0, n = values.size(); i < n; i++) {
                if (matches(values.get(i))) {
                    return TRUE;
                }
            }
            return FALSE;
        }
        return matches(value) ? TRUE : FALSE;
    }
}
