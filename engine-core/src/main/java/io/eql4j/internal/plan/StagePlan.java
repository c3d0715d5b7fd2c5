package io.eql4j.internal.plan;

import io.eql4j.internal.expr.EvalContext;
import io.eql4j.internal.expr.Expr;

/**
 * One compiled event filter: a stage of a sequence or sample, the {@code until} term, or the single filter of an
 * event query. Immutable.
 *
 * @param index       the stage's position (runs expanded); -1 for {@code until}
 * @param filter      the position of the first stage with the same compiled filter: the runs of a term share one
 * @param category    the required category, or {@code null} for {@code any}
 * @param categoryTest the category condition on the rule's category field, or {@code null} for {@code any}
 * @param condition   the condition after {@code where}
 * @param keys        the join keys (sequence-level first)
 * @param missing     true for a missing-event stage {@code ![...]}
 * @param text        the filter as written in EQL, for explaining
 */
public record StagePlan(
        int index,
        int filter,
        String category,
        Expr categoryTest,
        Expr condition,
        KeyExtractor keys,
        boolean missing,
        String text) {

    /** Whether the context's current event passes the category test and the condition. */
    public boolean matches(EvalContext ctx) {
        return (categoryTest == null || categoryTest.test(ctx) == Expr.TRUE) && condition.test(ctx) == Expr.TRUE;
    }
}
