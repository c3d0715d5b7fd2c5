package io.eql4j.ast;

import java.util.Objects;

/**
 * {@code <category> where <condition>} or {@code any where <condition>}.
 *
 * @param category  the event category the filter requires, unquoted; {@code null} for {@code any}
 * @param condition the condition after {@code where}
 * @param span      the filter, from the category to the end of the condition
 */
public record EventFilter(String category, Expression condition, Span span) implements Node {
    public EventFilter {
        Objects.requireNonNull(condition, "condition");
        Objects.requireNonNull(span, "span");
    }

    /** True for {@code any where}, which requires no category. */
    public boolean isAny() {
        return category == null;
    }
}
