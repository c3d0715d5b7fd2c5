package io.eql4j.ast;

import java.util.List;
import java.util.Objects;

/**
 * {@code sample [by keys] [stage] [stage]...}: sets of distinct events, one per stage, sharing join keys, in no
 * particular time order.
 *
 * @param joinKeys the sample-level {@code by} keys
 * @param stages   the filters, each with its own keys
 * @param span     the query
 */
public record SampleQuery(List<Expression> joinKeys, List<Stage> stages, Span span) implements QueryBody {
    public SampleQuery {
        joinKeys = List.copyOf(joinKeys);
        stages = List.copyOf(stages);
        Objects.requireNonNull(span, "span");
    }
}
