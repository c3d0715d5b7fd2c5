package io.eql4j.event;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The name of an event field, such as {@code process.parent.name}, prepared for fast lookups.
 *
 * <p>Elasticsearch treats {@code {"process":{"pid":1}}} and {@code {"process.pid":1}} as the same field, and a
 * name such as {@code kubernetes.audit.user.extra.authentication.kubernetes.io/pod-name} may be stored with any
 * part of it as one key holding dots. A {@code FieldPath} therefore knows its segments and every dotted join of
 * consecutive segments, computed once, so that an {@link Event} resolves it without building strings.
 *
 * <p>Instances are immutable and thread-safe. Two paths are equal when their segments are.
 */
public final class FieldPath {

    private final String name;
    private final String[] segments;
    /** joined[from][to - from - 1] = segments from..to-1 joined by '.'. */
    private final String[][] joined;
    private final int hash;

    private FieldPath(String[] segments) {
        if (segments.length == 0) {
            throw new IllegalArgumentException("a field path needs at least one segment");
        }
        for (String s : segments) {
            Objects.requireNonNull(s, "segment");
        }
        // interned, as Jackson's field names and Java's literal keys are: a map lookup that finds its key then
        // compares references, not characters
        for (int i = 0; i < segments.length; i++) {
            segments[i] = segments[i].intern();
        }
        this.segments = segments;
        this.name = String.join(".", segments).intern();
        this.hash = Arrays.hashCode(segments);
        this.joined = new String[segments.length][];
        for (int from = 0; from < segments.length; from++) {
            joined[from] = new String[segments.length - from];
            StringBuilder sb = new StringBuilder();
            for (int to = from; to < segments.length; to++) {
                if (to > from) {
                    sb.append('.');
                }
                sb.append(segments[to]);
                joined[from][to - from] = sb.toString().intern();
            }
        }
    }

    /** The path of a dotted name: {@code "a.b.c"} has the segments {@code a}, {@code b}, {@code c}. */
    public static FieldPath of(String dottedName) {
        Objects.requireNonNull(dottedName, "dottedName");
        return new FieldPath(dottedName.split("\\.", -1));
    }

    /**
     * The path of the given segments. A segment may hold dots (a backtick-quoted EQL name), in which case the
     * path is the same field as the one whose segments are split at those dots.
     */
    public static FieldPath of(List<String> segments) {
        List<String> split = new ArrayList<>(segments.size());
        for (String segment : segments) {
            split.addAll(Arrays.asList(segment.split("\\.", -1)));
        }
        return new FieldPath(split.toArray(String[]::new));
    }

    /** The field's full dotted name. */
    public String name() {
        return name;
    }

    /** How many dot-separated segments the name has. */
    public int size() {
        return segments.length;
    }

    /** The {@code i}-th segment. */
    public String segment(int i) {
        return segments[i];
    }

    /**
     * The segments {@code from} (inclusive) to {@code to} (exclusive) joined by dots, without allocating: the key
     * under which a map may hold that part of the path.
     */
    public String joined(int from, int to) {
        return joined[from][to - from - 1];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FieldPath other && hash == other.hash && Arrays.equals(segments, other.segments);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return name;
    }
}
