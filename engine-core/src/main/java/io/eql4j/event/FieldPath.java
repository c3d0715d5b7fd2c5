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
 * <p>A path has at most {@link #MAX_SEGMENTS} segments: {@link #of(String)} refuses more with an
 * {@link IllegalArgumentException} that says so, and the parser refuses such a field in a query, at its position.
 * Names long enough that their joins would take more than a few kilobytes get their joins cut out of the name
 * when asked, so that no name costs more memory than a small multiple of its length.
 *
 * <p>Instances are immutable and thread-safe. Two paths are equal when their segments are.
 */
public final class FieldPath {

    /**
     * The most dot-separated segments a path may have: the parser's limit,
     * {@link io.eql4j.parser.EqlParser#MAX_FIELD_SEGMENTS} (64 unless the system property
     * {@code eql4j.field.maxSegments} says otherwise). See docs/limits.md.
     */
    public static final int MAX_SEGMENTS = io.eql4j.parser.EqlParser.MAX_FIELD_SEGMENTS;

    /**
     * Up to this many chars in all the dotted joins together, they are computed and interned once, with the path;
     * past it (only names with many long segments), a join is cut out of the name when it is asked for.
     */
    static final int MAX_PRECOMPUTED_CHARS = 65_536;

    private final String name;
    private final String[] segments;
    /** starts[i]: where segment i starts in name; starts[size]: name.length() + 1. */
    private final int[] starts;
    /** joined[from][to - from - 1] = segments from..to-1 joined by '.'; null when too large to precompute. */
    private final String[][] joined;

    private final int hash;

    private FieldPath(String[] segments) {
        if (segments.length == 0) {
            throw new IllegalArgumentException("a field path needs at least one segment");
        }
        if (segments.length > MAX_SEGMENTS) {
            throw new IllegalArgumentException("Field name with too many segments: [" + segments.length
                    + "], the maximum is [" + MAX_SEGMENTS + "] (set the system property "
                    + io.eql4j.parser.EqlParser.MAX_FIELD_SEGMENTS_PROPERTY + " to allow more)");
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
        this.starts = new int[segments.length + 1];
        for (int i = 0; i < segments.length; i++) {
            starts[i + 1] = starts[i] + segments[i].length() + 1;
        }
        long joinChars = 0;
        for (int from = 0; from < segments.length; from++) {
            for (int to = from + 1; to <= segments.length; to++) {
                joinChars += starts[to] - 1 - starts[from];
            }
        }
        this.joined = joinChars <= MAX_PRECOMPUTED_CHARS ? precompute(segments) : null;
    }

    private static String[][] precompute(String[] segments) {
        String[][] joined = new String[segments.length][];
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
        return joined;
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
        if (joined != null) {
            return joined[from][to - from - 1];
        }
        if (to == from + 1) {
            return segments[from];
        }
        if (from == 0 && to == segments.length) {
            return name;
        }
        Objects.checkFromToIndex(from, to, segments.length);
        return name.substring(starts[from], starts[to] - 1);
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
