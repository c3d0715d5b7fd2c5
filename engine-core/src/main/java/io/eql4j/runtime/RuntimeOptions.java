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

    private RuntimeOptions(Builder b) {
        this.allowedLateness = b.allowedLateness;
        this.maxPendingSequences = b.maxPendingSequences;
        this.maxSamplesPerKey = b.maxSamplesPerKey;
        this.orderSamplesByKey = b.orderSamplesByKey;
    }

    /** The defaults: no lateness, 100,000 pending sequences per rule, one sample per key, samples as completed. */
    public static RuntimeOptions defaults() {
        return DEFAULTS;
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these options. */
    public Builder toBuilder() {
        return new Builder().allowedLateness(allowedLateness).maxPendingSequences(maxPendingSequences)
                .maxSamplesPerKey(maxSamplesPerKey).orderSamplesByKey(orderSamplesByKey);
    }

    /**
     * How far behind the newest event time an event may arrive and still be put in order (default zero). An event
     * that would sort before one already evaluated is late (reported, not evaluated).
     */
    public Duration allowedLateness() {
        return allowedLateness;
    }

    /**
     * The most pending sequences (or sample keys) a rule without {@code maxspan} keeps; beyond it the least recently
     * used are evicted and counted in {@link EngineStats#evictedSequences()} (default 100,000).
     */
    public int maxPendingSequences() {
        return maxPendingSequences;
    }

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
        return o instanceof RuntimeOptions r && allowedLateness.equals(r.allowedLateness)
                && maxPendingSequences == r.maxPendingSequences && maxSamplesPerKey == r.maxSamplesPerKey
                && orderSamplesByKey == r.orderSamplesByKey;
    }

    @Override
    public int hashCode() {
        return Objects.hash(allowedLateness, maxPendingSequences, maxSamplesPerKey, orderSamplesByKey);
    }

    @Override
    public String toString() {
        return "RuntimeOptions{allowedLateness=" + allowedLateness + ", maxPendingSequences=" + maxPendingSequences
                + ", maxSamplesPerKey=" + maxSamplesPerKey + ", orderSamplesByKey=" + orderSamplesByKey + '}';
    }

    /** Builds {@link RuntimeOptions}. */
    public static final class Builder {
        private Duration allowedLateness = Duration.ZERO;
        private int maxPendingSequences = 100_000;
        private int maxSamplesPerKey = 1;
        private boolean orderSamplesByKey;

        private Builder() {
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
