package io.eql4j.internal.expr;

import io.eql4j.event.Event;
import io.eql4j.event.FieldPath;
import io.eql4j.event.SlotSource;
import io.eql4j.internal.match.StringMatchers;
import java.util.Arrays;

/**
 * The per-engine scratch space for evaluating compiled expressions against one event at a time: the current
 * event, and a cache of the fields read from it so that each field is read and normalised at most once per event,
 * however many rules use it. Not thread-safe; one per engine.
 */
public final class EvalContext {

    private final FieldPath[] fields;
    private final Object layout;
    /** Per slot, how the mapping makes the value read, or null (see {@link SlotReader}). */
    private final SlotReader[] readers;

    private final Object[] values;
    private final long[] stamps;
    private final String[] folded;
    private final long[] foldedStamps;
    private final byte[] memoResults;
    private final long[] memoStamps;
    private long stamp;
    private Event event;

    /**
     * A context for a plan whose field table is {@code fields} (slot i holds {@code fields[i]}).
     *
     * @param layout the plan: events that are {@link SlotSource}s of the same layout are read by slot
     * @param memos  how many shared predicates remember their result per event
     */
    public EvalContext(FieldPath[] fields, Object layout, int memos) {
        this.fields = fields.clone();
        this.layout = layout;
        this.readers = layout instanceof SlotReader.Source source ? source.slotReaders() : null;
        this.folded = new String[fields.length];
        this.foldedStamps = new long[fields.length];
        this.memoResults = new byte[memos];
        this.memoStamps = new long[memos];
        this.values = new Object[fields.length];
        this.stamps = new long[fields.length];
        Arrays.fill(stamps, -1);
    }

    /** Makes {@code event} the current event; the cache of the previous one is forgotten in O(1). */
    public void reset(Event event) {
        this.event = event;
        this.stamp++;
    }

    /**
     * The ASCII case-folded form of the single string value {@code value} of the field in {@code slot}, folded
     * once per event however many indexes look it up (a fresh string each time would also be hashed each time).
     */
    public String folded(int slot, String value) {
        if (foldedStamps[slot] == stamp) {
            return folded[slot];
        }
        String f = StringMatchers.foldCase(value);
        folded[slot] = f;
        foldedStamps[slot] = stamp;
        return f;
    }

    /** The result a shared predicate remembered for the current event, or -1. */
    int memo(int id) {
        return memoStamps[id] == stamp ? memoResults[id] : -1;
    }

    void memo(int id, int result) {
        memoStamps[id] = stamp;
        memoResults[id] = (byte) result;
    }

    /** The path of the field in {@code slot}. */
    public FieldPath path(int slot) {
        return fields[slot];
    }

    /** The current event. */
    public Event event() {
        return event;
    }

    /**
     * The normalised value of the field in {@code slot} for the current event: {@code null}, a scalar, or a
     * {@link java.util.List} of at least two non-null scalars.
     */
    public Object field(int slot) {
        if (stamps[slot] == stamp) {
            return values[slot];
        }
        Object raw = event instanceof SlotSource source && source.layout() == layout
                ? source.slotValue(slot)
                : event.field(fields[slot]);
        Object value = Values.normalize(raw);
        if (readers != null && readers[slot] != null) {
            value = readers[slot].read(this, slot, value);
        }
        values[slot] = value;
        stamps[slot] = stamp;
        return value;
    }
}
