package io.eql4j.runtime;

import io.eql4j.event.Event;
import io.eql4j.internal.expr.EvalContext;
import io.eql4j.internal.plan.CompiledRule;
import io.eql4j.internal.plan.DispatchState;
import io.eql4j.internal.plan.JoinKey;
import io.eql4j.internal.plan.PlanData;
import io.eql4j.internal.plan.ResultLimit;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Runs one compiled rule over the events of one engine: holds the rule's state and delivers its results, in
 * result order, through its {@link ResultPipeline}. Single-threaded, as the engine is.
 */
abstract class RuleRunner {

    final CompiledRule rule;
    final ResultPipeline output;
    final Match.Kind kind;
    /** Per stage, the global id of its filter in the plan's dispatcher. */
    private final int[] stageFilters;
    /** The global id of the until filter, or -1. */
    final int untilFilter;
    /** The dispatch state of the current event: which filters passed. */
    private DispatchState state;
    /** Evictions already reported to the problem listener (see {@link RuntimeOptions#evictionReportInterval()}). */
    long reportedEvictions;
    /** The event time from which the next eviction report may be made. */
    long nextEvictionReport = Long.MIN_VALUE;

    RuleRunner(CompiledRule rule, PlanData plan, MatchListener listener, Match.Kind kind) {
        this(rule, plan, listener, kind, rule.limit());
    }

    /** With other result limits than the rule's ({@link KeyedRules} applies none: limits span keys). */
    RuleRunner(CompiledRule rule, PlanData plan, MatchListener listener, Match.Kind kind, ResultLimit limit) {
        this.rule = rule;
        this.output = new ResultPipeline(limit, listener);
        this.kind = kind;
        this.stageFilters = plan.stageFilters(rule.index());
        this.untilFilter = plan.untilFilter(rule.index());
    }

    /** Makes the dispatcher's verdicts on the current event visible to {@link #passed}. */
    final void attach(DispatchState state) {
        this.state = state;
    }

    /** Whether stage {@code i}'s filter passed for the current event. */
    final boolean passed(int stage) {
        return state.passed(stageFilters[stage]);
    }

    /** Whether the until filter passed for the current event. */
    final boolean untilPassed() {
        return untilFilter >= 0 && state.passed(untilFilter);
    }

    /** Whether the rule reads event time (event queries and sequences) or not (samples). */
    boolean needsTime() {
        return true;
    }

    /**
     * Runs the rule on the context's current event, whose timestamp is {@code ts} (in plan units). Called only
     * when at least one of the rule's filters passed (see {@link #passed}).
     */
    abstract void onEvent(EvalContext ctx, Event event, long ts);

    /** Event time has reached {@code now}: no event older than it will come. Expire and decide what is due. */
    void onTime(long now) {}

    /** The stream has ended. */
    void finish() {
        output.finish();
    }

    long pendingSequences() {
        return 0;
    }

    long pendingDecisions() {
        return 0;
    }

    long sampleKeys() {
        return 0;
    }

    long expired() {
        return 0;
    }

    long evicted() {
        return 0;
    }

    /** Event time starts again (the stream's first time was wrong): drops partial state built at the old time. */
    void restartTime() {}

    /** Evicts the least recently used join keys until at most {@code max} pending sequences or sample keys remain. */
    void evictTo(long max) {}

    /** Passes one result to the rule's output. */
    final void emit(Event[] events, Object key) {
        List<Object> keys = key == JoinKey.NONE ? List.of() : JoinKey.values(key);
        output.offer(new Match(rule.rule(), kind, Collections.unmodifiableList(Arrays.asList(events)), keys));
    }
}
