package io.eql4j.runtime;

import io.eql4j.event.Event;
import io.eql4j.internal.expr.EvalContext;
import io.eql4j.internal.plan.CompiledRule;
import io.eql4j.internal.plan.JoinKey;
import io.eql4j.internal.plan.StagePlan;
import java.util.ArrayList;
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
    private final Match.Kind kind;
    /** For each stage, the number of its distinct compiled filter (the runs of a term share one). */
    private final int[] filterOf;
    /** For each distinct filter, one stage that has it. */
    private final StagePlan[] filters;
    /** Per distinct filter, whether it passed for the current event. */
    private final boolean[] passed;

    RuleRunner(CompiledRule rule, MatchListener listener, Match.Kind kind) {
        this.rule = rule;
        this.output = new ResultPipeline(rule.limit(), listener);
        this.kind = kind;
        List<StagePlan> stages = rule.stages();
        this.filterOf = new int[stages.size()];
        List<StagePlan> distinct = new ArrayList<>();
        for (int i = 0; i < stages.size(); i++) {
            StagePlan stage = stages.get(i);
            if (stage.filter() == stage.index()) {
                distinct.add(stage);
            }
            filterOf[i] = distinct.size() - 1;
        }
        this.filters = distinct.toArray(StagePlan[]::new);
        this.passed = new boolean[filters.length];
    }

    /** Evaluates each distinct stage filter once on the current event; true when any passed. */
    final boolean evaluateStages(EvalContext ctx) {
        boolean any = false;
        for (int f = 0; f < filters.length; f++) {
            passed[f] = filters[f].matches(ctx);
            any |= passed[f];
        }
        return any;
    }

    /** Whether stage {@code i}'s filter passed in the last {@link #evaluateStages}. */
    final boolean passed(int stage) {
        return passed[filterOf[stage]];
    }

    /** Whether the rule reads event time (event queries and sequences) or not (samples). */
    boolean needsTime() {
        return true;
    }

    /** Evaluates the rule on the context's current event, whose timestamp is {@code ts} (in plan units). */
    abstract void onEvent(EvalContext ctx, Event event, long ts);

    /** Event time has reached {@code now}: no event older than it will come. Expire and decide what is due. */
    void onTime(long now) {
    }

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

    /** Passes one result to the rule's output. */
    final void emit(Event[] events, Object key) {
        List<Object> keys = key == JoinKey.NONE ? List.of() : JoinKey.values(key);
        output.offer(new Match(rule.rule(), kind, Collections.unmodifiableList(Arrays.asList(events)), keys));
    }
}
