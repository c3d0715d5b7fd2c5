package io.eql4j.flink;

import io.eql4j.internal.plan.KeyedDriver;
import io.eql4j.rules.Rule;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.flink.metrics.Counter;

/**
 * The per-key work of the keyed detection operators, {@link KeyedDetection} (one plan) and
 * {@link LiveKeyedDetection} (packs that change while the job runs), in one place: what a key's records do to its
 * {@link KeyedSlot} and what comes out. It knows nothing of Flink's state or timers: the operators read and write the
 * slot, register the timers it asks for, and route its results ({@link Results}).
 *
 * <ul>
 *   <li>{@link #late}: a record behind the watermark, as a problem, counted;</li>
 *   <li>{@link #run}: one record through the engine (a sample's on arrival; a sequence's once due);</li>
 *   <li>{@link #advance}: at a timer, the key's due records in {@link KeyedDetection#ORDER}, each after the sweep
 *   the embedded engine makes before an event, then the sweep at the watermark; it says when the next timer is due,
 *   or that the key is empty and its slot can go.</li>
 * </ul>
 *
 * A limited rule's results go to {@link Results#limited} as {@link LimitedMatch} with their completing event's order
 * and the rule's revision; the others to {@link Results#match}.
 */
final class KeyedCore {

    /** {@link #advance}'s answer when the key holds nothing any more: its slot can be cleared. */
    static final long EMPTY = Long.MIN_VALUE;

    /** Where a key's results go. */
    interface Results {
        /** A result of a rule without limits. */
        void match(MatchRecord match);

        /** A result of a rule with {@code head}, {@code tail} or a size limit, for {@link ResultLimits}. */
        void limited(LimitedMatch match);

        /** A record behind the watermark. */
        void problem(ProblemRecord problem);
    }

    /** A rule's metrics, kept by rule id (across packs in a live job). */
    record Counters(Counter matches, Counter late, Counter liveKeys, Counter stale) {}

    /**
     * What the keyed operators need of a sequence or sample rule.
     *
     * @param revision the rule's revision in its pack (0 without live updates; see {@link LivePack})
     */
    record KeyedRule(
            int index,
            Rule rule,
            MatchRecord.Kind kind,
            String fingerprint,
            boolean limited,
            long revision,
            Counters counters) {}

    private final long nanosPerUnit;
    private final long unitsPerMilli;

    KeyedCore(FlinkPlan plan) {
        nanosPerUnit = plan.plan().options().timestampPrecision().nanosPerUnit();
        unitsPerMilli = 1_000_000L / nanosPerUnit;
    }

    /** The sequences and samples of {@code plan} by rule id, with their revisions and counters. */
    static Map<String, KeyedRule> rules(
            FlinkPlan plan, Map<String, Long> revisions, Function<String, Counters> counters) {
        Map<String, KeyedRule> rules = new HashMap<>();
        for (EngineSeam.RuleInfo r : EngineSeam.rules(plan.plan())) {
            if (r.kind() != EngineSeam.Kind.EVENT) {
                String id = r.rule().ruleId();
                rules.put(
                        id,
                        new KeyedRule(
                                r.index(),
                                r.rule(),
                                MatchRecord.Kind.valueOf(r.kind().name()),
                                r.fingerprint(),
                                r.limited(),
                                revisions.getOrDefault(id, 0L),
                                counters.apply(id)));
            }
        }
        return rules;
    }

    /** A record's event time in epoch milliseconds: its Flink timestamp, or its time in plan units converted. */
    long millis(RuleEvent event, Long stamp) {
        return stamp == null ? EqlFlink.toMillis(event.time(), nanosPerUnit) : stamp;
    }

    /** A record at {@code millis}, not after the {@code watermark}: counted for its rule and reported. */
    void late(String ruleId, Counters counters, RuleEvent event, long millis, long watermark, Results out) {
        counters.late().inc();
        out.problem(new ProblemRecord(
                ProblemRecord.Kind.LATE,
                event.origin(),
                ruleId,
                "late: its time " + Instant.ofEpochMilli(millis) + " is not after the watermark "
                        + Instant.ofEpochMilli(watermark) + " of the rule's keyed state",
                event.event()));
    }

    /**
     * At a timer: runs the slot's records due at {@code watermark} in order, then lets event time reach the
     * watermark. Leaves the slot's buffer with the records not yet due.
     *
     * @return {@link #EMPTY} when the key holds nothing any more (the caller clears its slot and counts it), else
     *     the time of the next timer the key needs (epoch milliseconds, after the watermark), or
     *     {@link Long#MAX_VALUE} for none
     */
    long advance(KeyedDriver driver, KeyedRule rule, KeyedSlot slot, JoinKeyValues key, long watermark, Results out) {
        List<RuleEvent> due = new ArrayList<>();
        List<RuleEvent> later = new ArrayList<>();
        for (RuleEvent e : slot.buffer) {
            (EqlFlink.toMillis(e.time(), nanosPerUnit) <= watermark ? due : later).add(e);
        }
        if (!due.isEmpty()) {
            due.sort(KeyedDetection.ORDER);
            if (slot.state == null) {
                slot.state = driver.newState(rule.index());
            }
            for (RuleEvent e : due) {
                if (e.time() > driver.nextWake(rule.index(), slot.state)) {
                    decide(driver, rule, slot, key, e.time(), out); // as the embedded engine sweeps before an event
                }
                run(driver, rule, slot, e, out);
            }
            slot.buffer.clear();
            slot.buffer.addAll(later);
        }
        if (slot.state != null) {
            long now = watermark == Long.MAX_VALUE ? Long.MAX_VALUE : unitsOf(watermark + 1);
            if (now > driver.nextWake(rule.index(), slot.state)) {
                decide(driver, rule, slot, key, now, out);
            }
        }
        if (slot.buffer.isEmpty() && (slot.state == null || driver.isEmpty(rule.index(), slot.state))) {
            return EMPTY;
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
        return next > watermark ? next : Long.MAX_VALUE;
    }

    /** Plan units at the start of millisecond {@code millis}, saturating. */
    private long unitsOf(long millis) {
        long hi = Math.multiplyHigh(millis, unitsPerMilli);
        long lo = millis * unitsPerMilli;
        return (hi == 0 && lo >= 0) || (hi == -1 && lo < 0) ? lo : millis < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
    }

    /** Runs one record through the key's engine state (which must exist). */
    void run(KeyedDriver driver, KeyedRule rule, KeyedSlot slot, RuleEvent e, Results out) {
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
                events -> emit(rule, e.key(), events, e, out));
    }

    private void decide(KeyedDriver driver, KeyedRule rule, KeyedSlot slot, JoinKeyValues key, long now, Results out) {
        driver.onTime(rule.index(), slot.state, now, events -> emit(rule, key, events, null, out));
    }

    /**
     * One result; {@code current} is the record being run, or null when event time moved. A limited rule's result
     * goes to {@link ResultLimits} with its completing event's order: a sample's is the current record, a
     * sequence's its last event.
     */
    private static void emit(
            KeyedRule rule, JoinKeyValues key, io.eql4j.event.Event[] events, RuleEvent current, Results out) {
        List<String> texts = new ArrayList<>(events.length);
        RuleEvent completing = current;
        for (io.eql4j.event.Event e : events) {
            texts.add(e == null ? null : (String) e.source());
            if (e instanceof OrderedEvent o) {
                completing = o.record();
            }
        }
        rule.counters().matches().inc();
        MatchRecord match = MatchRecord.of(rule.rule(), rule.kind(), key, texts);
        if (!rule.limited()) {
            out.match(match);
        } else if (completing != null) {
            out.limited(LimitedMatch.of(match, completing, rule.revision()));
        } else {
            throw new IllegalStateException(
                    "a result of the limited rule " + rule.rule().ruleId()
                            + " has no completing event in its state (state written by a version without limits?)");
        }
    }
}
