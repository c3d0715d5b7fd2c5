package io.eql4j.ast;

import java.util.List;
import java.util.Objects;

/**
 * One bracketed term of a sequence or sample: {@code [filter] by keys with runs=N}, or a missing-event
 * term {@code ![filter] by keys}. The {@code until} term of a sequence is a stage too.
 *
 * @param filter   the event filter inside the brackets
 * @param joinKeys the term's own {@code by} keys (the sequence-level keys are not repeated here)
 * @param runs     how many times the term repeats ({@code with runs=N}); 1 when not written
 * @param missing  true for a missing-event term {@code ![...]}
 * @param span     the term, from its bracket to its last key or runs clause
 */
public record Stage(EventFilter filter, List<Expression> joinKeys, int runs, boolean missing, Span span)
        implements Node {
    public Stage {
        Objects.requireNonNull(filter, "filter");
        joinKeys = List.copyOf(joinKeys);
        if (runs < 1) {
            throw new IllegalArgumentException("runs must be at least 1, got " + runs);
        }
        Objects.requireNonNull(span, "span");
    }
}
