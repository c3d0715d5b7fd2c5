package io.eql4j.flink;

import io.eql4j.event.Event;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/**
 * An event of a limited sequence rule as the keyed operator holds it in the engine's state: its text, and the
 * record it came in ({@link RuleEvent}: time, tiebreaker, origin), so that a sequence it completes, even one
 * delivered after a restore, carries the completing event's place in result order ({@link LimitedMatch}). Other
 * rules hold only the text ({@link EngineSeam.TextOnlyEvent}).
 *
 * <p>In the engine's state encoding an event is a string (its JSON text): this one is written as a marker that no
 * JSON text starts with, then its record in {@link FlinkTypes.RuleEventSerializer}'s layout, Base64.
 */
record OrderedEvent(RuleEvent record) implements Event {

    /** Starts the state text of an {@code OrderedEvent}; JSON text never starts with a control character. */
    private static final char MARK = '\u0001';

    @Override
    public Object field(io.eql4j.event.FieldPath path) {
        throw new UnsupportedOperationException("the keyed operator does not read fields");
    }

    /** The event's JSON text, as {@link EngineSeam.TextOnlyEvent#source()}. */
    @Override
    public Object source() {
        return record.event();
    }

    /** How an event of the keyed state is written in the engine's state encoding. */
    static String stateText(Event e) {
        if (e instanceof OrderedEvent o) {
            DataOutputSerializer out = new DataOutputSerializer(o.record.event().length() + 64);
            try {
                FlinkTypes.RuleEventSerializer.INSTANCE.serialize(o.record, out);
            } catch (IOException impossible) {
                throw new UncheckedIOException(impossible);
            }
            return MARK + Base64.getEncoder().encodeToString(out.getCopyOfBuffer());
        }
        return ((EngineSeam.TextOnlyEvent) e).text();
    }

    /** The event {@link #stateText} wrote. */
    static Event fromStateText(String text) {
        if (!text.isEmpty() && text.charAt(0) == MARK) {
            try {
                byte[] bytes = Base64.getDecoder().decode(text.substring(1));
                return new OrderedEvent(
                        FlinkTypes.RuleEventSerializer.INSTANCE.deserialize(new DataInputDeserializer(bytes)));
            } catch (IOException | IllegalArgumentException e) {
                throw new IllegalArgumentException("a limited rule's event in the keyed state is corrupt: " + e, e);
            }
        }
        return new EngineSeam.TextOnlyEvent(text);
    }
}
