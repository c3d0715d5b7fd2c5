package io.eql4j.flink;

import io.eql4j.internal.plan.KeyedDriver;
import io.eql4j.runtime.RuntimeOptions;
import java.util.Comparator;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The keyed detection operator: sequences and samples, keyed by (rule, join key) ({@link RuleKey}). For each key it
 * keeps a {@link KeyedSlot} in Flink keyed state: the engine's state of that key, driven by the engine's own
 * sequence and sample runners ({@link EngineSeam#keyedDriver}), so a key gives exactly the embedded engine's results.
 *
 * <ul>
 *   <li><b>Sequences</b> need their key's events in (time, tiebreaker, arrival) order, as the embedded engine orders
 *   them. A record waits in the key's buffer until the watermark passes its time (an event-time timer at its time),
 *   then the key's due records run in that order; arrival is the record's origin (file line, or Kafka partition and
 *   offset), which is the embedded engine's arrival order for one file or partition.</li>
 *   <li><b>Time</b>: after running them, event time reaches the watermark: windows ({@code maxspan}) that ended
 *   expire and trailing missing-event verdicts whose deadline passed are decided. Another timer is set for the
 *   key's next buffered record or its next deadline; a key whose state and buffer are empty is cleared, so a key's
 *   state is gone once its windows have passed.</li>
 *   <li><b>Samples</b> take events on arrival, without time, as the embedded engine does, and deliver each sample when
 *   it is complete. A sample key keeps what it delivered, so that it never delivers it twice.</li>
 *   <li>A record behind the watermark (which the router's lateness check should have kept away) is not run: it is
 *   reported as {@link ProblemRecord.Kind#LATE} and counted.</li>
 * </ul>
 *
 * <p>The per-key work is {@link KeyedCore}'s, shared with {@link LiveKeyedDetection}; this function holds the
 * plan, the state and the timers.
 *
 * <p>Metrics, per rule (group {@code rule} with the rule's id): {@code matches}, {@code lateEvents}, and
 * {@code liveKeys}: the keys this task created less those it cleared since it started (keys restored from a
 * checkpoint are not counted until they are cleared, so after a restore it may fall below zero).
 */
final class KeyedDetection extends KeyedProcessFunction<RuleKey, RuleEvent, MatchRecord> {

    private static final long serialVersionUID = 1L;

    /** The type information of the keyed state. */
    static final TypeInformation<KeyedSlot> SLOT =
            new FlinkTypes.RecordTypeInfo<>(KeyedSlot.class, KeyedSlot.Serializer.INSTANCE);

    private final FlinkPlan plan;
    private final int maxSamplesPerKey;

    private transient KeyedDriver driver;
    private transient KeyedCore core;
    private transient Map<String, KeyedCore.KeyedRule> rules;
    private transient ValueState<KeyedSlot> slots;
    private transient Output results;

    /** The core's results as this function's output, for the current call. */
    private static final class Output implements KeyedCore.Results {
        Context ctx;
        Collector<MatchRecord> out;

        @Override
        public void match(MatchRecord match) {
            out.collect(match);
        }

        @Override
        public void limited(LimitedMatch match) {
            ctx.output(ResultLimits.RESULTS, match);
        }

        @Override
        public void problem(ProblemRecord problem) {
            ctx.output(EventRouter.PROBLEMS, problem);
        }
    }

    KeyedDetection(FlinkPlan plan, RuntimeOptions options) {
        this.plan = plan;
        this.maxSamplesPerKey = options.maxSamplesPerKey();
    }

    @Override
    public void open(OpenContext context) {
        driver = EngineSeam.keyedDriver(plan.plan(), maxSamplesPerKey);
        core = new KeyedCore(plan);
        rules = KeyedCore.rules(plan, Map.of(), id -> {
            var group = getRuntimeContext().getMetricGroup().addGroup("rule", id);
            return new KeyedCore.Counters(
                    group.counter("matches"), group.counter("lateEvents"), group.counter("liveKeys"), null);
        });
        slots = getRuntimeContext().getState(new ValueStateDescriptor<>("eql4j-key", SLOT));
        results = new Output();
    }

    private KeyedCore.Results results(Context ctx, Collector<MatchRecord> out) {
        results.ctx = ctx;
        results.out = out;
        return results;
    }

    @Override
    public void processElement(RuleEvent event, Context ctx, Collector<MatchRecord> out) throws Exception {
        KeyedCore.KeyedRule rule = rules.get(event.ruleId());
        if (rule == null) {
            throw new IllegalStateException("rule " + event.ruleId() + " is not a sequence or sample of this plan");
        }
        KeyedSlot slot = current(rule);
        boolean fresh = slot == null; // a live key once stored (a late record stores nothing)
        if (fresh) {
            slot = new KeyedSlot(rule.fingerprint());
        }
        if (rule.kind() == MatchRecord.Kind.SAMPLE) {
            if (slot.state == null) {
                slot.state = driver.newState(rule.index());
            }
            core.run(driver, rule, slot, event, results(ctx, out));
            slots.update(slot);
            if (fresh) {
                rule.counters().liveKeys().inc();
            }
            return;
        }
        long millis = core.millis(event, ctx.timestamp());
        long watermark = ctx.timerService().currentWatermark();
        if (millis <= watermark) {
            core.late(rule.rule().ruleId(), rule.counters(), event, millis, watermark, results(ctx, out));
            return;
        }
        slot.buffer.add(event);
        slots.update(slot);
        if (fresh) {
            rule.counters().liveKeys().inc();
        }
        ctx.timerService().registerEventTimeTimer(millis);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<MatchRecord> out) throws Exception {
        KeyedCore.KeyedRule rule = rules.get(ctx.getCurrentKey().ruleId());
        if (rule == null) {
            slots.clear(); // a rule the pack no longer has (restored under a changed pack): its state goes
            return;
        }
        KeyedSlot slot = current(rule);
        if (slot == null) {
            return;
        }
        long watermark = ctx.timerService().currentWatermark();
        long next = core.advance(driver, rule, slot, ctx.getCurrentKey().key(), watermark, results(ctx, out));
        if (next == KeyedCore.EMPTY) {
            slots.clear();
            rule.counters().liveKeys().dec();
            return;
        }
        slots.update(slot);
        if (next != Long.MAX_VALUE) {
            ctx.timerService().registerEventTimeTimer(next);
        }
    }

    /**
     * The current key's slot, or null. A slot of another fingerprint (restored under a pack in which the rule
     * changed) is dropped with its buffered records, whose stages were found by the old filters: the rule starts
     * empty for that key, as the embedded engine's reload starts a changed rule.
     */
    private KeyedSlot current(KeyedCore.KeyedRule rule) throws java.io.IOException {
        KeyedSlot slot = slots.value();
        if (slot != null && !slot.fingerprint.equals(rule.fingerprint())) {
            slots.clear();
            return null;
        }
        return slot;
    }

    /** The embedded engine's order: time, tiebreaker (null last), then arrival (the record's origin). */
    static final Comparator<RuleEvent> ORDER = (a, b) -> {
        int c = Long.compare(a.time(), b.time());
        if (c != 0) {
            return c;
        }
        c = EngineSeam.compareTiebreakers(a.tiebreaker(), b.tiebreaker());
        if (c != 0) {
            return c;
        }
        c = a.source().compareTo(b.source());
        if (c != 0) {
            return c;
        }
        c = Integer.compare(a.partition(), b.partition());
        return c != 0 ? c : Long.compare(a.position(), b.position());
    };
}
