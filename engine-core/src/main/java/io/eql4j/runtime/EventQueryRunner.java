package io.eql4j.runtime;

import io.eql4j.event.Event;
import io.eql4j.internal.expr.EvalContext;
import io.eql4j.internal.plan.CompiledRule;
import io.eql4j.internal.plan.JoinKey;
import io.eql4j.internal.plan.PlanData;

/** An event query: every event that passes the filter is a result. */
final class EventQueryRunner extends RuleRunner {

    EventQueryRunner(CompiledRule.EventQuery rule, PlanData plan, MatchListener listener) {
        super(rule, plan, listener, Match.Kind.EVENT);
    }

    @Override
    void onEvent(EvalContext ctx, Event event, long ts) {
        if (passed(0)) {
            emit(new Event[] {event}, JoinKey.NONE);
        }
    }
}
