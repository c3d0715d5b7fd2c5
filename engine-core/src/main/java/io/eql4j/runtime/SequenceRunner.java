package io.eql4j.runtime;

import io.eql4j.event.Event;
import io.eql4j.internal.expr.EvalContext;
import io.eql4j.internal.plan.CompiledRule;
import io.eql4j.internal.plan.JoinKey;
import io.eql4j.internal.plan.KeyExtractor;
import io.eql4j.internal.plan.PlanData;
import io.eql4j.internal.plan.StagePlan;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A sequence rule's state machine, per join key, with Elasticsearch's semantics (spec §6): events in event-time
 * order advance the newest partial sequence of the previous positive stage ("latest wins", older candidates are
 * dropped), {@code maxspan} is checked from the first event to each new one (inclusive), {@code until} kills the
 * key's partial sequences, missing-event stages filter completed sequences. Completed sequences are delivered in
 * the order of their last event, then by join key.
 *
 * <p>State is plain data (keys, events, timestamps), kept per join key, so that it can be checkpointed and
 * partitioned by key.
 */
final class SequenceRunner extends RuleRunner {

    private static final long NONE = Long.MIN_VALUE;
    private static final int PENDING = 0;
    private static final int ACCEPTED = 1;
    private static final int REJECTED = 2;

    /** A partial sequence: the events matched so far, by stage. Kept small: one exists per pending sequence. */
    static class PartialSeq {
        final Event[] events;
        final long startTs;
        long lastTs;

        PartialSeq(int stages, long startTs) {
            this.events = new Event[stages];
            this.startTs = startTs;
            this.lastTs = startTs;
        }
    }

    /** A partial sequence of a rule with missing-event stages, which needs more to be decided. */
    static final class GuardedSeq extends PartialSeq {
        /** The latest leading missing-stage event before the start, or NONE. */
        long lastLeading = NONE;
        /** An inner missing-stage event happened between two of its events: it will be discarded on completion. */
        boolean doomed;

        GuardedSeq(int stages, long startTs) {
            super(stages, startTs);
        }
    }

    /** A completed sequence waiting for delivery (and, with trailing missing stages, for its verdict). */
    static final class Completed {
        final KeyState state;
        final Event[] events;
        final long lastTs;
        final long deadline;
        int verdict;

        Completed(KeyState state, Event[] events, long lastTs, long deadline, int verdict) {
            this.state = state;
            this.events = events;
            this.lastTs = lastTs;
            this.deadline = deadline;
            this.verdict = verdict;
        }
    }

    /** Everything the rule holds for one join key. Kept small: one exists per key with pending sequences. */
    static final class KeyState {
        final Object key;
        /** Per stage, the newest partial sequence whose last matched stage it is. */
        final PartialSeq[] slots;
        /** For rules with missing-event stages: what they need per key; null otherwise. */
        final Missing missing;
        int live;
        long lastTouch;
        long queuedAt;
        boolean removed;

        KeyState(Object key, int stages, int trackers, boolean missingStages) {
            this.key = key;
            this.slots = new PartialSeq[stages];
            this.missing = missingStages ? new Missing(trackers) : null;
        }

        /** Completed sequences of the key that wait for a trailing missing event's verdict, or null. */
        List<Completed> pending() {
            return missing == null ? null : missing.pending;
        }
    }

    /** Per key, for missing-event stages: the hits of tracked stages, and completed sequences waiting. */
    static final class Missing {
        /** Per tracked missing stage, the newest event time and the newest one before it. */
        final long[] latest;
        final long[] previous;
        List<Completed> pending;

        Missing(int trackers) {
            this.latest = new long[trackers];
            this.previous = new long[trackers];
            Arrays.fill(latest, NONE);
            Arrays.fill(previous, NONE);
        }

        /** The newest event time of tracked stage t strictly before {@code ts}, or NONE. */
        long latestBefore(int t, long ts) {
            return latest[t] < ts ? latest[t] : previous[t];
        }

        void track(int t, long ts) {
            if (ts > latest[t]) {
                previous[t] = latest[t];
                latest[t] = ts;
            }
        }
    }

    private final StagePlan[] stages;
    private final StagePlan until;
    private final long maxSpan;
    private final int maxPending;
    private final int firstPositive;
    private final int lastPositive;
    /** Per stage: the previous positive stage, or -1. */
    private final int[] previousPositive;
    /** Per positive stage: the trackers of the missing stages between it and the previous positive stage. */
    private final int[][] innerMissing;
    /** The trackers of the leading missing stages. */
    private final int[] leading;
    /** Per stage: its tracker (leading and inner missing stages), or -1. */
    private final int[] trackerOf;
    private final boolean[] trailing;
    private final boolean hasLeading;
    private final boolean hasTrailing;
    private final boolean hasMissing;
    private final int trackers;

    private Map<Object, KeyState> states = new HashMap<>();
    private ArrayDeque<KeyState> queue = new ArrayDeque<>();
    /** The most keys held since the collections were last rebuilt (they do not shrink by themselves). */
    private int highWater;
    private final List<Completed> completedNow = new ArrayList<>();
    private final ArrayDeque<Completed> delivery = new ArrayDeque<>();
    private final List<Completed> pending = new ArrayList<>();
    /** Set only by an explaining engine. */
    SequenceTrace trace;
    private long live;
    private long undecided;
    private long expired;
    private long evicted;

    SequenceRunner(CompiledRule rule, PlanData plan, MatchListener listener, int maxPending) {
        super(rule, plan, listener, Match.Kind.SEQUENCE);
        this.stages = rule.stages().toArray(StagePlan[]::new);
        this.until = rule.until();
        this.maxSpan = rule.maxSpan();
        this.maxPending = maxPending;
        int n = stages.length;
        int first = -1;
        int last = -1;
        for (int i = 0; i < n; i++) {
            if (!stages[i].missing()) {
                if (first < 0) {
                    first = i;
                }
                last = i;
            }
        }
        this.firstPositive = first;
        this.lastPositive = last;
        this.previousPositive = new int[n];
        this.innerMissing = new int[n][];
        this.trackerOf = new int[n];
        this.trailing = new boolean[n];
        List<Integer> leadingTrackers = new ArrayList<>();
        int tracker = 0;
        int prev = -1;
        List<Integer> between = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            previousPositive[i] = prev;
            trackerOf[i] = -1;
            if (stages[i].missing()) {
                if (i < first) {
                    trackerOf[i] = tracker++;
                    leadingTrackers.add(trackerOf[i]);
                } else if (i > last) {
                    trailing[i] = true;
                } else {
                    trackerOf[i] = tracker++;
                    between.add(trackerOf[i]);
                }
            } else {
                innerMissing[i] = between.stream().mapToInt(Integer::intValue).toArray();
                between.clear();
                prev = i;
            }
        }
        this.leading = leadingTrackers.stream().mapToInt(Integer::intValue).toArray();
        this.trackers = tracker;
        this.hasLeading = leading.length > 0;
        this.hasTrailing = last < n - 1;
        this.hasMissing = Arrays.stream(stages).anyMatch(StagePlan::missing);
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
            delivery.addAll(completedNow);
            completedNow.clear();
        }
        deliver();
    }

    private void handle(int s, Object key, Event event, long ts) {
        if (stages[s].missing()) {
            if (trackerOf[s] >= 0) {
                KeyState ks = state(key, ts);
                ks.missing.track(trackerOf[s], ts);
                ks.lastTouch = ts;
            }
            if (trailing[s]) {
                KeyState ks = states.get(key);
                if (ks != null && ks.pending() != null) {
                    trailingEvent(ks, ts);
                }
            }
            return;
        }
        if (s == firstPositive) {
            KeyState ks = state(key, ts);
            PartialSeq seq;
            if (hasMissing) {
                GuardedSeq guarded = new GuardedSeq(stages.length, ts);
                for (int t : leading) {
                    guarded.lastLeading = Math.max(guarded.lastLeading, ks.missing.latestBefore(t, ts));
                }
                seq = guarded;
            } else {
                seq = new PartialSeq(stages.length, ts);
            }
            seq.events[s] = event;
            if (trace != null) {
                trace.started(s, key, event);
            }
            advanced(ks, s, seq, ts);
            return;
        }
        KeyState ks = states.get(key);
        int p = previousPositive[s];
        PartialSeq seq = ks == null ? null : ks.slots[p];
        if (seq == null) {
            if (trace != null) {
                trace.noCandidate(s, key, event, waitingAt(p, 5));
            }
            return;
        }
        ks.slots[p] = null;
        ks.live--;
        live--;
        if (maxSpan >= 0 && ts - seq.startTs > maxSpan) {
            expired++;
            if (trace != null) {
                trace.tooLate(s, key, seq.events.clone(), event, ts - seq.startTs);
            }
            cleanup(ks);
            return;
        }
        for (int t : innerMissing[s]) {
            if (ks.missing.latestBefore(t, ts) > seq.lastTs) {
                ((GuardedSeq) seq).doomed = true;
            }
        }
        seq.events[s] = event;
        seq.lastTs = ts;
        if (trace != null) {
            trace.advanced(s, key, seq.events.clone(), event);
        }
        advanced(ks, s, seq, ts);
    }

    /** Up to {@code max} keys with a partial sequence at stage {@code stage} (for explaining; scans the state). */
    private List<Object> waitingAt(int stage, int max) {
        List<Object> keys = new ArrayList<>();
        for (KeyState ks : states.values()) {
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
            cleanup(ks);
            return;
        }
        if (ks.slots[s] == null) {
            ks.live++;
            live++;
        } else if (trace != null) {
            trace.replaced(s, ks.key, ks.slots[s].events.clone(), seq.events[s]);
        }
        ks.slots[s] = seq;
        ks.lastTouch = ts;
        if (maxSpan < 0 && live > maxPending) {
            evict();
        }
    }

    /** Decides what can be decided now about a completed sequence (spec §6.5) and queues it for delivery. */
    private void complete(KeyState ks, PartialSeq seq) {
        if (!hasMissing) {
            if (trace != null) {
                trace.completed(ks.key, seq.events);
            }
            completedNow.add(new Completed(ks, seq.events, seq.lastTs, NONE, ACCEPTED));
            return;
        }
        GuardedSeq guarded = (GuardedSeq) seq;
        if (guarded.doomed) {
            if (trace != null) {
                trace.discardedByMissingEvent(ks.key, seq.events, "an event of an inner missing-event stage"
                        + " happened between two of its events");
            }
            return;
        }
        int verdict = ACCEPTED;
        long deadline = NONE;
        long lh = guarded.lastLeading;
        if (!hasTrailing) {
            if (hasLeading && lh != NONE && seq.lastTs - lh <= maxSpan) {
                verdict = REJECTED;
            }
        } else if (!hasLeading || lh != NONE) {
            // the first trailing event after the last one decides: within the window it rejects
            deadline = hasLeading ? lh + maxSpan : seq.startTs + maxSpan;
            if (deadline > seq.lastTs) {
                verdict = PENDING;
            }
        }
        if (verdict == REJECTED) {
            if (trace != null) {
                trace.discardedByMissingEvent(ks.key, seq.events, "an event of a leading missing-event stage"
                        + " happened within maxspan before its last event");
            }
            return;
        }
        if (trace != null) {
            trace.completed(ks.key, seq.events);
        }
        Completed c = new Completed(ks, seq.events, seq.lastTs, deadline, verdict);
        if (verdict == PENDING) {
            if (ks.missing.pending == null) {
                ks.missing.pending = new ArrayList<>(2);
            }
            ks.missing.pending.add(c);
            pending.add(c);
            undecided++;
        }
        completedNow.add(c);
    }

    private void trailingEvent(KeyState ks, long ts) {
        for (Iterator<Completed> it = ks.missing.pending.iterator(); it.hasNext(); ) {
            Completed c = it.next();
            if (c.lastTs < ts) {
                c.verdict = ts <= c.deadline ? REJECTED : ACCEPTED;
                if (trace != null && c.verdict == REJECTED) {
                    trace.discardedByMissingEvent(ks.key, c.events, "an event of a trailing missing-event stage"
                            + " happened within maxspan");
                }
                undecided--;
                it.remove();
            }
        }
        if (ks.missing.pending.isEmpty()) {
            ks.missing.pending = null;
            cleanup(ks);
        }
    }

    private void killPartials(Object key, Event event) {
        KeyState ks = states.get(key);
        if (ks == null) {
            return;
        }
        if (trace != null && ks.live > 0) {
            trace.killedByUntil(key, event, ks.live);
        }
        Arrays.fill(ks.slots, null);
        live -= ks.live;
        ks.live = 0;
        cleanup(ks);
    }

    /** Delivers completed sequences in order, as far as their verdicts are known. */
    private void deliver() {
        Completed head;
        while ((head = delivery.peekFirst()) != null && head.verdict != PENDING) {
            delivery.pollFirst();
            if (head.verdict == ACCEPTED) {
                emit(head.events, head.state.key);
            }
        }
    }

    private KeyState state(Object key, long ts) {
        KeyState ks = states.get(key);
        if (ks == null) {
            ks = new KeyState(key, stages.length, trackers, hasMissing);
            states.put(key, ks);
            highWater = Math.max(highWater, states.size());
            ks.lastTouch = ts;
            enqueue(ks, ts);
        }
        return ks;
    }

    private void enqueue(KeyState ks, long at) {
        ks.queuedAt = at;
        queue.addLast(ks);
        if (queue.size() > 2 * states.size() + 64) {
            queue.removeIf(k -> k.removed);
            queue = new ArrayDeque<>(queue); // and give back the room the removed ones took
        }
    }

    /** Forgets a key that holds nothing that can matter any more. */
    private void cleanup(KeyState ks) {
        if (ks.live == 0 && ks.pending() == null && trackers == 0 && !ks.removed) {
            remove(ks);
        }
    }

    private void remove(KeyState ks) {
        live -= ks.live;
        ks.live = 0;
        ks.removed = true;
        Arrays.fill(ks.slots, null); // the queue may hold the key a while longer: not its events
        states.remove(ks.key);
    }

    /** Without maxspan: drops the least recently used keys until the pending limit holds. */
    private void evict() {
        while (live > maxPending) {
            KeyState ks = queue.pollFirst();
            if (ks == null) {
                return;
            }
            if (ks.removed) {
                continue;
            }
            if (ks.lastTouch > ks.queuedAt) {
                enqueue(ks, ks.lastTouch);
                continue;
            }
            evicted += ks.live;
            remove(ks);
        }
    }

    @Override
    void onTime(long now) {
        if (!pending.isEmpty()) {
            for (Iterator<Completed> it = pending.iterator(); it.hasNext(); ) {
                Completed c = it.next();
                if (c.verdict == PENDING && c.deadline < now) {
                    c.verdict = ACCEPTED;
                    undecided--;
                    c.state.missing.pending.remove(c);
                    if (c.state.missing.pending.isEmpty()) {
                        c.state.missing.pending = null;
                        cleanup(c.state);
                    }
                }
                if (c.verdict != PENDING) {
                    it.remove();
                }
            }
            deliver();
        }
        if (maxSpan < 0) {
            return;
        }
        KeyState ks;
        while ((ks = queue.peekFirst()) != null && (ks.removed || ks.queuedAt + maxSpan < now)) {
            queue.pollFirst();
            if (ks.removed) {
                continue;
            }
            if (ks.lastTouch > ks.queuedAt) {
                enqueue(ks, ks.lastTouch);
            } else if (ks.pending() == null) {
                expired += ks.live;
                if (trace != null && ks.live > 0) {
                    trace.expired(ks.key, ks.live, now);
                }
                remove(ks);
            } else {
                enqueue(ks, now);
            }
        }
        shrink();
    }

    /** After a burst has expired, gives back the room the key map and queue grew to: memory returns to near zero. */
    private void shrink() {
        if (highWater > 1024 && states.size() < highWater / 4) {
            states = new HashMap<>(states);
            queue.removeIf(k -> k.removed);
            queue = new ArrayDeque<>(queue);
            highWater = states.size();
        }
    }

    @Override
    void finish() {
        for (Completed c : pending) {
            if (c.verdict == PENDING) {
                c.verdict = ACCEPTED;
            }
        }
        pending.clear();
        undecided = 0;
        deliver();
        states.clear();
        queue.clear();
        live = 0;
        super.finish();
    }

    /** Whether completed sequences may wait for event time (the rule has trailing missing-event stages). */
    boolean decidesLater() {
        return hasTrailing;
    }

    @Override
    long pendingSequences() {
        return live;
    }

    @Override
    long pendingDecisions() {
        return undecided;
    }

    @Override
    long expired() {
        return expired;
    }

    @Override
    long evicted() {
        return evicted;
    }
}
