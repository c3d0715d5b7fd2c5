package io.eql4j.ast;

import java.util.List;
import java.util.Objects;

/**
 * A field of the event, such as {@code process.name}, {@code ?user.id} or
 * {@code `kubernetes.audit.user.extra.authentication.kubernetes.io/pod-name`}.
 *
 * @param path     the segments as written: a dotted name gives one segment per identifier, and a
 *                 backtick-quoted identifier is one segment even when it holds dots
 * @param optional true for {@code ?field}: a field that may be absent from every event without error
 * @param span     the field reference, with its {@code ?} and backticks
 */
public record Field(List<String> path, boolean optional, Span span) implements Expression {
    public Field {
        path = List.copyOf(path);
        if (path.isEmpty()) {
            throw new IllegalArgumentException("a field needs at least one path segment");
        }
        Objects.requireNonNull(span, "span");
    }

    /** The field's name: its segments joined with dots, as Elasticsearch names fields. */
    public String name() {
        return path.size() == 1 ? path.get(0) : String.join(".", path);
    }

    @Override
    public <R> R accept(ExpressionVisitor<R> visitor) {
        return visitor.visitField(this);
    }
}
