package io.eql4j.internal.plan;

import io.eql4j.rules.Rule;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One rule compiled, per kind of query: its filters with their key extractors, and for a sequence its whole
 * machine (topology, until, window). Immutable and shared by all engines running the plan.
 */
public sealed interface CompiledRule permits CompiledRule.EventQuery, CompiledRule.Sequence, CompiledRule.Sample {

    /** The three kinds of EQL query. */
    enum Kind {
        EVENT,
        SEQUENCE,
        SAMPLE
    }

    /** The rule's position in the plan. */
    int index();

    /** The rule, whose metadata every match carries. */
    Rule rule();

    /** The kind of query. */
    Kind kind();

    /** The stages in order, {@code with runs} expanded (one stage for an event query). */
    List<StagePlan> stages();

    /** The limits on results. */
    ResultLimit limit();

    /** How many join keys each stage has. */
    default int keyCount() {
        return stages().get(0).keys().size();
    }

    /** The {@code until} filter of a sequence, if any. */
    default Optional<StagePlan> until() {
        return Optional.empty();
    }

    /** An event query: one filter. */
    record EventQuery(int index, Rule rule, StagePlan filter, ResultLimit limit) implements CompiledRule {
        @Override
        public Kind kind() {
            return Kind.EVENT;
        }

        @Override
        public List<StagePlan> stages() {
            return List.of(filter);
        }
    }

    /**
     * A sequence.
     *
     * @param maxSpan  the window in timestamp units (inclusive), if the query has {@code maxspan}
     * @param topology the machine's shape, derived from the stages
     */
    record Sequence(
            int index,
            Rule rule,
            List<StagePlan> stages,
            Optional<StagePlan> until,
            OptionalLong maxSpan,
            SequenceTopology topology,
            ResultLimit limit)
            implements CompiledRule {
        public Sequence {
            stages = List.copyOf(stages);
            Objects.requireNonNull(until, "until");
            Objects.requireNonNull(maxSpan, "maxSpan");
            if (topology.stageCount() != stages.size()) {
                throw new IllegalArgumentException("the topology is not of these stages");
            }
        }

        /** A sequence with the topology of its stages. */
        public Sequence(
                int index,
                Rule rule,
                List<StagePlan> stages,
                Optional<StagePlan> until,
                OptionalLong maxSpan,
                ResultLimit limit) {
            this(index, rule, stages, until, maxSpan, SequenceTopology.of(stages), limit);
        }

        @Override
        public Kind kind() {
            return Kind.SEQUENCE;
        }
    }

    /** A sample: one filter per stage, no time. */
    record Sample(int index, Rule rule, List<StagePlan> stages, ResultLimit limit) implements CompiledRule {
        public Sample {
            stages = List.copyOf(stages);
        }

        @Override
        public Kind kind() {
            return Kind.SAMPLE;
        }
    }
}
