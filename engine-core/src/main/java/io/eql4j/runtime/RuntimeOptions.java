package io.eql4j.runtime;

import java.time.Duration;
import java.util.Objects;

/**
 * The settings of one engine that do not change what a plan computes, only how the stream is handled: how late
 * an event may come, how much state a rule may hold, how samples are delivered. One compiled plan runs under any
 * of them (the CLI uses unbounded lateness for files and none for standard input). Immutable; start from
 * {@link #defaults()} or {@link #builder()}.
 */
public final class RuntimeOptions {

    private static final RuntimeOptions DEFAULTS = new Builder().build();

    private final Duration allowedLateness;
    private final int maxPendingSequences;
    private final int maxSamplesPerKey;
    private final boolean orderSamplesByKey;
    private final long maxPendingTotal;
    private final Duration evictionReportInterval;
    private final Duration maxTimeJump;
    private final int timeJumpConfirmations;

    private RuntimeOptions(Builder b) {
        this.allowedLateness = b.allowedLateness;
        this.maxPendingSequences = b.maxPendingSequences;
        this.maxSamplesPerKey = b.maxSamplesPerKey;
        this.orderSamplesByKey = b.orderSamplesByKey;
        this.maxPendingTotal = b.maxPendingTotal;
        this.evictionReportInterval = b.evictionReportInterval;
        this.maxTimeJump = b.maxTimeJump;
        this.timeJumpConfirmations = b.timeJumpConfirmations;
    }

    /**
     * The defaults: no lateness, 100,000 pending sequences per rule and 1,000,000 per engine, evictions reported at
     * most once a minute per rule, one sample per key, samples as completed, event time moved by at most one day by
     * an event the stream has not confirmed (two further events).
     */
    public static RuntimeOptions defaults() {
        return DEFAULTS;
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these options. */
    public Builder toBuilder() {
        return new Builder()
                .allowedLateness(allowedLateness)
                .maxPendingSequences(maxPendingSequences)
                .maxSamplesPerKey(maxSamplesPerKey)
                .orderSamplesByKey(orderSamplesByKey)
                .maxPendingTotal(maxPendingTotal)
                .evictionReportInterval(evictionReportInterval)
                .maxTimeJump(maxTimeJump)
                .timeJumpConfirmations(timeJumpConfirmations);
    }

    /**
     * How far behind the newest event time an event may arrive and still be put in order (default zero). An event
     * that would sort before one already evaluated is late (reported, not evaluated).
     */
    public Duration allowedLateness() {
        return allowedLateness;
    }

    /**
     * The most pending sequences (or sample keys) one rule keeps, with or without {@code maxspan}; beyond it the
     * rule's least recently used join keys are evicted, counted in {@link EngineStats#evictedSequences()} and
     * reported (see {@link #evictionReportInterval()}) (default 100,000).
     */
    public int maxPendingSequences() {
        return maxPendingSequences;
    }

    /**
     * The most pending sequences and sample keys all rules of the engine keep together; beyond it the rule that
     * holds the most evicts its least recently used join keys (default 1,000,000). See docs/notes/engine.md.
     */
    public long maxPendingTotal() {
        return maxPendingTotal;
    }

    /**
     * How often, at most, a rule's evictions are reported to the {@link ProblemListener} (as
     * {@link EventProblem.Kind#EVICTED}), in event time: the first eviction at once, then one report per interval
     * with the count since the last one, and the rest at {@link EqlEngine#finish()} (default one minute).
     */
    public Duration evictionReportInterval() {
        return evictionReportInterval;
    }

    /**
     * How far one event may move event time forward (default one day). An event further ahead of the stream's
     * newest time than this (and than the allowed lateness) is held without moving time until
     * {@link #timeJumpConfirmations()} further events at or after its time (less this bound) confirm the jump; then
     * it is evaluated as without the bound. If the stream contradicts it instead (an event more than the allowed
     * lateness before it is evaluated), it is reported ({@link EventProblem.Kind#TIME_JUMP}) and set apart until
     * time reaches it; what is held at {@link EqlEngine#finish()} is evaluated then, in time order.
     * {@link #NO_TIME_JUMP_LIMIT} turns the bound off. See docs/notes/engine.md.
     */
    public Duration maxTimeJump() {
        return maxTimeJump;
    }

    /**
     * How many further held events, each at or after a held event's time less {@link #maxTimeJump()}, confirm that
     * the stream really jumped there (default 2). The stream's first time is trusted once this many agree with it.
     */
    public int timeJumpConfirmations() {
        return timeJumpConfirmations;
    }

    /** A {@link #maxTimeJump()} that turns the bound off: any event moves time as far as it says. */
    public static final Duration NO_TIME_JUMP_LIMIT = Duration.ofSeconds(Long.MAX_VALUE);

    /** How many samples per join key a {@code sample} query returns (default 1). */
    public int maxSamplesPerKey() {
        return maxSamplesPerKey;
    }

    /**
     * Whether samples are delivered at {@link EqlEngine#finish()} in Elasticsearch's order (ascending join key),
     * instead of as soon as each is complete (default false).
     */
    public boolean orderSamplesByKey() {
        return orderSamplesByKey;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RuntimeOptions r
                && allowedLateness.equals(r.allowedLateness)
                && maxPendingSequences == r.maxPendingSequences
                && maxSamplesPerKey == r.maxSamplesPerKey
                && orderSamplesByKey == r.orderSamplesByKey
                && maxPendingTotal == r.maxPendingTotal
                && evictionReportInterval.equals(r.evictionReportInterval)
                && maxTimeJump.equals(r.maxTimeJump)
                && timeJumpConfirmations == r.timeJumpConfirmations;
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                allowedLateness,
                maxPendingSequences,
                maxSamplesPerKey,
                orderSamplesByKey,
                maxPendingTotal,
                evictionReportInterval,
                maxTimeJump,
                timeJumpConfirmations);
    }

    @Override
    public String toString() {
        return "RuntimeOptions{allowedLateness=" + allowedLateness + ", maxPendingSequences=" + maxPendingSequences
                + ", maxSamplesPerKey=" + maxSamplesPerKey + ", orderSamplesByKey=" + orderSamplesByKey
                + ", maxPendingTotal=" + maxPendingTotal + ", evictionReportInterval=" + evictionReportInterval
                + ", maxTimeJump=" + maxTimeJump + ", timeJumpConfirmations=" + timeJumpConfirmations + '}';
    }

    /** Builds {@link RuntimeOptions}. */
    public static final class Builder {
        private Duration allowedLateness = Duration.ZERO;
        private int maxPendingSequences = 100_000;
        private int maxSamplesPerKey = 1;
        private boolean orderSamplesByKey;
        private long maxPendingTotal = 1_000_000;
        private Duration evictionReportInterval = Duration.ofMinutes(1);
        private Duration maxTimeJump = Duration.ofDays(1);
        private int timeJumpConfirmations = 2;

        private Builder() {}

        /** See {@link RuntimeOptions#maxPendingTotal()}; at least 1. */
        public Builder maxPendingTotal(long max) {
            if (max < 1) {
                throw new IllegalArgumentException("max pending total must be at least 1, got " + max);
            }
            this.maxPendingTotal = max;
            return this;
        }

        /** See {@link RuntimeOptions#evictionReportInterval()}; not negative (zero reports every eviction). */
        public Builder evictionReportInterval(Duration interval) {
            if (interval.isNegative()) {
                throw new IllegalArgumentException("eviction report interval must not be negative: " + interval);
            }
            this.evictionReportInterval = interval;
            return this;
        }

        /** See {@link RuntimeOptions#maxTimeJump()}; positive, or {@link RuntimeOptions#NO_TIME_JUMP_LIMIT}. */
        public Builder maxTimeJump(Duration jump) {
            if (jump.isNegative() || jump.isZero()) {
                throw new IllegalArgumentException("max time jump must be positive, got " + jump);
            }
            this.maxTimeJump = jump;
            return this;
        }

        /** See {@link RuntimeOptions#timeJumpConfirmations()}; 1 to 1,000. */
        public Builder timeJumpConfirmations(int n) {
            if (n < 1 || n > 1000) {
                throw new IllegalArgumentException("time jump confirmations must be 1 to 1000, got " + n);
            }
            this.timeJumpConfirmations = n;
            return this;
        }

        /** See {@link RuntimeOptions#allowedLateness()}; any non-negative duration, however long. */
        public Builder allowedLateness(Duration lateness) {
            if (lateness.isNegative()) {
                throw new IllegalArgumentException("allowed lateness must not be negative: " + lateness);
            }
            this.allowedLateness = lateness;
            return this;
        }

        /** See {@link RuntimeOptions#maxPendingSequences()}; at least 1. */
        public Builder maxPendingSequences(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("max pending sequences must be at least 1, got " + max);
            }
            this.maxPendingSequences = max;
            return this;
        }

        /** See {@link RuntimeOptions#maxSamplesPerKey()}; at least 1. */
        public Builder maxSamplesPerKey(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("max samples per key must be at least 1, got " + max);
            }
            this.maxSamplesPerKey = max;
            return this;
        }

        /** See {@link RuntimeOptions#orderSamplesByKey()}. */
        public Builder orderSamplesByKey(boolean orderByKey) {
            this.orderSamplesByKey = orderByKey;
            return this;
        }

        /** The options. */
        public RuntimeOptions build() {
            return new RuntimeOptions(this);
        }
    }
}
