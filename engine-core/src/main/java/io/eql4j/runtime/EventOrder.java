package io.eql4j.runtime;

import io.eql4j.event.Event;
import io.eql4j.event.FieldPath;
import io.eql4j.internal.expr.Values;
import io.eql4j.internal.time.Timestamps;
import java.util.Objects;

/**
 * The order in which an engine evaluates events under some {@link EngineOptions}: by timestamp (in the options'
 * precision), then tiebreaker (events without one after those with one), then arrival. For callers that put a
 * bounded input in that order themselves (sorting a file) and then run it with no allowed lateness: the engine
 * then finds the matches it would find holding every event, without holding them.
 *
 * <p>Immutable and thread-safe.
 */
public final class EventOrder {

    /** An event's place in the order, arrival aside. */
    public record Key(long time, Object tiebreaker) implements Comparable<Key> {

        /** Compares as the engine does: time, then tiebreaker (absent last); equal keys go by arrival. */
        @Override
        public int compareTo(Key other) {
            int c = Long.compare(time, other.time);
            if (c != 0 || tiebreaker == null && other.tiebreaker == null) {
                return c;
            }
            if (tiebreaker == null) {
                return 1;
            }
            if (other.tiebreaker == null) {
                return -1;
            }
            c = Values.compareStrict(tiebreaker, other.tiebreaker);
            if (c == Integer.MIN_VALUE) {
                // values that do not compare (a number and a string): a fixed order by kind, as the engine's
                c = tiebreaker
                        .getClass()
                        .getName()
                        .compareTo(other.tiebreaker.getClass().getName());
            }
            return c;
        }
    }

    private final FieldPath timestamp;
    private final FieldPath tiebreaker;
    private final long unitNanos;

    private EventOrder(EngineOptions options) {
        this.timestamp = FieldPath.of(options.timestampField());
        this.tiebreaker = options.tiebreakerField() == null ? null : FieldPath.of(options.tiebreakerField());
        this.unitNanos = options.timestampPrecision().nanosPerUnit();
    }

    /** The order of engines with these options. */
    public static EventOrder of(EngineOptions options) {
        return new EventOrder(Objects.requireNonNull(options, "options"));
    }

    /** The fields the order reads: the timestamp field, and the tiebreaker field if there is one. */
    public String[] fields() {
        return tiebreaker == null
                ? new String[] {timestamp.name()}
                : new String[] {timestamp.name(), tiebreaker.name()};
    }

    /**
     * The event's key, read as the engine reads it.
     *
     * @throws IllegalArgumentException when the event has no usable timestamp (the engine reports such an event
     *                                  and does not evaluate it)
     */
    public Key key(Event event) {
        Object raw = Values.first(Values.normalize(event.field(timestamp)));
        if (raw == null) {
            throw new IllegalArgumentException("it has no field [" + timestamp.name() + "]");
        }
        long time = Math.floorDiv(Timestamps.parseToEpochNanos(raw), unitNanos);
        Object tie =
                tiebreaker == null ? null : Values.canonical(Values.first(Values.normalize(event.field(tiebreaker))));
        return new Key(time, tie);
    }
}
