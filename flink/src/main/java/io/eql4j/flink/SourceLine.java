package io.eql4j.flink;

import java.util.Arrays;
import java.util.Objects;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * One line of input as read, before it is parsed: its bytes (UTF-8 expected; checked when parsed) and its origin.
 * Immutable; Flink serialises it with {@link FlinkTypes.SourceLineSerializer}, not Kryo.
 */
@TypeInfo(FlinkTypes.SourceLineFactory.class)
public final class SourceLine {

    private final String source;
    private final int partition;
    private final long position;
    private final byte[] bytes;

    private SourceLine(String source, int partition, long position, byte[] bytes) {
        this.source = Objects.requireNonNull(source, "source");
        this.partition = partition;
        this.position = position;
        this.bytes = Objects.requireNonNull(bytes, "bytes");
    }

    /** Line {@code line} (1-based) of file {@code file}. */
    public static SourceLine ofFile(String file, long line, byte[] bytes) {
        return new SourceLine(file, -1, line, bytes.clone());
    }

    /** The record at {@code offset} of a Kafka topic's partition. */
    public static SourceLine ofKafka(String topic, int partition, long offset, byte[] bytes) {
        return new SourceLine(topic, partition, offset, bytes.clone());
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

    byte[] bytesUnsafe() {
        return bytes;
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
                && Arrays.equals(bytes, l.bytes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(source, partition, position) * 31 + Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return origin();
    }
}
