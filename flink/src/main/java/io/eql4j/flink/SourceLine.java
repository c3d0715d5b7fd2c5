package io.eql4j.flink;

import io.eql4j.event.Event;
import io.eql4j.event.EventBytes;
import java.util.Arrays;
import java.util.Objects;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * One line of input as read, before it is parsed: its bytes (UTF-8 expected; checked when parsed) and its origin.
 * Immutable; Flink serialises it with {@link FlinkTypes.SourceLineSerializer}, not Kryo.
 *
 * <p>A record of the user's own type ({@link EqlFlink#detect(org.apache.flink.streaming.api.datastream.DataStream,
 * EqlFlink.EventAdapter, String, FlinkPlan, java.time.Duration)}) travels as a line that holds the adapter's
 * {@link Event} and writes it as JSON only when its bytes are asked for: by the router for an event some filter passed
 * (its text goes into the keyed records and matches), or by the serializer when the record leaves its operator chain.
 * The router evaluates the filters on the event itself, so the other events are never written as JSON and read back.
 */
@TypeInfo(FlinkTypes.SourceLineFactory.class)
public final class SourceLine {

    private final String source;
    private final int partition;
    private final long position;
    /** The line's bytes; for a line made from an {@link Event}, null until first asked for. */
    private byte[] bytes;
    /** The event the line was made from ({@link #ofEvent}), or null for a line read as bytes. */
    private final Event event;

    private SourceLine(String source, int partition, long position, byte[] bytes) {
        this.source = Objects.requireNonNull(source, "source");
        this.partition = partition;
        this.position = position;
        this.bytes = Objects.requireNonNull(bytes, "bytes");
        this.event = null;
    }

    private SourceLine(String source, int partition, long position, Event event) {
        this.source = Objects.requireNonNull(source, "source");
        this.partition = partition;
        this.position = position;
        this.event = Objects.requireNonNull(event, "event");
    }

    /** Line {@code line} (1-based) of file {@code file}. */
    public static SourceLine ofFile(String file, long line, byte[] bytes) {
        return new SourceLine(file, -1, line, bytes.clone());
    }

    /** The record at {@code offset} of a Kafka topic's partition. */
    public static SourceLine ofKafka(String topic, int partition, long offset, byte[] bytes) {
        return new SourceLine(topic, partition, offset, bytes.clone());
    }

    /**
     * A line of an event made by a user's adapter: its bytes are the event written as JSON ({@link EventBytes#json}),
     * written when first asked for. The event must not change while the line is in use (the router reads it in the
     * same call).
     */
    static SourceLine ofEvent(String source, int partition, long position, Event event) {
        return new SourceLine(source, partition, position, event);
    }

    /** Takes the array without copying (for the serializer and the readers, which hand over fresh arrays). */
    static SourceLine wrap(String source, int partition, long position, byte[] bytes) {
        return new SourceLine(source, partition, position, bytes);
    }

    /** The file name or the topic. */
    public String source() {
        return source;
    }

    /** The Kafka partition, or -1 for a file. */
    public int partition() {
        return partition;
    }

    /** The 1-based line number in a file, or the offset in a Kafka partition. */
    public long position() {
        return position;
    }

    /** The line's bytes (a copy). */
    public byte[] bytes() {
        return bytes.clone();
    }

    /**
     * The line's bytes, not copied; for a line made from an event, the event written as JSON (once).
     *
     * @throws IllegalArgumentException when the event cannot be written as JSON
     */
    byte[] bytesUnsafe() {
        byte[] b = bytes;
        if (b == null) {
            b = EventBytes.json(event);
            bytes = b;
        }
        return b;
    }

    /** The event this line was made from, or null for a line read as bytes (which the router parses). */
    Event eventUnsafe() {
        return event;
    }

    /** Where the line came from: {@code FILE:LINE} or {@code TOPIC/PARTITION@OFFSET}. */
    public String origin() {
        return origin(source, partition, position);
    }

    static String origin(String source, int partition, long position) {
        return partition < 0 ? source + ":" + position : source + "/" + partition + "@" + position;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SourceLine l
                && partition == l.partition
                && position == l.position
                && source.equals(l.source)
                && Arrays.equals(bytesUnsafe(), l.bytesUnsafe());
    }

    @Override
    public int hashCode() {
        return Objects.hash(source, partition, position) * 31 + Arrays.hashCode(bytesUnsafe());
    }

    @Override
    public String toString() {
        return origin();
    }
}
