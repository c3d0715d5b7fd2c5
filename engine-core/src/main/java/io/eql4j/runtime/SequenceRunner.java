package io.eql4j.runtime;

import io.eql4j.event.Event;
import io.eql4j.internal.expr.EvalContext;
import io.eql4j.internal.plan.CompiledRule;
import io.eql4j.internal.plan.JoinKey;
import io.eql4j.internal.plan.KeyExtractor;
import io.eql4j.internal.plan.PlanData;
import io.eql4j.internal.plan.ResultLimit;
import io.eql4j.internal.plan.SequenceTopology;
import io.eql4j.internal.plan.StagePlan;
import io.eql4j.runtime.SequenceState.Completed;
import io.eql4j.runtime.SequenceState.GuardedSeq;
import io.eql4j.runtime.SequenceState.KeyState;
import io.eql4j.runtime.SequenceState.PartialSeq;
import io.eql4j.runtime.SequenceState.Verdict;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Drives a sequence rule's machine (its {@link SequenceTopology}, from the plan) over its {@link SequenceState},
 * with Elasticsearch's semantics: events in event-time order advance the newest partial sequence of the previous
 * positive stage ("latest wins", older candidates are dropped), {@code maxspan} is checked from the first event to
 * each new one (inclusive), {@code until} kills the key's partial sequences, missing-event stages filter completed
 * sequences. Completed sequences are delivered in the order of their last event, then by join key.
 */
final class SequenceRunner extends RuleRunner {

    private static final long NONE = SequenceState.NONE;

    private final StagePlan[] stages;
    private final StagePlan until;
    /** The window in plan units, or -1 for none. */
    private final long maxSpan;

    private final int maxPending;
    private final int firstPositive;
    private final int lastPositive;
    private final int[] previousPositive;
    private final int[][] innerMissing;
    private final int[] leading;
    private final int[] trackerOf;
    private final boolean[] trailing;
    private final boolean hasLeading;
    private final boolean hasTrailing;
    private final boolean hasMissing;

    /** The state it drives; {@link KeyedRules} swaps in one key's state at a time. */
    SequenceState state;

    private final List<Completed> completedNow = new ArrayList<>();
    /** Set only by an explaining engine. */
    SequenceTrace trace;

    SequenceRunner(
            CompiledRule.Sequence rule, PlanData plan, MatchListener listener, int maxPending, StateBudget budget) {
        this(rule, plan, listener, maxPending, budget, rule.limit());
    }

    SequenceRunner(
            CompiledRule.Sequence rule,
            PlanData plan,
            MatchListener listener,
            int maxPending,
            StateBudget budget,
            ResultLimit limit) {
        super(rule, plan, listener, Match.Kind.SEQUENCE, limit);
        this.stages = rule.stages().toArray(StagePlan[]::new);
        this.until = rule.until().orElse(null);
        this.maxSpan = rule.maxSpan().orElse(-1);
        this.maxPending = maxPending;
        SequenceTopology topology = rule.topology();
        int n = stages.length;
        this.firstPositive = topology.firstPositive();
        this.lastPositive = topology.lastPositive();
        this.previousPositive = new int[n];
        this.innerMissing = new int[n][];
        this.trackerOf = new int[n];
        this.trailing = new boolean[n];
        for (int s = 0; s < n; s++) {
            previousPositive[s] = topology.previousPositive(s);
            innerMissing[s] = topology.innerMissing(s);
            trackerOf[s] = topology.trackerOf(s);
            trailing[s] = topology.trailing(s);
        }
        this.leading = topology.leading();
        this.hasLeading = topology.hasLeading();
        this.hasTrailing = topology.hasTrailing();
        this.hasMissing = topology.hasMissing();
        this.state = new SequenceState(n, topology.trackers(), hasMissing, budget);
    }

    @Override
    void onEvent(EvalContext ctx, Event event, long ts) {
        if (output.done()) {
            return;
        }
        Object keys = null;
        KeyExtractor keysOf = null;
        for (int s = stages.length - 1; s >= 0; s--) {
            if (!passed(s)) {
                continue;
            }
            if (stages[s].keys() != keysOf) {
                keysOf = stages[s].keys();
                keys = keysOf.extract(ctx);
            }
            if (keys instanceof List<?> many) {
                for (Object key : many) {
                    handle(s, key, event, ts);
                }
            } else if (keys != null) {
                handle(s, keys, event, ts);
            }
        }
        if (untilPassed()) {
            Object untilKeys = until.keys().extract(ctx);
            if (untilKeys instanceof List<?> many) {
                for (Object key : many) {
                    killPartials(key, event);
                }
            } else if (untilKeys != null) {
                killPartials(untilKeys, event);
            }
        }
        if (!completedNow.isEmpty()) {
            if (completedNow.size() > 1) {
                completedNow.sort((a, b) -> JoinKey.compare(a.state.key, b.state.key));
            }
            state.delivery.addAll(completedNow);
            completedNow.clear();
        }
        deliver();
    }

    private void handle(int s, Object key, Event event, long ts) {
        if (stages[s].missing()) {
            if (trackerOf[s] >= 0) {
                KeyState ks = state.state(key, ts);
                ks.missing.track(trackerOf[s], ts);
                ks.lastTouch = ts;
            }
            if (trailing[s]) {
                KeyState ks = state.keys.get(key);
                if (ks != null && ks.pending() != null) {
                    trailingEvent(ks, ts);
                }
            }
            return;
        }
        if (s == firstPositive) {
            KeyState ks = state.state(key, ts);
            Event[] events = new Event[stages.length];
            events[s] = event;
            PartialSeq seq;
            if (hasMissing) {
                long lastLeading = NONE;
                for (int t : leading) {
                    lastLeading = Math.max(lastLeading, ks.missing.latestBefore(t, ts));
                }
                seq = new GuardedSeq(events, ts, ts, lastLeading, false);
            } else {
                seq = new PartialSeq(events, ts, ts);
            }
            if (trace != null) {
                trace.started(s, key, event);
            }
            advanced(ks, s, seq, ts);
            return;
        }
        KeyState ks = state.keys.get(key);
        int p = previousPositive[s];
        PartialSeq seq = ks == null ? null : state.take(ks, p);
        if (seq == null) {
            if (trace != null) {
                trace.noCandidate(s, key, event, waitingAt(p, 5));
            }
            return;
        }
        if (maxSpan >= 0 && ts - seq.startTs > maxSpan) {
            state.expired++;
            if (trace != null) {
                trace.tooLate(s, key, seq.events.clone(), event, ts - seq.startTs);
            }
            state.cleanup(ks);
            return;
        }
        for (int t : innerMissing[s]) {
            if (ks.missing.latestBefore(t, ts) > seq.lastTs) {
                seq.doom();
            }
        }
        seq.events[s] = event;
        seq.lastTs = ts;
        if (trace != null) {
            trace.advanced(s, key, seq.events.clone(), event);
        }
        advanced(ks, s, seq, ts);
    }

    /**
     * Runs one event of one join key whose state is {@link #state} (see {@link KeyedRules}): the stages it passed
     * (ascending) and whether it passed until, as {@link #onEvent} finds them with the dispatcher and the key
     * extractors. Handled in the same order as there: stages from the last to the first, then until.
     */
    void onKeyedEvent(Object key, int[] passedStages, boolean untilPassed, Event event, long ts) {
        if (output.done()) {
            return;
        }
        for (int i = passedStages.length - 1; i >= 0; i--) {
            handle(passedStages[i], key, event, ts);
        }
        if (untilPassed) {
            killPartials(key, event);
        }
        if (!completedNow.isEmpty()) {
            state.delivery.addAll(completedNow);
            completedNow.clear();
        }
        deliver();
    }

    /**
     * The event time after which {@link #onTime} has something to do for {@link #state} (a window to expire, a
     * trailing verdict to decide): {@code onTime(now)} with {@code now} greater than it; {@link Long#MAX_VALUE} when
     * nothing waits for time.
     */
    long nextWake() {
        long wake = Long.MAX_VALUE;
        for (Completed c : state.undecidedList) {
            if (c.verdict == Verdict.PENDING) {
                wake = Math.min(wake, c.deadline);
            }
        }
        if (maxSpan >= 0) {
            for (KeyState ks : state.queue) {
                if (!ks.removed) {
                    wake = Math.min(wake, io.eql4j.internal.util.Longs.saturatedAdd(ks.queuedAt, maxSpan));
                }
            }
        }
        return wake;
    }

    /** Up to {@code max} keys with a partial sequence at stage {@code stage} (for explaining; scans the state). */
    private List<Object> waitingAt(int stage, int max) {
        List<Object> keys = new ArrayList<>();
        for (KeyState ks : state.keys.values()) {
            if (ks.slots[stage] != null && keys.size() < max) {
                keys.add(ks.key);
            }
        }
        return keys;
    }

    /** {@code seq} has just matched stage {@code s}: complete it, or keep it as the newest at that stage. */
    private void advanced(KeyState ks, int s, PartialSeq seq, long ts) {
        if (s == lastPositive) {
            complete(ks, seq);
            state.cleanup(ks);
            return;
        }
        PartialSeq older = state.put(ks, s, seq);
        if (older != null && trace != null) {
            trace.replaced(s, ks.key, older.events.clone(), seq.events[s]);
        }
        ks.lastTouch = ts;
        if (state.live > maxPending) {
            state.evict(maxPending);
        }
    }

    /**
     * Decides what can be decided now about a completed sequence (docs/notes/engine.md, "Sequences") and queues it
     * for delivery.
     */
    private void complete(KeyState ks, PartialSeq seq) {
        if (!hasMissing) {
            if (trace != null) {
                trace.completed(ks.key, seq.events);
            }
            completedNow.add(new Completed(ks, seq.events, seq.lastTs, NONE, Verdict.ACCEPTED));
            return;
        }
        if (seq.doomed()) {
            if (trace != null) {
                trace.discardedByMissingEvent(
                        ks.key,
                        seq.events,
                        "an event of an inner missing-event stage" + " happened between two of its events");
            }
            return;
        }
        Verdict verdict = Verdict.ACCEPTED;
        long deadline = NONE;
        long lh = seq.lastLeading();
        if (!hasTrailing) {
            if (hasLeading && lh != NONE && seq.lastTs - lh <= maxSpan) {
                verdict = Verdict.REJECTED;
            }
        } else if (!hasLeading || lh != NONE) {
            // the first trailing event after the last one decides: within the window it rejects
            deadline = hasLeading ? lh + maxSpan : seq.startTs + maxSpan;
            if (deadline > seq.lastTs) {
                verdict = Verdict.PENDING;
            }
        }
        if (verdict == Verdict.REJECTED) {
            if (trace != null) {
                trace.discardedByMissingEvent(
                        ks.key,
                        seq.events,
                        "an event of a leading missing-event stage" + " happened within maxspan before its last event");
            }
            return;
        }
        if (trace != null) {
            trace.completed(ks.key, seq.events);
        }
        Completed c = new Completed(ks, seq.events, seq.lastTs, deadline, verdict);
        if (verdict == Verdict.PENDING) {
            if (ks.missing.pending == null) {
                ks.missing.pending = new ArrayList<>(2);
            }
            ks.missing.pending.add(c);
            state.undecidedList.add(c);
            state.undecided++;
        }
        completedNow.add(c);
    }

    private void trailingEvent(KeyState ks, long ts) {
        for (Iterator<Completed> it = ks.missing.pending.iterator(); it.hasNext(); ) {
            Completed c = it.next();
            if (c.lastTs < ts) {
                c.verdict = ts <= c.deadline ? Verdict.REJECTED : Verdict.ACCEPTED;
                if (trace != null && c.verdict == Verdict.REJECTED) {
                    trace.discardedByMissingEvent(
                            ks.key,
                            c.events,
                            "an event of a trailing missing-event stage" + " happened within maxspan");
                }
                state.undecided--;
                it.remove();
            }
        }
        if (ks.missing.pending.isEmpty()) {
            ks.missing.pending = null;
            state.cleanup(ks);
        }
    }

    private void killPartials(Object key, Event event) {
        KeyState ks = state.keys.get(key);
        if (ks == null) {
            return;
        }
        if (trace != null && ks.live > 0) {
            trace.killedByUntil(key, event, ks.live);
        }
        state.clear(ks);
        state.cleanup(ks);
    }

    /** Delivers completed sequences in order, as far as their verdicts are known. */
    private void deliver() {
        Completed head;
        while ((head = state.delivery.peekFirst()) != null && head.verdict != Verdict.PENDING) {
            state.delivery.pollFirst();
            if (head.verdict == Verdict.ACCEPTED) {
                emit(head.events, head.state.key);
            }
        }
    }

    @Override
    void onTime(long now) {
        List<Completed> undecided = state.undecidedList;
        if (!undecided.isEmpty()) {
            for (Iterator<Completed> it = undecided.iterator(); it.hasNext(); ) {
                Completed c = it.next();
                if (c.verdict == Verdict.PENDING && c.deadline < now) {
                    c.verdict = Verdict.ACCEPTED;
                    state.undecided--;
                    c.state.missing.pending.remove(c);
                    if (c.state.missing.pending.isEmpty()) {
                        c.state.missing.pending = null;
                        state.cleanup(c.state);
                    }
                }
                if (c.verdict != Verdict.PENDING) {
                    it.remove();
                }
            }
            deliver();
        }
        if (maxSpan < 0) {
            return;
        }
        KeyState ks;
        while ((ks = state.queue.peekFirst()) != null && (ks.removed || ks.queuedAt + maxSpan < now)) {
            state.queue.pollFirst();
            if (ks.removed) {
                continue;
            }
            if (ks.lastTouch > ks.queuedAt) {
                state.enqueue(ks, ks.lastTouch);
            } else if (ks.pending() == null) {
                state.expired += ks.live;
                if (trace != null && ks.live > 0) {
                    trace.expired(ks.key, ks.live, now);
                }
                state.remove(ks);
            } else {
                state.enqueue(ks, now);
            }
        }
        state.shrink();
    }

    @Override
    void finish() {
        for (Completed c : state.undecidedList) {
            if (c.verdict == Verdict.PENDING) {
                c.verdict = Verdict.ACCEPTED;
            }
        }
        state.undecidedList.clear();
        state.undecided = 0;
        deliver();
        state.reset();
        super.finish();
    }

    /** Whether completed sequences may wait for event time (the rule has trailing missing-event stages). */
    boolean decidesLater() {
        return hasTrailing;
    }

    @Override
    long pendingSequences() {
        return state.live;
    }

    @Override
    long pendingDecisions() {
        return state.undecided;
    }

    @Override
    long expired() {
        return state.expired;
    }

    @Override
    long evicted() {
        return state.evicted;
    }

    /**
     * Time starts again (the stream's first time was abandoned): partial sequences are dropped; completed ones
     * waiting for a trailing verdict are decided as at the end of the stream and delivered, so that they do not
     * hold back the sequences completed after the restart.
     */
    @Override
    void restartTime() {
        for (Completed c : state.undecidedList) {
            if (c.verdict == Verdict.PENDING) {
                c.verdict = Verdict.ACCEPTED;
            }
        }
        state.undecidedList.clear();
        state.undecided = 0;
        deliver();
        state.reset();
    }

    @Override
    void evictTo(long max) {
        state.evict(max);
    }
}
