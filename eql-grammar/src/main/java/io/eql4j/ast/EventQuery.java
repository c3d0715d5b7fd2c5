package io.eql4j.ast;

import java.util.Objects;

/**
 * {@code <category> where <condition>}: every event that passes the filter is a result.
 *
 * @param filter the event filter
 * @param span   the query
 */
public record EventQuery(EventFilter filter, Span span) implements QueryBody {
    public EventQuery {
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(span, "span");
    }
}
