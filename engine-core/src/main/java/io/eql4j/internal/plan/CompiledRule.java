package io.eql4j.internal.plan;

import io.eql4j.rules.Rule;
import java.util.List;

/**
 * One rule compiled: what kind of query, its stages with their compiled filters and key extractors, the window,
 * and the limits on its results. Immutable and shared by all engines running the plan.
 *
 * @param index   the rule's position in the plan
 * @param rule    the rule, whose metadata every match carries
 * @param kind    event query, sequence or sample
 * @param stages  the stages in order, {@code with runs} expanded (one stage for an event query)
 * @param until   the {@code until} filter, or {@code null}
 * @param maxSpan the sequence window in timestamp units, or -1 for none
 * @param limit   the limits on results
 */
public record CompiledRule(int index, Rule rule, Kind kind, List<StagePlan> stages, StagePlan until, long maxSpan,
                           ResultLimit limit) {

    /** The three kinds of EQL query. */
    public enum Kind { EVENT, SEQUENCE, SAMPLE }

    public CompiledRule {
        stages = List.copyOf(stages);
    }

    /** How many join keys each stage has. */
    public int keyCount() {
        return stages.get(0).keys().size();
    }
}
