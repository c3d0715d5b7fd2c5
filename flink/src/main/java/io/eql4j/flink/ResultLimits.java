package io.eql4j.flink;

import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * The result limits ({@code head}, {@code tail}, size) of the rules that have them, over each rule's results from
 * the whole stream: keyed by rule id, so all of one rule's results meet at one instance (for that rule a
 * parallelism-1 step), while rules without limits never come here.
 *
 * <p>Each rule's results ({@link LimitedMatch}, from the event-query and keyed operators' side output
 * {@link #RESULTS}) wait in keyed state until they are final, then are offered in the embedded engine's result order
 * ({@link LimitedMatch#order}) to the engine's own limit logic ({@code LimitedResults}, through
 * {@link EngineSeam#limits}), which passes on what the limits keep:
 *
 * <ul>
 *   <li>a result of an event query or sequence is final when the watermark has reached its completing event's time
 *   (for a sequence with trailing missing-event stages, that time plus its {@code maxspan}, the longest its verdict
 *   can wait): no result earlier in result order can still come. So {@code head} results leave as the watermark
 *   passes them;</li>
 *   <li>samples are ordered by arrival, which a watermark says nothing about: they are final at the end of the
 *   input;</li>
 *   <li>what a {@code tail} keeps leaves at the end of the input (the final watermark, {@link Long#MAX_VALUE}).</li>
 * </ul>
 *
 * <p>The per-rule work is {@link LimitsCore}'s, shared with {@link LiveResultLimits}, the same step in a job with
 * live rule updates.
 *
 * <p>Once a rule's {@code head} has all it takes, further results of that rule are dropped. Metrics, per rule (group
 * {@code rule} with the rule's id): {@code matches}, the results that passed the limits.
 */
final class ResultLimits extends KeyedProcessFunction<String, LimitedMatch, MatchRecord> {

    private static final long serialVersionUID = 1L;

    /** The side output of the operators before this one that carries limited rules' results. */
    static final OutputTag<LimitedMatch> RESULTS = new OutputTag<>("eql4j-limited-results", LimitedMatch.TYPE);

    private final FlinkPlan plan;

    private transient Map<String, LimitsCore.LimitRule> rules;
    private transient LimitsCore core;

    ResultLimits(FlinkPlan plan) {
        this.plan = plan;
    }

    @Override
    public void open(OpenContext context) {
        rules = LimitsCore.rules(
                plan,
                Map.of(),
                id -> getRuntimeContext().getMetricGroup().addGroup("rule", id).counter("matches"));
        core = new LimitsCore(getRuntimeContext(), plan);
    }

    @Override
    public void processElement(LimitedMatch match, Context ctx, Collector<MatchRecord> out) throws Exception {
        core.add(rule(match.ruleId()), match, ctx.timerService());
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<MatchRecord> out) throws Exception {
        core.fire(
                rule(ctx.getCurrentKey()), 0, ctx.timerService().currentWatermark(), out, ctx.timerService(), NO_STALE);
    }

    /** Without live updates every result is of revision 0: none is stale. */
    private static final Counter NO_STALE = new org.apache.flink.metrics.SimpleCounter();

    private LimitsCore.LimitRule rule(String ruleId) {
        LimitsCore.LimitRule rule = rules.get(ruleId);
        if (rule == null) {
            throw new IllegalStateException("rule " + ruleId + " has no result limits in this plan");
        }
        return rule;
    }
}
