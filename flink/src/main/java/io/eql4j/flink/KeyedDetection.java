package io.eql4j.flink;

import io.eql4j.internal.plan.KeyedDriver;
import io.eql4j.rules.Rule;
import io.eql4j.runtime.RuntimeOptions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
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
    private transient Map<String, RuleInfo> rules;
    private transient ValueState<KeyedSlot> slots;
    private transient long unitsPerMilli;
    private transient long nanosPerUnit;

    /** What this operator needs of a rule. */
    private record RuleInfo(
            int index,
            Rule rule,
            MatchRecord.Kind kind,
            String fingerprint,
            boolean limited,
            Counter matches,
            Counter late,
            Counter liveKeys) {}

    KeyedDetection(FlinkPlan plan, RuntimeOptions options) {
        this.plan = plan;
        this.maxSamplesPerKey = options.maxSamplesPerKey();
    }

    @Override
    public void open(OpenContext context) {
        driver = EngineSeam.keyedDriver(plan.plan(), maxSamplesPerKey);
        rules = new HashMap<>();
        for (EngineSeam.RuleInfo r : EngineSeam.rules(plan.plan())) {
            if (r.kind() != EngineSeam.Kind.EVENT) {
                var group = getRuntimeContext()
                        .getMetricGroup()
                        .addGroup("rule", r.rule().ruleId());
                rules.put(
                        r.rule().ruleId(),
                        new RuleInfo(
                                r.index(),
                                r.rule(),
                                MatchRecord.Kind.valueOf(r.kind().name()),
                                r.fingerprint(),
                                r.limited(),
                                group.counter("matches"),
                                group.counter("lateEvents"),
                                group.counter("liveKeys")));
            }
        }
        slots = getRuntimeContext().getState(new ValueStateDescriptor<>("eql4j-key", SLOT));
        nanosPerUnit = plan.plan().options().timestampPrecision().nanosPerUnit();
        unitsPerMilli = 1_000_000L / nanosPerUnit;
    }

    @Override
    public void processElement(RuleEvent event, Context ctx, Collector<MatchRecord> out) throws Exception {
        RuleInfo rule = rules.get(event.ruleId());
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
            run(rule, slot, event, ctx, out);
            slots.update(slot);
            if (fresh) {
                rule.liveKeys().inc();
            }
            return;
        }
        Long stamp = ctx.timestamp();
        long millis = stamp == null ? EqlFlink.toMillis(event.time(), nanosPerUnit) : stamp;
        long watermark = ctx.timerService().currentWatermark();
        if (millis <= watermark) {
            rule.late().inc();
            ctx.output(
                    EventRouter.PROBLEMS,
                    new ProblemRecord(
                            ProblemRecord.Kind.LATE,
                            event.origin(),
                            rule.rule().ruleId(),
                            "late: its time " + Instant.ofEpochMilli(millis) + " is not after the watermark "
                                    + Instant.ofEpochMilli(watermark) + " of the rule's keyed state",
                            event.event()));
            return;
        }
        slot.buffer.add(event);
        slots.update(slot);
        if (fresh) {
            rule.liveKeys().inc();
        }
        ctx.timerService().registerEventTimeTimer(millis);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<MatchRecord> out) throws Exception {
        RuleInfo rule = rules.get(ctx.getCurrentKey().ruleId());
        if (rule == null) {
            slots.clear(); // a rule the pack no longer has (restored under a changed pack): its state goes
            return;
        }
        KeyedSlot slot = current(rule);
        if (slot == null) {
            return;
        }
        JoinKeyValues key = ctx.getCurrentKey().key();
        long watermark = ctx.timerService().currentWatermark();
        List<RuleEvent> due = new ArrayList<>();
        List<RuleEvent> later = new ArrayList<>();
        for (RuleEvent e : slot.buffer) {
            (EqlFlink.toMillis(e.time(), nanosPerUnit) <= watermark ? due : later).add(e);
        }
        if (!due.isEmpty()) {
            due.sort(ORDER);
            if (slot.state == null) {
                slot.state = driver.newState(rule.index());
            }
            for (RuleEvent e : due) {
                if (e.time() > driver.nextWake(rule.index(), slot.state)) {
                    decide(rule, slot, key, e.time(), ctx, out); // as the embedded engine sweeps before an event
                }
                run(rule, slot, e, ctx, out);
            }
            slot.buffer.clear();
            slot.buffer.addAll(later);
        }
        if (slot.state != null) {
            long now = watermark == Long.MAX_VALUE ? Long.MAX_VALUE : unitsOf(watermark + 1);
            if (now > driver.nextWake(rule.index(), slot.state)) {
                decide(rule, slot, key, now, ctx, out);
            }
        }
        long next = Long.MAX_VALUE;
        for (RuleEvent e : slot.buffer) {
            next = Math.min(next, EqlFlink.toMillis(e.time(), nanosPerUnit));
        }
        if (slot.state != null) {
            long wake = driver.nextWake(rule.index(), slot.state);
            if (wake != Long.MAX_VALUE) {
                next = Math.min(next, Math.floorDiv(wake, unitsPerMilli) + 1);
            }
        }
        if (slot.buffer.isEmpty() && (slot.state == null || driver.isEmpty(rule.index(), slot.state))) {
            slots.clear();
            rule.liveKeys().dec();
            return;
        }
        slots.update(slot);
        if (next != Long.MAX_VALUE && next > watermark) {
            ctx.timerService().registerEventTimeTimer(next);
        }
    }

    /**
     * The current key's slot, or null. A slot of another fingerprint (restored under a pack in which the rule
     * changed) is dropped with its buffered records, whose stages were found by the old filters: the rule starts
     * empty for that key, as the embedded engine's reload starts a changed rule.
     */
    private KeyedSlot current(RuleInfo rule) throws java.io.IOException {
        KeyedSlot slot = slots.value();
        if (slot != null && !slot.fingerprint.equals(rule.fingerprint())) {
            slots.clear();
            return null;
        }
        return slot;
    }

    /** Plan units at the start of millisecond {@code millis}, saturating. */
    private long unitsOf(long millis) {
        long hi = Math.multiplyHigh(millis, unitsPerMilli);
        long lo = millis * unitsPerMilli;
        return (hi == 0 && lo >= 0) || (hi == -1 && lo < 0) ? lo : millis < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
    }

    private void run(RuleInfo rule, KeyedSlot slot, RuleEvent e, Context ctx, Collector<MatchRecord> out) {
        driver.onEvent(
                rule.index(),
                slot.state,
                e.stagesArray(),
                e.until(),
                // a limited sequence's events keep their place in result order (see ResultLimits)
                rule.limited() && rule.kind() == MatchRecord.Kind.SEQUENCE
                        ? new OrderedEvent(e)
                        : new EngineSeam.TextOnlyEvent(e.event()),
                e.time(),
                events -> emit(rule, e.key(), events, e, ctx, out));
    }

    private void decide(
            RuleInfo rule, KeyedSlot slot, JoinKeyValues key, long now, Context ctx, Collector<MatchRecord> out) {
        driver.onTime(rule.index(), slot.state, now, events -> emit(rule, key, events, null, ctx, out));
    }

    /**
     * One result; {@code current} is the record being run, or null when event time moved. A limited rule's result
     * goes to {@link ResultLimits} with its completing event's order: a sample's is the current record, a
     * sequence's its last event.
     */
    private void emit(
            RuleInfo rule,
            JoinKeyValues key,
            io.eql4j.event.Event[] events,
            RuleEvent current,
            Context ctx,
            Collector<MatchRecord> out) {
        List<String> texts = new ArrayList<>(events.length);
        RuleEvent completing = current;
        for (io.eql4j.event.Event e : events) {
            texts.add(e == null ? null : (String) e.source());
            if (e instanceof OrderedEvent o) {
                completing = o.record();
            }
        }
        rule.matches().inc();
        MatchRecord match = MatchRecord.of(rule.rule(), rule.kind(), key, texts);
        if (!rule.limited()) {
            out.collect(match);
        } else if (completing != null) {
            ctx.output(ResultLimits.RESULTS, LimitedMatch.of(match, completing));
        } else {
            throw new IllegalStateException(
                    "a result of the limited rule " + rule.rule().ruleId()
                            + " has no completing event in its state (state written by a version without limits?)");
        }
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
