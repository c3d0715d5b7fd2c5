package io.eql4j.runtime;

import io.eql4j.event.Event;
import io.eql4j.internal.expr.Values;
import io.eql4j.internal.util.Longs;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Event time for one engine: puts the events some filter accepted into Elasticsearch's order (timestamp,
 * tiebreaker, arrival) within the allowed lateness, and says when time has moved far enough for windows to be
 * swept. It knows nothing of rules: the engine offers each accepted event, evaluates those the clock lets through,
 * and drains the reorder buffer as the watermark rises.
 *
 * <p>Times are in plan units. The watermark is the newest time seen minus the allowed lateness: an event at or
 * below it is evaluated, never an event that sorts before one already evaluated (that one is late). Its state is
 * plain data, written whole into a snapshot.
 */
final class EventClock {

    /** An event waiting for its turn, with the ids of the filters it passed when it arrived. */
    record Buffered(Event event, long ts, Object tiebreaker, long number, int[] passed) {}

    /** What to do with an event some filter accepted. */
    enum Admission {
        /** Evaluate it now: it is in order and nothing waits before it. */
        NOW,
        /** Hold it in the reorder buffer ({@link #hold}), then evaluate what {@link #nextDue} releases. */
        HOLD,
        /** It sorts before an event already evaluated: report it, do not evaluate it. */
        LATE
    }

    /** One in {@code TIME_SAMPLE + 1} of the events no filter accepts is read for its time. */
    static final long TIME_SAMPLE = 63;

    /**
     * The most entries held for a jump in time (waiting and set apart together); beyond it the oldest is dropped (and
     * reported by the engine).
     */
    static final int MAX_UNCONFIRMED = 1024;

    private final long lateness;
    private final long sweepEvery;
    /** How far one event may move the newest time (plan units; the larger of the bound and the lateness). */
    private final long maxJump;

    private final int confirmations;
    /**
     * Entries whose time is beyond {@link #maxJump} of the newest time, in arrival order, waiting for the stream to
     * confirm it: accepted events, and times read from events no filter accepted (with a null event). Nothing the
     * stream did since they arrived contradicts them, so evaluating them later in arrival order changes no result.
     */
    final List<Buffered> unconfirmed = new ArrayList<>();

    /**
     * Entries held for a jump in time that the stream contradicted (an event evaluated after them is more than the
     * allowed lateness before their time), and events buffered at a first time that was abandoned, in arrival order:
     * set apart, they confirm nothing and are confirmed by nothing; they are taken when event time comes within the
     * bound of theirs, or at the end of the stream.
     */
    final List<Buffered> isolated = new ArrayList<>();

    /**
     * At most the earliest time held in {@link #unconfirmed} and {@link #isolated} (exact after each take), so that
     * the engine can ask after every event whether a held entry came within the bound without scanning them.
     */
    private long earliestHeld = Long.MIN_VALUE;

    private final PriorityQueue<Buffered> buffer = new PriorityQueue<>(EventClock::compare);

    long maxTs = Long.MIN_VALUE;
    long watermark = Long.MIN_VALUE;
    long nextSweep = Long.MIN_VALUE;
    long lastTs = Long.MIN_VALUE;
    Object lastTiebreaker;
    long lastNumber;
    /** Events that no filter accepted, counted for time sampling. */
    long skipped;
    /** Whether the stream's time was set by its first events and not yet confirmed (see {@link #support}). */
    boolean provisional;
    /** Times near the provisional time read since it was set. */
    long support;

    /**
     * @param lateness   the allowed lateness in plan units (saturated: {@link Long#MAX_VALUE} for unbounded)
     * @param sweepEvery how much event time passes between sweeps of expired state ({@link Long#MAX_VALUE}: never)
     */
    EventClock(long lateness, long sweepEvery) {
        this(lateness, sweepEvery, Long.MAX_VALUE, 1);
    }

    /**
     * @param maxJump       how far one event may move the newest time, in plan units ({@link Long#MAX_VALUE}: any
     *                      distance); a jump within the lateness is always allowed
     * @param confirmations how many further events near a held time confirm it
     */
    EventClock(long lateness, long sweepEvery, long maxJump, int confirmations) {
        if (lateness < 0 || sweepEvery < 1 || maxJump < 1 || confirmations < 1) {
            throw new IllegalArgumentException("lateness " + lateness + ", sweep every " + sweepEvery + ", jump "
                    + maxJump + ", confirmations " + confirmations);
        }
        this.lateness = lateness;
        this.sweepEvery = sweepEvery;
        this.maxJump = Math.max(maxJump, lateness);
        this.confirmations = confirmations;
    }

    /**
     * Whether an event at {@code ts} may move event time: the bound is off, or the stream has a time and
     * {@code ts} is at most the bound ahead of it. The stream's first time is not trusted until confirmed.
     */
    boolean withinBound(long ts) {
        return maxJump == Long.MAX_VALUE || maxTs == Long.MIN_VALUE || ts <= Longs.saturatedAdd(maxTs, maxJump);
    }

    /**
     * Whether {@code ts} is further behind a provisional time than the bound: while the stream's first time is not
     * confirmed, such an event is held, not late, as evidence that the first time was wrong.
     */
    boolean farBehind(long ts) {
        return provisional && ts < Longs.saturatedSubtract(maxTs, maxJump);
    }

    /** Whether the stream has a time (from an event, or from {@link EqlEngine#advanceTo}). */
    boolean started() {
        return maxTs != Long.MIN_VALUE;
    }

    /** Whether the stream's time is provisional: set by its first events, not yet confirmed by enough others. */
    boolean provisional() {
        return provisional;
    }

    /**
     * A time read from the stream, within the bound, about to move event time: the stream's first time makes time
     * provisional (when the bound is on), and each further time near it confirms it.
     */
    void support(long ts) {
        if (maxJump == Long.MAX_VALUE) {
            return;
        }
        if (maxTs == Long.MIN_VALUE) {
            provisional = true;
            support = 0;
        } else if (provisional && near(ts, maxTs) && ++support >= confirmations) {
            provisional = false;
        }
    }

    /** Event time was given by the caller ({@link EqlEngine#advanceTo}): it is no longer provisional. */
    void trust() {
        provisional = false;
    }

    /**
     * The stream's provisional time was contradicted by enough events far behind it: time starts again. The
     * events waiting in the reorder buffer (near the abandoned time) are set apart ({@link #isolated}).
     */
    void restart() {
        earliestHeld = Long.MIN_VALUE; // unknown: found again by the next take
        isolated.addAll(buffer);
        buffer.clear();
        isolated.sort(java.util.Comparator.comparingLong(Buffered::number));
        maxTs = Long.MIN_VALUE;
        watermark = Long.MIN_VALUE;
        nextSweep = Long.MIN_VALUE;
        lastTs = Long.MIN_VALUE;
        lastTiebreaker = null;
        lastNumber = 0;
        provisional = false;
        support = 0;
    }

    /**
     * The oldest waiting entry whose time the stream has confirmed, or null: at least {@code confirmations} waiting
     * entries arrived after it at or after its time less the bound (near it, or further on), so the stream has
     * gone on from its time. Only entries beyond the bound count: an event within the bound of the newest time says
     * the stream is still there.
     */
    Buffered confirmed() {
        for (int i = 0, n = unconfirmed.size(); i + confirmations < n; i++) {
            long from = Longs.saturatedSubtract(unconfirmed.get(i).ts(), maxJump);
            int count = 0;
            for (int j = i + 1; j < n; j++) {
                if (unconfirmed.get(j).ts() >= from && ++count >= confirmations) {
                    return unconfirmed.get(i);
                }
            }
        }
        return null;
    }

    /**
     * Removes and returns, in arrival order, what a confirmed entry takes with it: the waiting entries within the
     * bound of its time once it is the newest (itself among them).
     */
    List<Buffered> takeConfirmed(Buffered confirmed) {
        long limit = Longs.saturatedAdd(confirmed.ts(), maxJump);
        return take(unconfirmed, b -> b.ts() <= limit);
    }

    /** Whether entries wait for the stream to confirm their time (set-apart entries do not count). */
    boolean awaitingConfirmation() {
        return !unconfirmed.isEmpty();
    }

    /**
     * Event {@code number} at {@code ts} is evaluated while entries wait for confirmation: those that arrived before
     * it more than the allowed lateness after its time are contradicted (had they moved time, it would have been
     * late), and are set apart. Returns them, in arrival order.
     */
    List<Buffered> contradictedBy(long ts, long number) {
        if (unconfirmed.isEmpty()) {
            return List.of();
        }
        long limit = Longs.saturatedAdd(ts, lateness);
        List<Buffered> out = take(unconfirmed, b -> b.number() < number && b.ts() > limit);
        if (!out.isEmpty()) {
            isolated.addAll(out);
            isolated.sort(java.util.Comparator.comparingLong(Buffered::number));
        }
        return out;
    }

    private boolean near(long a, long b) {
        return (a > b ? Longs.saturatedSubtract(a, b) : Longs.saturatedSubtract(b, a)) <= maxJump;
    }

    /**
     * Holds an entry beyond the bound, waiting for confirmation; returns the oldest held entry (waiting or set
     * apart) dropped to make room, or null.
     */
    Buffered holdUnconfirmed(Buffered entry) {
        unconfirmed.add(entry);
        earliestHeld = Math.min(earliestHeld, entry.ts());
        if (unconfirmed.size() + isolated.size() <= MAX_UNCONFIRMED) {
            return null;
        }
        if (isolated.isEmpty()
                || (!unconfirmed.isEmpty()
                        && unconfirmed.get(0).number() < isolated.get(0).number())) {
            return unconfirmed.remove(0);
        }
        return isolated.remove(0);
    }

    /** Whether entries are held for a jump in time, waiting or set apart. */
    boolean holding() {
        return !unconfirmed.isEmpty() || !isolated.isEmpty();
    }

    /**
     * Removes and returns the held entries now within the bound: those waiting in arrival order, then those set
     * apart in time order.
     */
    List<Buffered> takeWithinBound() {
        if (!holding() || (earliestHeld > Longs.saturatedAdd(maxTs, maxJump) && maxTs != Long.MIN_VALUE)) {
            return List.of(); // the common case while something is held: nothing has come within the bound
        }
        return takeHeld(b -> withinBound(b.ts()));
    }

    /** Removes and returns the held entries at or before {@code ts}, in the order of {@link #takeWithinBound}. */
    List<Buffered> takeUpTo(long ts) {
        return takeHeld(b -> b.ts() <= ts);
    }

    /**
     * Removes and returns the held entry (waiting or set apart) that sorts first (time, tiebreaker, arrival), or
     * null: at the end of the stream nothing more can confirm a jump, and the held entries are taken in time order,
     * so that one far ahead does not make those after it late.
     */
    Buffered takeEarliestHeld() {
        List<Buffered> from = null;
        int first = -1;
        for (List<Buffered> list : List.of(unconfirmed, isolated)) {
            for (int i = 0; i < list.size(); i++) {
                if (from == null || compare(list.get(i), from.get(first)) < 0) {
                    from = list;
                    first = i;
                }
            }
        }
        return from == null ? null : from.remove(first);
    }

    /**
     * Those waiting in arrival order (the order they would have had without the bound), then those the stream
     * contradicted in time order (so that one of them does not make the others late).
     */
    private List<Buffered> takeHeld(java.util.function.Predicate<Buffered> which) {
        List<Buffered> out = take(unconfirmed, which);
        List<Buffered> apart = take(isolated, which);
        apart.sort(EventClock::compare);
        out.addAll(apart);
        long earliest = Long.MAX_VALUE;
        for (List<Buffered> list : List.of(unconfirmed, isolated)) {
            for (Buffered b : list) {
                earliest = Math.min(earliest, b.ts());
            }
        }
        earliestHeld = earliest;
        return out;
    }

    private static List<Buffered> take(List<Buffered> from, java.util.function.Predicate<Buffered> which) {
        List<Buffered> out = new ArrayList<>();
        for (java.util.Iterator<Buffered> it = from.iterator(); it.hasNext(); ) {
            Buffered b = it.next();
            if (which.test(b)) {
                out.add(b);
                it.remove();
            }
        }
        return out;
    }

    /** The events held for a jump in time, waiting or set apart (not the times of events no filter accepted). */
    int heldForJump() {
        int n = 0;
        for (List<Buffered> list : List.of(unconfirmed, isolated)) {
            for (Buffered b : list) {
                if (b.event() != null) {
                    n++;
                }
            }
        }
        return n;
    }

    /**
     * An event no filter accepted has arrived, and neither buffered events nor decisions wait for time: whether to
     * read its time anyway, which is true for one in {@code TIME_SAMPLE + 1} such events.
     */
    boolean sampleSkipped() {
        return (++skipped & TIME_SAMPLE) == 0;
    }

    /** An accepted event at {@code ts}: whether it is evaluated now, held, or late. Moves the newest time. */
    Admission offer(long ts, Object tiebreaker, long number) {
        if (ts < watermark || compare(ts, tiebreaker, number, lastTs, lastTiebreaker, lastNumber) < 0) {
            return Admission.LATE;
        }
        if (ts > maxTs) {
            maxTs = ts;
        }
        return buffer.isEmpty() && ts <= target() ? Admission.NOW : Admission.HOLD;
    }

    /** Holds an event that {@link #offer} said to hold, and raises the watermark to the newest time's. */
    void hold(Buffered event) {
        buffer.add(event);
        raiseWatermark(target());
    }

    /** After an event let through by {@link #offer} ran: the watermark follows the newest time. */
    void ranInOrder() {
        raiseWatermark(target());
    }

    /**
     * The time of an event no filter accepted (or of {@link EqlEngine#advanceTo}): returns true when it is newer
     * than any seen, after raising the watermark; then drain {@link #nextDue}.
     */
    boolean observe(long ts) {
        if (ts <= maxTs) {
            return false;
        }
        maxTs = ts;
        raiseWatermark(target());
        return true;
    }

    /** Raises the watermark to {@code upTo} (never lowers it); {@link Long#MAX_VALUE} releases everything. */
    void raiseWatermark(long upTo) {
        if (upTo > watermark) {
            watermark = upTo;
        }
    }

    /** The next buffered event at or below the watermark, removed from the buffer, or {@code null}. */
    Buffered nextDue() {
        Buffered next = buffer.peek();
        if (next == null || next.ts() > watermark) {
            return null;
        }
        return buffer.poll();
    }

    /** An event was evaluated: nothing that sorts before it may be evaluated any more. */
    void evaluated(long ts, Object tiebreaker, long number) {
        lastTs = ts;
        lastTiebreaker = tiebreaker;
        lastNumber = number;
    }

    /** Whether event time {@code ts} has reached the next sweep of expired state. */
    boolean sweepDue(long ts) {
        return ts >= nextSweep;
    }

    /** State was swept at {@code now}: the next sweep is due {@code sweepEvery} later. */
    void swept(long now) {
        nextSweep = sweepEvery == Long.MAX_VALUE ? Long.MAX_VALUE : Longs.saturatedAdd(now, sweepEvery);
    }

    /** Where the stream is, for messages about late events: the watermark or the last evaluated time. */
    long position() {
        return Math.max(watermark, lastTs);
    }

    long watermark() {
        return watermark;
    }

    int buffered() {
        return buffer.size();
    }

    /** Puts back an event a snapshot held in the buffer (the watermark is restored on its own). */
    void restoreBuffered(Buffered event) {
        buffer.add(event);
    }

    /** Replaces the buffered events (for a reload, which evaluates their filters again). */
    void replaceBuffered(List<Buffered> events) {
        buffer.clear();
        buffer.addAll(events);
    }

    /** The buffered events in the order they will be evaluated (a copy, for snapshots). */
    List<Buffered> bufferedInOrder() {
        List<Buffered> out = new ArrayList<>(buffer);
        out.sort(EventClock::compare);
        return out;
    }

    /** The watermark for the newest time: that time minus the allowed lateness, not below Long.MIN_VALUE. */
    private long target() {
        return Longs.saturatedSubtract(maxTs, lateness);
    }

    private static int compare(Buffered a, Buffered b) {
        return compare(a.ts(), a.tiebreaker(), a.number(), b.ts(), b.tiebreaker(), b.number());
    }

    /** Elasticsearch's ordinal order: timestamp, then tiebreaker (null last), then arrival. */
    static int compare(long ts1, Object tie1, long n1, long ts2, Object tie2, long n2) {
        int c = Long.compare(ts1, ts2);
        if (c != 0) {
            return c;
        }
        if (tie1 != null || tie2 != null) {
            if (tie1 == null) {
                return 1;
            }
            if (tie2 == null) {
                return -1;
            }
            c = Values.compareStrict(tie1, tie2);
            if (c == Integer.MIN_VALUE) {
                c = tie1.getClass().getName().compareTo(tie2.getClass().getName());
            }
            if (c != 0) {
                return c;
            }
        }
        return Long.compare(n1, n2);
    }
}
