package io.eql4j.flink;

import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * {@link ResultLimits} in a job with live rule updates: the same step (see there and {@link LimitsCore}), keyed by
 * rule id, whose broadcast input is the packs the router instances switched to ({@link AppliedPack}), so that it
 * applies each rule's limits as its newest definition has them.
 *
 * <p>Results carry their rule's revision ({@link LimitedMatch#revision}). A kept rule keeps its revision: its limit
 * state goes on across the update (a {@code head 1} that gave its result gives no other). A changed rule gets a new
 * revision: its limit state restarts, and its results of the old revision that were not yet final are dropped, counted
 * per rule ({@code staleResults}), as the keyed operator drops records of a replaced definition. A removed rule's (or
 * a rule that lost its limits) waiting results and limit state are cleared when the pack arrives. The newest pack is
 * in broadcast state, so that a restart from a checkpoint keeps it.
 *
 * <p>A result of a newer revision than the newest pack known here (possible: the pack and the result come by
 * different paths) waits for it. The pack is always known by the time such a result is final: its router sent the
 * pack, on the stream this operator's broadcast input reads, before the record and before any watermark past it.
 *
 * <p>Metrics, per rule: {@code matches} (that passed the limits) and {@code staleResults}.
 */
final class LiveResultLimits extends KeyedBroadcastProcessFunction<String, LimitedMatch, AppliedPack, MatchRecord> {

    private static final long serialVersionUID = 1L;

    /** The newest pack (one entry, {@link LiveRouterOperator#CURRENT}). */
    static final MapStateDescriptor<String, LivePack> RUNNING =
            new MapStateDescriptor<>("eql4j-limits-pack", Types.STRING, LiveTypes.PACK);

    private final LivePack initial;

    private transient Running running;
    private transient boolean restoreChecked;
    private transient Map<String, Counter> matches;
    private transient Map<String, Counter> stale;
    private transient LimitsCore core;

    /** A pack as this operator needs it. */
    private final class Running {
        final long generation;
        final Map<String, LimitsCore.LimitRule> rules;

        Running(LivePack pack) {
            generation = pack.generation();
            rules = LimitsCore.rules(pack.plan(), pack.revisions(), LiveResultLimits.this::matches);
        }
    }

    LiveResultLimits(LivePack initial) {
        this.initial = initial;
    }

    @Override
    public void open(OpenContext context) {
        matches = new HashMap<>();
        stale = new HashMap<>();
        core = new LimitsCore(getRuntimeContext(), initial.plan());
        running = new Running(initial);
    }

    private Counter matches(String ruleId) {
        return matches.computeIfAbsent(
                ruleId,
                id -> getRuntimeContext().getMetricGroup().addGroup("rule", id).counter("matches"));
    }

    private Counter stale(String ruleId) {
        return stale.computeIfAbsent(
                ruleId,
                id -> getRuntimeContext().getMetricGroup().addGroup("rule", id).counter("staleResults"));
    }

    /** The newest pack this instance knows: after a restore, the one in broadcast state. */
    private Running running(ReadOnlyBroadcastState<String, LivePack> state) throws Exception {
        if (!restoreChecked) {
            restoreChecked = true;
            LivePack restored = state.get(LiveRouterOperator.CURRENT);
            if (restored != null && restored.generation() > running.generation) {
                running = new Running(restored);
            }
        }
        return running;
    }

    @Override
    public void processElement(LimitedMatch match, ReadOnlyContext ctx, Collector<MatchRecord> out) throws Exception {
        Running pack = running(ctx.getBroadcastState(RUNNING));
        LimitsCore.LimitRule rule = pack.rules.get(match.ruleId());
        if (LimitsCore.fate(rule, pack.generation, match) == LimitsCore.Fate.STALE) {
            stale(match.ruleId()).inc(); // made by a definition that was replaced or removed
            return;
        }
        core.add(rule, match, ctx.timerService());
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<MatchRecord> out) throws Exception {
        Running pack = running(ctx.getBroadcastState(RUNNING));
        String id = ctx.getCurrentKey();
        core.fire(
                pack.rules.get(id),
                pack.generation,
                ctx.timerService().currentWatermark(),
                out,
                ctx.timerService(),
                stale(id));
    }

    @Override
    public void processBroadcastElement(AppliedPack applied, Context ctx, Collector<MatchRecord> out) throws Exception {
        BroadcastState<String, LivePack> state = ctx.getBroadcastState(RUNNING);
        Running before = running(state);
        LivePack pack = applied.pack();
        if (pack.generation() <= before.generation) {
            return; // another router instance's report of a pack this instance runs
        }
        state.put(LiveRouterOperator.CURRENT, pack);
        Running next = new Running(pack);
        running = next;
        // every rule with limit state here: results waiting, a full head, a tail's ring
        ctx.applyToKeyedState(LimitsCore.DONE, (id, s) -> core.update(next.rules.get(id), next.generation, stale(id)));
        ctx.applyToKeyedState(LimitsCore.SEEN, (id, s) -> core.update(next.rules.get(id), next.generation, stale(id)));
        ctx.applyToKeyedState(
                LimitsCore.PENDING, (id, s) -> core.update(next.rules.get(id), next.generation, stale(id)));
    }
}
