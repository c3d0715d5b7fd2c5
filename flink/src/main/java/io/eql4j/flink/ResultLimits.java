package io.eql4j.flink;

import io.eql4j.internal.plan.LimitedResults;
import io.eql4j.internal.util.Longs;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
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
 * ({@link LimitedMatch#order}) to the engine's own limit logic ({@link LimitedResults}, through
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
 * <p>Once a rule's {@code head} has all it takes, further results of that rule are dropped. Metrics, per rule (group
 * {@code rule} with the rule's id): {@code matches}, the results that passed the limits.
 */
final class ResultLimits extends KeyedProcessFunction<String, LimitedMatch, MatchRecord> {

    private static final long serialVersionUID = 1L;

    /** The side output of the operators before this one that carries limited rules' results. */
    static final OutputTag<LimitedMatch> RESULTS = new OutputTag<>("eql4j-limited-results", LimitedMatch.TYPE);

    private final FlinkPlan plan;

    private transient Map<String, RuleInfo> rules;
    private transient ListState<LimitedMatch> pending;
    private transient ValueState<Long> seen;
    private transient ValueState<Boolean> done;
    private transient ListState<MatchRecord> kept;
    private transient long nanosPerUnit;

    /** What this operator needs of a rule. */
    private record RuleInfo(int index, Comparator<LimitedMatch> order, boolean sample, long delay, Counter matches) {}

    ResultLimits(FlinkPlan plan) {
        this.plan = plan;
    }

    @Override
    public void open(OpenContext context) {
        rules = new HashMap<>();
        for (EngineSeam.RuleInfo r : EngineSeam.rules(plan.plan())) {
            if (r.limited()) {
                MatchRecord.Kind kind = MatchRecord.Kind.valueOf(r.kind().name());
                rules.put(
                        r.rule().ruleId(),
                        new RuleInfo(
                                r.index(),
                                LimitedMatch.order(kind),
                                kind == MatchRecord.Kind.SAMPLE,
                                EngineSeam.resultDelay(plan.plan(), r.index()),
                                getRuntimeContext()
                                        .getMetricGroup()
                                        .addGroup("rule", r.rule().ruleId())
                                        .counter("matches")));
            }
        }
        pending = getRuntimeContext().getListState(new ListStateDescriptor<>("eql4j-limit-pending", LimitedMatch.TYPE));
        seen = getRuntimeContext().getState(new ValueStateDescriptor<>("eql4j-limit-seen", Types.LONG));
        done = getRuntimeContext().getState(new ValueStateDescriptor<>("eql4j-limit-done", Types.BOOLEAN));
        kept = getRuntimeContext().getListState(new ListStateDescriptor<>("eql4j-limit-kept", FlinkTypes.MATCH));
        nanosPerUnit = plan.plan().options().timestampPrecision().nanosPerUnit();
    }

    @Override
    public void processElement(LimitedMatch match, Context ctx, Collector<MatchRecord> out) throws Exception {
        RuleInfo rule = rule(match.ruleId());
        if (Boolean.TRUE.equals(done.value())) {
            return; // its head has all it takes
        }
        pending.add(match);
        ctx.timerService().registerEventTimeTimer(releaseAt(rule, match));
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<MatchRecord> out) throws Exception {
        RuleInfo rule = rule(ctx.getCurrentKey());
        long watermark = ctx.timerService().currentWatermark();
        List<LimitedMatch> waiting = new ArrayList<>();
        pending.get().forEach(waiting::add);
        waiting.sort(rule.order()); // stable: equal results keep their arrival order
        LimitedResults<MatchRecord> limits = EngineSeam.limits(plan.plan(), rule.index(), m -> {
            rule.matches().inc();
            out.collect(m);
        });
        Long seenBefore = seen.value();
        limits.restore(seenBefore == null ? 0 : seenBefore, Boolean.TRUE.equals(done.value()));
        kept.get().forEach(limits.kept()::addLast);
        int released = 0;
        // release time grows with result order (the order starts with the completing event's time), so the final
        // results are a prefix of the sorted ones
        while (released < waiting.size() && !limits.done() && releaseAt(rule, waiting.get(released)) <= watermark) {
            limits.offer(waiting.get(released++).match());
        }
        if (watermark == Long.MAX_VALUE) {
            limits.finish(); // the end of the input: what tail steps kept
        }
        if (watermark == Long.MAX_VALUE || limits.done()) {
            pending.clear();
            kept.clear();
            seen.clear();
            if (limits.done() && watermark != Long.MAX_VALUE) {
                done.update(true);
            } else {
                done.clear();
            }
            return;
        }
        pending.update(new ArrayList<>(waiting.subList(released, waiting.size())));
        kept.update(new ArrayList<>(limits.kept()));
        seen.update(limits.seen());
        // the end of the input must reach this rule even when no result waits for it: what a tail keeps leaves then
        ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE);
    }

    private RuleInfo rule(String ruleId) {
        RuleInfo rule = rules.get(ruleId);
        if (rule == null) {
            throw new IllegalStateException("rule " + ruleId + " has no result limits in this plan");
        }
        return rule;
    }

    /** The watermark (epoch milliseconds) from which a result is final. */
    private long releaseAt(RuleInfo rule, LimitedMatch m) {
        if (rule.sample()) {
            return Long.MAX_VALUE;
        }
        if (rule.delay() == 0) {
            return EqlFlink.toMillis(m.time(), nanosPerUnit);
        }
        // the keyed operator decides a verdict at a deadline d once the watermark is past d's millisecond
        long millis = EqlFlink.toMillis(Longs.saturatedAdd(m.time(), rule.delay()), nanosPerUnit);
        return millis == Long.MAX_VALUE ? millis : millis + 1;
    }
}
