package io.eql4j.flink;

import io.eql4j.internal.plan.KeyedDriver;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.co.BaseBroadcastProcessFunction;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * The keyed detection operator of a job with a rule-update input: {@link KeyedDetection}'s work (sequences and samples
 * per (rule, join key), in event-time order, with timers for windows; see there), under rule packs that change while
 * it runs. Its broadcast input is the packs the router instances switched to ({@link AppliedPack}); the running pack
 * is in broadcast state, so that a restart from a checkpoint keeps it.
 *
 * <p><b>Which definition runs a record.</b> Each record carries its rule's <em>revision</em> in the pack its router
 * used (see {@link LivePack}). This operator runs every key under the newest pack it knows, and a record only if its
 * revision is its rule's revision there, i.e. if the router's definition of the rule is the one that runs:
 *
 * <ul>
 *   <li>the same revision: the record runs (a rule the update kept has the same revision before and after, so
 *   records from routers on either side of the switch run together, and its partial sequences are kept);</li>
 *   <li>an older revision (or a rule the newest pack does not have): the record was routed with a definition that was
 *   replaced; it is not run, and counted ({@code staleEvents});</li>
 *   <li>a newer revision than this operator's newest pack (its router switched first): the record waits, in keyed
 *   state, until the pack arrives. The router sent the pack on the pack input before the record, and its watermarks
 *   after both, so a waiting sequence record runs no later than the timer at its time would have run it.</li>
 * </ul>
 *
 * <p><b>A new pack</b> clears, when it arrives, the state of every key whose rule it removed or changed (over all keys
 * of this instance, {@code applyToKeyedState}): removed rules' state does not wait for a key's next timer. Changed
 * and added rules start empty; kept rules keep their state.
 *
 * <p>The per-key work (slots, order, sweeps, timers, results) is {@link KeyedCore}'s, shared with
 * {@link KeyedDetection}. A rule with {@code head}, {@code tail} or a size limit sends its results to
 * {@link ResultLimits#RESULTS} with its revision, for {@link ResultLimits}.
 *
 * <p>Metrics, per rule: {@code matches}, {@code lateEvents}, {@code liveKeys} as {@link KeyedDetection}'s, and
 * {@code staleEvents}.
 */
final class LiveKeyedDetection extends KeyedBroadcastProcessFunction<RuleKey, RuleEvent, AppliedPack, MatchRecord> {

    private static final long serialVersionUID = 1L;

    /** The running pack (one entry, {@link LiveRouterOperator#CURRENT}). */
    static final MapStateDescriptor<String, LivePack> RUNNING =
            new MapStateDescriptor<>("eql4j-keyed-pack", Types.STRING, LiveTypes.PACK);
    /** Per key: the engine's state and the records waiting for the watermark (as {@link KeyedDetection}'s). */
    static final ValueStateDescriptor<KeyedSlot> SLOTS = new ValueStateDescriptor<>("eql4j-key", KeyedDetection.SLOT);
    /** Per key: records routed with a pack this instance does not know yet. */
    static final ListStateDescriptor<RuleEvent> WAITING =
            new ListStateDescriptor<>("eql4j-waiting-for-pack", LiveTypes.LIVE_RULE_EVENT);

    private final LivePack initial;
    private final int maxSamplesPerKey;

    private transient Compiled running;
    private transient boolean restoreChecked;
    private transient Map<String, KeyedCore.Counters> counters;
    private transient ValueState<KeyedSlot> slots;
    private transient ListState<RuleEvent> waiting;
    private transient KeyedCore core;
    private transient Output results;

    /** A pack compiled for this operator. */
    private final class Compiled {
        final long generation;
        final KeyedDriver driver;
        final Map<String, KeyedCore.KeyedRule> rules;

        Compiled(LivePack pack) {
            generation = pack.generation();
            driver = EngineSeam.keyedDriver(pack.plan().plan(), maxSamplesPerKey);
            rules = KeyedCore.rules(pack.plan(), pack.revisions(), LiveKeyedDetection.this::counters);
        }
    }

    /** The core's results as this function's outputs, for the current call (one of the two contexts is set). */
    private static final class Output implements KeyedCore.Results {
        BaseBroadcastProcessFunction.ReadOnlyContext keyed;
        Context broadcast;
        Collector<MatchRecord> out;

        Output set(BaseBroadcastProcessFunction.ReadOnlyContext ctx, Collector<MatchRecord> collector) {
            keyed = ctx;
            broadcast = null;
            out = collector;
            return this;
        }

        Output set(Context ctx, Collector<MatchRecord> collector) {
            keyed = null;
            broadcast = ctx;
            out = collector;
            return this;
        }

        private <X> void side(OutputTag<X> tag, X value) {
            if (keyed != null) {
                keyed.output(tag, value);
            } else {
                broadcast.output(tag, value);
            }
        }

        @Override
        public void match(MatchRecord match) {
            out.collect(match);
        }

        @Override
        public void limited(LimitedMatch match) {
            side(ResultLimits.RESULTS, match);
        }

        @Override
        public void problem(ProblemRecord problem) {
            side(EventRouter.PROBLEMS, problem);
        }
    }

    LiveKeyedDetection(LivePack initial, int maxSamplesPerKey) {
        this.initial = initial;
        this.maxSamplesPerKey = maxSamplesPerKey;
    }

    @Override
    public void open(OpenContext context) {
        counters = new HashMap<>();
        slots = getRuntimeContext().getState(SLOTS);
        waiting = getRuntimeContext().getListState(WAITING);
        core = new KeyedCore(initial.plan());
        results = new Output();
        running = new Compiled(initial);
    }

    private KeyedCore.Counters counters(String ruleId) {
        return counters.computeIfAbsent(ruleId, id -> {
            var group = getRuntimeContext().getMetricGroup().addGroup("rule", id);
            return new KeyedCore.Counters(
                    group.counter("matches"),
                    group.counter("lateEvents"),
                    group.counter("liveKeys"),
                    group.counter("staleEvents"));
        });
    }

    /** The newest pack this instance knows: after a restore, the one in broadcast state. */
    private Compiled running(ReadOnlyBroadcastState<String, LivePack> state) throws Exception {
        if (!restoreChecked) {
            restoreChecked = true;
            LivePack restored = state.get(LiveRouterOperator.CURRENT);
            if (restored != null && restored.generation() > running.generation) {
                running = new Compiled(restored);
            }
        }
        return running;
    }

    @Override
    public void processElement(RuleEvent event, ReadOnlyContext ctx, Collector<MatchRecord> out) throws Exception {
        Compiled pack = running(ctx.getBroadcastState(RUNNING));
        KeyedCore.KeyedRule rule = pack.rules.get(event.ruleId());
        boolean current = rule != null && rule.revision() == event.revision();
        if (!current && event.revision() <= pack.generation) {
            counters(event.ruleId()).stale().inc(); // routed with a definition that was replaced or removed
            return;
        }
        if (event.time() != RuleEvent.NO_TIME) {
            long millis = core.millis(event, ctx.timestamp());
            long watermark = ctx.timerService().currentWatermark();
            if (millis <= watermark) {
                core.late(event.ruleId(), counters(event.ruleId()), event, millis, watermark, results.set(ctx, out));
                return;
            }
            ctx.timerService().registerEventTimeTimer(millis);
        }
        if (current) {
            admit(pack, rule, event, results.set(ctx, out));
        } else {
            waiting.add(event); // its router runs a newer pack than this instance knows yet
        }
    }

    /**
     * Takes a record of the running definition: a sample's runs at once, a sequence's waits in the key's buffer for
     * the timer at its time (registered by the caller).
     */
    private void admit(Compiled pack, KeyedCore.KeyedRule rule, RuleEvent event, Output out) throws Exception {
        KeyedSlot slot = slot(rule);
        if (rule.kind() == MatchRecord.Kind.SAMPLE) {
            if (slot.state == null) {
                slot.state = pack.driver.newState(rule.index());
            }
            core.run(pack.driver, rule, slot, event, out);
        } else {
            slot.buffer.add(event);
        }
        slots.update(slot);
    }

    /**
     * The current key's slot, new if there is none. A slot of another fingerprint (restored from a savepoint under a
     * pack in which the rule changed) is dropped with its buffered records: the rule starts empty for that key.
     */
    private KeyedSlot slot(KeyedCore.KeyedRule rule) throws Exception {
        KeyedSlot slot = slots.value();
        if (slot != null && !slot.fingerprint.equals(rule.fingerprint())) {
            slots.clear();
            slot = null;
        }
        if (slot == null) {
            slot = new KeyedSlot(rule.fingerprint());
            rule.counters().liveKeys().inc();
        }
        return slot;
    }

    /** Admits the current key's waiting records that {@code pack} runs; keeps those of a newer one waiting. */
    private boolean release(Compiled pack, Output out) throws Exception {
        List<RuleEvent> still = new ArrayList<>();
        boolean any = false;
        for (RuleEvent e : waiting.get()) {
            any = true;
            KeyedCore.KeyedRule rule = pack.rules.get(e.ruleId());
            if (rule != null && rule.revision() == e.revision()) {
                admit(pack, rule, e, out);
            } else if (e.revision() > pack.generation) {
                still.add(e);
            } else {
                counters(e.ruleId()).stale().inc();
            }
        }
        if (any) {
            waiting.update(still);
        }
        return !still.isEmpty();
    }

    @Override
    public void processBroadcastElement(AppliedPack applied, Context ctx, Collector<MatchRecord> out) throws Exception {
        BroadcastState<String, LivePack> state = ctx.getBroadcastState(RUNNING);
        Compiled before = running(state);
        LivePack pack = applied.pack();
        if (pack.generation() <= before.generation) {
            return; // another router instance's report of a pack this instance runs
        }
        state.put(LiveRouterOperator.CURRENT, pack);
        Compiled next = new Compiled(pack);
        running = next;
        ctx.applyToKeyedState(SLOTS, (key, slot) -> {
            KeyedSlot s = slot.value();
            KeyedCore.KeyedRule rule = next.rules.get(key.ruleId());
            if (s != null && (rule == null || !s.fingerprint.equals(rule.fingerprint()))) {
                slot.clear(); // a removed or changed rule: its state goes now
                counters(key.ruleId()).liveKeys().dec();
            }
        });
        Output results = this.results.set(ctx, out);
        ctx.applyToKeyedState(WAITING, (key, list) -> release(next, results));
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<MatchRecord> out) throws Exception {
        Compiled pack = running(ctx.getBroadcastState(RUNNING));
        TimerService timers = ctx.timerService();
        long watermark = timers.currentWatermark();
        Output results = this.results.set(ctx, out);
        if (release(pack, results) && watermark < Long.MAX_VALUE - 1) {
            timers.registerEventTimeTimer(watermark + 1); // still waiting for its pack: look again later
        }
        KeyedCore.KeyedRule rule = pack.rules.get(ctx.getCurrentKey().ruleId());
        if (rule == null) {
            slots.clear(); // a rule the pack no longer has: its state goes
            return;
        }
        KeyedSlot slot = slots.value();
        if (slot == null) {
            return;
        }
        if (!slot.fingerprint.equals(rule.fingerprint())) {
            slots.clear();
            return;
        }
        long next = core.advance(pack.driver, rule, slot, ctx.getCurrentKey().key(), watermark, results);
        if (next == KeyedCore.EMPTY) {
            slots.clear();
            rule.counters().liveKeys().dec();
            return;
        }
        slots.update(slot);
        if (next != Long.MAX_VALUE) {
            timers.registerEventTimeTimer(next);
        }
    }
}
