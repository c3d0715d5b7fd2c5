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
    record Buffered(Event event, long ts, Object tiebreaker, long number, int[] passed) {
    }

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

    private final long lateness;
    private final long sweepEvery;
    private final PriorityQueue<Buffered> buffer = new PriorityQueue<>(EventClock::compare);

    long maxTs = Long.MIN_VALUE;
    long watermark = Long.MIN_VALUE;
    long nextSweep = Long.MIN_VALUE;
    long lastTs = Long.MIN_VALUE;
    Object lastTiebreaker;
    long lastNumber;
    /** Events that no filter accepted, counted for time sampling. */
    long skipped;

    /**
     * @param lateness   the allowed lateness in plan units (saturated: {@link Long#MAX_VALUE} for unbounded)
     * @param sweepEvery how much event time passes between sweeps of expired state ({@link Long#MAX_VALUE}: never)
     */
    EventClock(long lateness, long sweepEvery) {
        if (lateness < 0 || sweepEvery < 1) {
            throw new IllegalArgumentException("lateness " + lateness + ", sweep every " + sweepEvery);
        }
        this.lateness = lateness;
        this.sweepEvery = sweepEvery;
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
