package io.eql4j.flink;

import io.eql4j.internal.plan.LimitedResults;
import io.eql4j.internal.util.Longs;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.util.Collector;

/**
 * The per-rule work of the result-limit operators, {@link ResultLimits} (one plan) and {@link LiveResultLimits}
 * (packs that change while the job runs), in one place: the rule's results waiting to be final, and the state of its
 * limits ({@link LimitedResults}: how many results its {@code head} took, what its {@code tail} keeps), in Flink keyed
 * state of the current key (a rule id).
 *
 * <p><b>Revisions.</b> A rule's limit state belongs to one revision of the rule ({@link LimitedMatch#revision}; 0
 * without live updates). A result of the rule's revision in the newest pack the operator knows is offered to it; a
 * result of an older revision (its rule changed or went since) is dropped and counted ({@code staleResults}); a result
 * of a newer revision than that pack waits until the pack is known. When the revision changes the limit state
 * restarts: the new definition's {@code head} counts from 0 and the old one's {@code tail} ring is dropped, as the
 * embedded engine's reload starts a changed rule's result pipeline. A kept rule keeps its revision, so its limit
 * state goes on.
 */
final class LimitsCore {

    /**
     * A limited rule of a pack.
     *
     * @param revision its revision in the pack
     * @param matches  results that passed its limits
     */
    record LimitRule(
            FlinkPlan plan,
            int index,
            Comparator<LimitedMatch> order,
            boolean sample,
            long delay,
            long revision,
            Counter matches) {}

    /** The limited rules of {@code plan} by id, with their revisions ({@code revisions}, 0 where absent). */
    static Map<String, LimitRule> rules(
            FlinkPlan plan, Map<String, Long> revisions, Function<String, Counter> matchCounters) {
        Map<String, LimitRule> rules = new HashMap<>();
        for (EngineSeam.RuleInfo r : EngineSeam.rules(plan.plan())) {
            if (r.limited()) {
                String id = r.rule().ruleId();
                MatchRecord.Kind kind = MatchRecord.Kind.valueOf(r.kind().name());
                rules.put(
                        id,
                        new LimitRule(
                                plan,
                                r.index(),
                                LimitedMatch.order(kind),
                                kind == MatchRecord.Kind.SAMPLE,
                                EngineSeam.resultDelay(plan.plan(), r.index()),
                                revisions.getOrDefault(id, 0L),
                                matchCounters.apply(id)));
            }
        }
        return rules;
    }

    static final ListStateDescriptor<LimitedMatch> PENDING =
            new ListStateDescriptor<>("eql4j-limit-pending", LimitedMatch.TYPE);
    static final ValueStateDescriptor<Long> SEEN = new ValueStateDescriptor<>("eql4j-limit-seen", Types.LONG);
    static final ValueStateDescriptor<Boolean> DONE = new ValueStateDescriptor<>("eql4j-limit-done", Types.BOOLEAN);
    /** The revision the limit state belongs to; absent for 0. */
    static final ValueStateDescriptor<Long> REVISION = new ValueStateDescriptor<>("eql4j-limit-revision", Types.LONG);

    private final ListState<LimitedMatch> pending;
    private final ValueState<Long> seen;
    private final ValueState<Boolean> done;
    private final ListState<MatchRecord> kept;
    private final ValueState<Long> revision;
    private final long nanosPerUnit;

    LimitsCore(RuntimeContext context, FlinkPlan plan) {
        pending = context.getListState(PENDING);
        seen = context.getState(SEEN);
        done = context.getState(DONE);
        kept = context.getListState(new ListStateDescriptor<>("eql4j-limit-kept", FlinkTypes.MATCH));
        revision = context.getState(REVISION);
        nanosPerUnit = plan.plan().options().timestampPrecision().nanosPerUnit();
    }

    /** What becomes of a result: see the class comment. */
    enum Fate {
        CURRENT,
        STALE,
        WAIT
    }

    /** A result's fate under {@code rule} (null: the newest pack, of {@code generation}, has no such limited rule). */
    static Fate fate(LimitRule rule, long generation, LimitedMatch m) {
        if (rule != null && m.revision() == rule.revision()) {
            return Fate.CURRENT;
        }
        return m.revision() > generation ? Fate.WAIT : Fate.STALE;
    }

    /**
     * Takes a result of the current key's rule: it waits until final, unless the rule's {@code head} of its revision
     * has all it takes (then it is dropped).
     */
    void add(LimitRule rule, LimitedMatch m, TimerService timers) throws Exception {
        if (m.revision() == revision() && Boolean.TRUE.equals(done.value())) {
            return; // its head has all it takes
        }
        pending.add(m);
        if (rule != null && m.revision() == rule.revision()) {
            timers.registerEventTimeTimer(releaseAt(rule, m));
        } else if (m.time() != RuleEvent.NO_TIME) {
            // of a pack not known here yet: look at its time, and again after it until the pack is known
            timers.registerEventTimeTimer(EqlFlink.toMillis(m.time(), nanosPerUnit));
        } else {
            timers.registerEventTimeTimer(Long.MAX_VALUE);
        }
    }

    /**
     * At a timer: offers the current key's final results of {@code rule}'s revision to its limits, in result order,
     * and passes on what they keep; drops (and counts in {@code stale}) results of older revisions.
     *
     * @param rule       the current key's rule in the newest pack, or null if it has none with limits
     * @param generation the newest pack's generation (0 without live updates)
     */
    void fire(
            LimitRule rule,
            long generation,
            long watermark,
            Collector<MatchRecord> out,
            TimerService timers,
            Counter stale)
            throws Exception {
        List<LimitedMatch> waiting = new ArrayList<>();
        List<LimitedMatch> later = new ArrayList<>(0); // of a pack not known here yet
        for (LimitedMatch m : pending.get()) {
            switch (fate(rule, generation, m)) {
                case CURRENT -> waiting.add(m);
                case WAIT -> later.add(m);
                case STALE -> stale.inc();
            }
        }
        if (!later.isEmpty() && watermark < Long.MAX_VALUE - 1) {
            timers.registerEventTimeTimer(watermark + 1); // look again when the pack may be known
        }
        if (rule == null) {
            clearLimits();
            pending.update(later);
            return;
        }
        if (revision() != rule.revision()) {
            clearLimits(); // a changed rule's limits restart
            if (rule.revision() != 0) {
                revision.update(rule.revision());
            }
        }
        waiting.sort(rule.order()); // stable: equal results keep their arrival order
        LimitedResults<MatchRecord> limits = EngineSeam.limits(rule.plan().plan(), rule.index(), m -> {
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
            pending.update(later);
            kept.clear();
            seen.clear();
            if (limits.done() && watermark != Long.MAX_VALUE) {
                done.update(true);
            } else {
                done.clear();
            }
            return;
        }
        List<LimitedMatch> rest = new ArrayList<>(waiting.subList(released, waiting.size()));
        if (!rest.isEmpty()) {
            // the next release (a result that waited for its pack has no timer at its own time yet)
            timers.registerEventTimeTimer(releaseAt(rule, rest.get(0)));
        }
        rest.addAll(later);
        pending.update(rest);
        kept.update(new ArrayList<>(limits.kept()));
        seen.update(limits.seen());
        // the end of the input must reach this rule even when no result waits for it: what a tail keeps leaves then
        timers.registerEventTimeTimer(Long.MAX_VALUE);
    }

    /**
     * A new pack for the current key's rule ({@code rule}, null if the pack has none with limits): if it changed or
     * went, results of older revisions are dropped (and counted) and its limit state is cleared now.
     */
    void update(LimitRule rule, long generation, Counter stale) throws Exception {
        long now = rule == null ? -1 : rule.revision();
        if (now == revision()) {
            return; // kept: its limits go on
        }
        List<LimitedMatch> rest = new ArrayList<>();
        for (LimitedMatch m : pending.get()) {
            if (fate(rule, generation, m) == Fate.STALE) {
                stale.inc();
            } else {
                rest.add(m);
            }
        }
        pending.update(rest);
        clearLimits();
        if (now > 0) {
            revision.update(now);
        }
    }

    private void clearLimits() {
        seen.clear();
        done.clear();
        kept.clear();
        revision.clear();
    }

    private long revision() throws Exception {
        Long r = revision.value();
        return r == null ? 0 : r;
    }

    /** The watermark (epoch milliseconds) from which a result is final. */
    private long releaseAt(LimitRule rule, LimitedMatch m) {
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
