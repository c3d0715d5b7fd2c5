package io.eql4j.runtime;

import io.eql4j.event.Event;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything one sequence rule holds on one engine, as plain data: per join key its partial sequences (one slot
 * per stage), the hits of tracked missing-event stages and the completed sequences waiting for a trailing verdict;
 * the keys in least-recently-used order (for expiry and eviction); the completed sequences waiting for delivery;
 * and the counters. {@link SequenceRunner} drives it; {@link StateCodec} writes and reads it.
 */
final class SequenceState {

    static final long NONE = Long.MIN_VALUE;

    /** What is known about a completed sequence that may still be discarded by a trailing missing event. */
    enum Verdict {
        /** It waits for a trailing missing event or for time to pass its deadline. */
        PENDING,
        /** It is delivered (when the ones before it are decided). */
        ACCEPTED,
        /** A trailing missing event came within its window: it is dropped. */
        REJECTED
    }

    /** A partial sequence: the events matched so far, by stage. Kept small: one exists per pending sequence. */
    static class PartialSeq {
        final Event[] events;
        final long startTs;
        long lastTs;

        PartialSeq(Event[] events, long startTs, long lastTs) {
            this.events = events;
            this.startTs = startTs;
            this.lastTs = lastTs;
        }

        /** The newest leading missing-stage event before the start, or {@link #NONE}. */
        long lastLeading() {
            return NONE;
        }

        /** Whether an inner missing-stage event came between two of its events (it is discarded on completion). */
        boolean doomed() {
            return false;
        }

        /** An inner missing-stage event came between two of its events. */
        void doom() {
            throw new IllegalStateException("a sequence without missing-event stages cannot be doomed");
        }
    }

    /** A partial sequence of a rule with missing-event stages. */
    static final class GuardedSeq extends PartialSeq {
        private final long lastLeading;
        private boolean doomed;

        GuardedSeq(Event[] events, long startTs, long lastTs, long lastLeading, boolean doomed) {
            super(events, startTs, lastTs);
            this.lastLeading = lastLeading;
            this.doomed = doomed;
        }

        @Override
        long lastLeading() {
            return lastLeading;
        }

        @Override
        boolean doomed() {
            return doomed;
        }

        @Override
        void doom() {
            doomed = true;
        }
    }

    /** A completed sequence waiting for delivery (and, with trailing missing stages, for its verdict). */
    static final class Completed {
        final KeyState state;
        final Event[] events;
        final long lastTs;
        final long deadline;
        Verdict verdict;

        Completed(KeyState state, Event[] events, long lastTs, long deadline, Verdict verdict) {
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

    final int stages;
    final int trackers;
    final boolean missingStages;

    Map<Object, KeyState> keys = new HashMap<>();
    /** The keys in the order they were last queued (stale entries of removed keys are skipped). */
    ArrayDeque<KeyState> queue = new ArrayDeque<>();
    /** The most keys held since the collections were last rebuilt (they do not shrink by themselves). */
    int highWater;
    /** Completed sequences in delivery order, delivered from the front as far as their verdicts are known. */
    final ArrayDeque<Completed> delivery = new ArrayDeque<>();
    /** Completed sequences whose verdict is pending, in completion order. */
    final List<Completed> undecidedList = new ArrayList<>();

    long live;
    /** The engine's count of pending state, changed with {@link #live}. */
    final StateBudget budget;

    long undecided;
    long expired;
    long evicted;

    SequenceState(int stages, int trackers, boolean missingStages, StateBudget budget) {
        this.budget = budget;
        this.stages = stages;
        this.trackers = trackers;
        this.missingStages = missingStages;
    }

    /** The key's state, created (and queued at {@code ts}) when new. */
    KeyState state(Object key, long ts) {
        KeyState ks = keys.get(key);
        if (ks == null) {
            ks = new KeyState(key, stages, trackers, missingStages);
            keys.put(key, ks);
            highWater = Math.max(highWater, keys.size());
            ks.lastTouch = ts;
            enqueue(ks, ts);
        }
        return ks;
    }

    void enqueue(KeyState ks, long at) {
        ks.queuedAt = at;
        queue.addLast(ks);
        if (queue.size() > 2 * keys.size() + 64) {
            queue.removeIf(k -> k.removed);
            queue = new ArrayDeque<>(queue); // and give back the room the removed ones took
        }
    }

    /** Puts a new partial sequence into the key's slot for stage {@code s}, replacing an older one. */
    PartialSeq put(KeyState ks, int s, PartialSeq seq) {
        PartialSeq older = ks.slots[s];
        if (older == null) {
            ks.live++;
            live++;
            budget.used++;
        }
        ks.slots[s] = seq;
        return older;
    }

    /** Takes the partial sequence out of the key's slot for stage {@code s}. */
    PartialSeq take(KeyState ks, int s) {
        PartialSeq seq = ks.slots[s];
        if (seq != null) {
            ks.slots[s] = null;
            ks.live--;
            live--;
            budget.used--;
        }
        return seq;
    }

    /** Drops every partial sequence of the key (an until event). */
    void clear(KeyState ks) {
        Arrays.fill(ks.slots, null);
        live -= ks.live;
        budget.used -= ks.live;
        ks.live = 0;
    }

    /** Forgets a key that holds nothing that can matter any more. */
    void cleanup(KeyState ks) {
        if (ks.live == 0 && ks.pending() == null && trackers == 0 && !ks.removed) {
            remove(ks);
        }
    }

    void remove(KeyState ks) {
        live -= ks.live;
        budget.used -= ks.live;
        ks.live = 0;
        ks.removed = true;
        Arrays.fill(ks.slots, null); // the queue may hold the key a while longer: not its events
        keys.remove(ks.key);
    }

    /** Drops the least recently used keys until at most {@code max} partial sequences are held. */
    void evict(long max) {
        while (live > max) {
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

    /** After a burst has expired, gives back the room the key map and queue grew to: memory returns to near zero. */
    void shrink() {
        if (highWater > 1024 && keys.size() < highWater / 4) {
            keys = new HashMap<>(keys);
            queue.removeIf(k -> k.removed);
            queue = new ArrayDeque<>(queue);
            highWater = keys.size();
        }
    }

    /** The live keys in queue order (each once), for snapshots. */
    List<KeyState> keysInQueueOrder() {
        List<KeyState> out = new ArrayList<>(keys.size());
        for (KeyState ks : queue) {
            if (!ks.removed && keys.get(ks.key) == ks) {
                out.add(ks);
            }
        }
        return out;
    }

    /** Forgets everything (the stream ended). */
    void reset() {
        keys.clear();
        queue.clear();
        budget.used -= live;
        live = 0;
    }
}
