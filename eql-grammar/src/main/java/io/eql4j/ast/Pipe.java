package io.eql4j.ast;

import java.util.Objects;

/**
 * {@code | head N} or {@code | tail N}, the only pipes Elasticsearch EQL executes.
 *
 * @param kind  head or tail
 * @param count how many results, not negative
 * @param span  the pipe, from its {@code |}
 */
public record Pipe(Kind kind, long count, Span span) implements Node {

    /** Which end of the ordered results the pipe keeps. */
    public enum Kind {
        /** The first results. */
        HEAD,
        /** The last results (still returned in ascending order). */
        TAIL;

        /** The pipe's name as written in EQL. */
        public String keyword() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public Pipe {
        Objects.requireNonNull(kind, "kind");
        if (count < 0) {
            throw new IllegalArgumentException("pipe count must not be negative, got " + count);
        }
        Objects.requireNonNull(span, "span");
    }
}
