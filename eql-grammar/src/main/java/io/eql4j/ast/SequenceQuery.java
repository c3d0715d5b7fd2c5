package io.eql4j.ast;

import java.util.List;
import java.util.Objects;

/**
 * {@code sequence [by keys] [with maxspan=N] [stage]... [until [stage]]}.
 *
 * @param joinKeys the sequence-level {@code by} keys, which every stage has before its own
 * @param maxSpan  the {@code with maxspan} clause, or {@code null} when there is none (no time limit)
 * @param stages   the terms in order, as written ({@code runs} not expanded)
 * @param until    the {@code until} term, or {@code null}
 * @param span     the query
 */
public record SequenceQuery(List<Expression> joinKeys, MaxSpan maxSpan, List<Stage> stages, Stage until, Span span)
        implements QueryBody {
    public SequenceQuery {
        joinKeys = List.copyOf(joinKeys);
        stages = List.copyOf(stages);
        Objects.requireNonNull(span, "span");
    }
}
