package io.eql4j.runtime;

import io.eql4j.event.Event;
import io.eql4j.internal.expr.EvalContext;
import io.eql4j.internal.plan.CompiledRule;
import io.eql4j.internal.plan.JoinKey;
import io.eql4j.internal.plan.StagePlan;

/** An event query: every event that passes the filter is a result. */
final class EventQueryRunner extends RuleRunner {

    private final StagePlan filter;

    EventQueryRunner(CompiledRule rule, MatchListener listener) {
        super(rule, listener, Match.Kind.EVENT);
        this.filter = rule.stages().get(0);
    }

    @Override
    void onEvent(EvalContext ctx, Event event, long ts) {
        if (filter.matches(ctx)) {
            emit(new Event[] {event}, JoinKey.NONE);
        }
    }
}
