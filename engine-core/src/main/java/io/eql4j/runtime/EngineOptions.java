package io.eql4j.runtime;

import io.eql4j.compile.CompileOptions;
import io.eql4j.compile.ResultPosition;
import io.eql4j.compile.TimestampPrecision;
import io.eql4j.mapping.FieldType;
import io.eql4j.mapping.IndexMapping;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Compile-time and run-time settings together: the settings of an Elasticsearch EQL search request
 * ({@link CompileOptions}, which this is) plus those a stream needs ({@link #runtimeOptions()}: lateness, memory
 * bounds). A plan compiled with {@code EngineOptions} runs, by default, under their run-time part; an engine can be
 * given other {@link RuntimeOptions} for the same plan. Immutable; start from {@link #defaults()} or
 * {@link #builder()}.
 */
public final class EngineOptions implements CompileOptions {

    /** No limit on the number of results. */
    public static final long UNLIMITED = -1;

    private final String timestampField;
    private final String tiebreakerField;
    private final String categoryField;
    private final TimestampPrecision timestampPrecision;
    private final Duration allowedLateness;
    private final long size;
    private final ResultPosition resultPosition;
    private final int maxSamplesPerKey;
    private final int maxPendingSequences;
    private final boolean orderSamplesByKey;
    /** The run-time settings this class has no setters of (state budget, time jumps), carried as they were given. */
    private final RuntimeOptions otherRuntime;

    private final Map<String, FieldType> fieldTypes;
    private final boolean strictFields;
    private final List<IndexMapping> mappings;

    private EngineOptions(Builder b) {
        this.timestampField = b.timestampField;
        this.tiebreakerField = b.tiebreakerField;
        this.categoryField = b.categoryField;
        this.timestampPrecision = b.timestampPrecision;
        this.allowedLateness = b.allowedLateness;
        this.size = b.size;
        this.resultPosition = b.resultPosition;
        this.maxSamplesPerKey = b.maxSamplesPerKey;
        this.maxPendingSequences = b.maxPendingSequences;
        this.orderSamplesByKey = b.orderSamplesByKey;
        this.otherRuntime = b.otherRuntime;
        this.fieldTypes = Map.copyOf(b.fieldTypes);
        this.strictFields = b.strictFields;
        this.mappings = List.copyOf(b.mappings);
    }

    /** These options' compile-time settings alone, as a plain value. */
    public CompileOptions compileOptions() {
        return CompileOptions.copyOf(this);
    }

    /** These options' run-time settings alone. */
    public RuntimeOptions runtimeOptions() {
        return otherRuntime.toBuilder()
                .allowedLateness(allowedLateness)
                .maxPendingSequences(maxPendingSequences)
                .maxSamplesPerKey(maxSamplesPerKey)
                .orderSamplesByKey(orderSamplesByKey)
                .build();
    }

    /** The two kinds of settings together. */
    public static EngineOptions of(CompileOptions compile, RuntimeOptions runtime) {
        return builder()
                .timestampField(compile.timestampField())
                .tiebreakerField(compile.tiebreakerField())
                .categoryField(compile.categoryField())
                .timestampPrecision(compile.timestampPrecision())
                .size(compile.size())
                .resultPosition(compile.resultPosition())
                .fieldTypes(compile.fieldTypes())
                .strictFields(compile.strictFields())
                .mappings(compile.mappings())
                .allowedLateness(runtime.allowedLateness())
                .maxPendingSequences(runtime.maxPendingSequences())
                .maxSamplesPerKey(runtime.maxSamplesPerKey())
                .orderSamplesByKey(runtime.orderSamplesByKey())
                .otherRuntime(runtime)
                .build();
    }

    /** The defaults: {@code @timestamp}, no tiebreaker, {@code event.category}, milliseconds, no lateness. */
    public static EngineOptions defaults() {
        return builder().build();
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these options. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.timestampField = timestampField;
        b.tiebreakerField = tiebreakerField;
        b.categoryField = categoryField;
        b.timestampPrecision = timestampPrecision;
        b.allowedLateness = allowedLateness;
        b.size = size;
        b.resultPosition = resultPosition;
        b.maxSamplesPerKey = maxSamplesPerKey;
        b.maxPendingSequences = maxPendingSequences;
        b.orderSamplesByKey = orderSamplesByKey;
        b.otherRuntime = otherRuntime;
        b.fieldTypes.putAll(fieldTypes);
        b.strictFields = strictFields;
        b.mappings.addAll(mappings);
        return b;
    }

    /** The field that holds each event's time (default {@code @timestamp}). */
    @Override
    public String timestampField() {
        return timestampField;
    }

    /** The field that orders events with equal timestamps, or {@code null} for arrival order only. */
    @Override
    public String tiebreakerField() {
        return tiebreakerField;
    }

    /** The field that {@code <category> where} tests (default {@code event.category}). */
    @Override
    public String categoryField() {
        return categoryField;
    }

    /** The precision of event time (default milliseconds). */
    @Override
    public TimestampPrecision timestampPrecision() {
        return timestampPrecision;
    }

    /**
     * How far behind the newest event time an event may arrive and still be put in order (default zero). An event
     * that would sort before one already evaluated is late (reported, not evaluated): one older than the newest
     * time minus this, or, at zero, one with the same time as the last evaluated event but a smaller tiebreaker.
     * Only events that some filter accepts are put in order (the others cannot change a result); time also moves
     * with the others, read from a sample of them (all of them while events wait in the reorder buffer or a
     * trailing missing event waits for time).
     */
    public Duration allowedLateness() {
        return allowedLateness;
    }

    /** The most results per rule, as Elasticsearch's {@code size}, or {@link #UNLIMITED} (the default). */
    @Override
    public long size() {
        return size;
    }

    /** Which results {@link #size()} keeps when a query has no pipe (default {@link ResultPosition#HEAD}). */
    @Override
    public ResultPosition resultPosition() {
        return resultPosition;
    }

    /** How many samples per join key a {@code sample} query returns (default 1). */
    public int maxSamplesPerKey() {
        return maxSamplesPerKey;
    }

    /**
     * The most pending sequences (or sample keys) a rule without {@code maxspan} keeps; beyond it the oldest are
     * evicted and counted in {@link EngineStats#evictedSequences()} (default 100,000).
     */
    public int maxPendingSequences() {
        return maxPendingSequences;
    }

    /**
     * Whether samples are delivered at {@link EqlEngine#finish()} in Elasticsearch's order (ascending join key),
     * instead of as soon as each is complete (default false: as completed).
     */
    public boolean orderSamplesByKey() {
        return orderSamplesByKey;
    }

    /** Field-type hints by field name, standing in for an index mapping (default none). */
    @Override
    public Map<String, FieldType> fieldTypes() {
        return fieldTypes;
    }

    /**
     * Whether {@link #fieldTypes()} and {@link #mappings()} list every field the events have, as the mapping of an
     * index holding them does (default false). Then, as in Elasticsearch, a query that names an unlisted field is
     * rejected, and an unlisted optional field ({@code ?field}) is {@code null} everywhere. Otherwise a field they
     * lack takes its type from each value, as Elasticsearch's dynamic mapping types a new field.
     */
    @Override
    public boolean strictFields() {
        return strictFields;
    }

    /**
     * The index mappings the events are read with (default none), one per index; an event names its index in its
     * {@code _index} field when there are several. A {@link #fieldTypes() field-type hint} wins over a mapping for
     * its field. See {@link IndexMapping}.
     */
    @Override
    public List<IndexMapping> mappings() {
        return mappings;
    }

    /** Builds {@link EngineOptions}. */
    public static final class Builder {
        private String timestampField = "@timestamp";
        private String tiebreakerField;
        private String categoryField = "event.category";
        private TimestampPrecision timestampPrecision = TimestampPrecision.MILLIS;
        private Duration allowedLateness = Duration.ZERO;
        private long size = UNLIMITED;
        private ResultPosition resultPosition = ResultPosition.HEAD;
        private int maxSamplesPerKey = 1;
        private int maxPendingSequences = 100_000;
        private boolean orderSamplesByKey;
        private RuntimeOptions otherRuntime = RuntimeOptions.defaults();
        private final Map<String, FieldType> fieldTypes = new LinkedHashMap<>();
        private boolean strictFields;
        private final List<IndexMapping> mappings = new ArrayList<>();

        private Builder() {}

        /** See {@link EngineOptions#timestampField()}. */
        public Builder timestampField(String field) {
            this.timestampField = requireName(field, "timestampField");
            return this;
        }

        /**
         * See {@link EngineOptions#tiebreakerField()}.
         *
         * @param field the tiebreaker field, or {@code null} for none
         */
        public Builder tiebreakerField(String field) {
            this.tiebreakerField = field == null ? null : requireName(field, "tiebreakerField");
            return this;
        }

        /** See {@link EngineOptions#categoryField()}; a rule's {@code event_category_override} wins for its rule. */
        public Builder categoryField(String field) {
            this.categoryField = requireName(field, "categoryField");
            return this;
        }

        /** See {@link EngineOptions#timestampPrecision()}. */
        public Builder timestampPrecision(TimestampPrecision precision) {
            this.timestampPrecision = Objects.requireNonNull(precision, "precision");
            return this;
        }

        /** See {@link EngineOptions#allowedLateness()}; any non-negative duration, however long. */
        public Builder allowedLateness(Duration lateness) {
            if (lateness.isNegative()) {
                throw new IllegalArgumentException("allowed lateness must not be negative: " + lateness);
            }
            this.allowedLateness = lateness;
            return this;
        }

        /**
         * See {@link EngineOptions#size()}.
         *
         * @param size the most results per rule, at least 0, or {@link EngineOptions#UNLIMITED}
         */
        public Builder size(long size) {
            if (size < 0 && size != UNLIMITED) {
                throw new IllegalArgumentException("size must be at least 0, got " + size);
            }
            this.size = size;
            return this;
        }

        /** See {@link EngineOptions#resultPosition()}. */
        public Builder resultPosition(ResultPosition position) {
            this.resultPosition = Objects.requireNonNull(position, "position");
            return this;
        }

        /** See {@link EngineOptions#maxSamplesPerKey()}; at least 1. */
        public Builder maxSamplesPerKey(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("max samples per key must be at least 1, got " + max);
            }
            this.maxSamplesPerKey = max;
            return this;
        }

        /** See {@link EngineOptions#maxPendingSequences()}; at least 1. */
        public Builder maxPendingSequences(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("max pending sequences must be at least 1, got " + max);
            }
            this.maxPendingSequences = max;
            return this;
        }

        /** See {@link EngineOptions#orderSamplesByKey()}. */
        public Builder orderSamplesByKey(boolean orderByKey) {
            this.orderSamplesByKey = orderByKey;
            return this;
        }

        /** Adds a type hint for one field. */
        public Builder fieldType(String field, FieldType type) {
            fieldTypes.put(requireName(field, "field"), Objects.requireNonNull(type, "type"));
            return this;
        }

        /** Adds type hints for several fields. */
        public Builder fieldTypes(Map<String, FieldType> types) {
            types.forEach(this::fieldType);
            return this;
        }

        /** See {@link EngineOptions#strictFields()}. */
        public Builder strictFields(boolean strict) {
            this.strictFields = strict;
            return this;
        }

        /**
         * Adds the mapping of one index (see {@link EngineOptions#mappings()}).
         *
         * @throws IllegalArgumentException when a mapping of an index of that name was already added
         */
        public Builder mapping(IndexMapping mapping) {
            Objects.requireNonNull(mapping, "mapping");
            for (IndexMapping m : mappings) {
                if (m.index().equals(mapping.index())) {
                    throw new IllegalArgumentException("two mappings for the index [" + mapping.index() + "] ("
                            + m.source() + " and " + mapping.source() + ")");
                }
            }
            mappings.add(mapping);
            return this;
        }

        /** Adds the mappings of several indices, as {@link #mapping(IndexMapping)} does each. */
        public Builder mappings(Collection<IndexMapping> indexMappings) {
            indexMappings.forEach(this::mapping);
            return this;
        }

        /**
         * Takes the run-time settings this builder has no setter of (the state budget, eviction reports, the bound
         * on a jump in event time) from {@code runtime}.
         */
        Builder otherRuntime(RuntimeOptions runtime) {
            this.otherRuntime = java.util.Objects.requireNonNull(runtime, "runtime");
            return this;
        }

        /** The options. */
        public EngineOptions build() {
            return new EngineOptions(this);
        }

        private static String requireName(String name, String what) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException(what + " must be a field name");
            }
            return name;
        }
    }

    @Override
    public String toString() {
        return "EngineOptions{timestampField=" + timestampField + ", tiebreakerField=" + tiebreakerField
                + ", categoryField=" + categoryField + ", precision=" + timestampPrecision
                + ", allowedLateness=" + allowedLateness + ", size=" + (size == UNLIMITED ? "unlimited" : size)
                + ", resultPosition=" + resultPosition + ", maxSamplesPerKey=" + maxSamplesPerKey
                + ", maxPendingSequences=" + maxPendingSequences + ", orderSamplesByKey=" + orderSamplesByKey
                + ", fieldTypes=" + fieldTypes + ", strictFields=" + strictFields + ", mappings="
                + mappings.stream().map(IndexMapping::index).toList() + '}';
    }
}
