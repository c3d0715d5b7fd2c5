package io.eql4j.compile;

import io.eql4j.mapping.FieldType;
import io.eql4j.mapping.IndexMapping;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The settings that shape a compiled plan: which fields hold time, order and category, the precision of time,
 * field-type hints, and the result limits of an Elasticsearch EQL search request. A plan compiled with them runs
 * under any {@link io.eql4j.runtime.RuntimeOptions} without recompiling.
 *
 * <p>Start from {@link #defaults()} or {@link #builder()}. {@link io.eql4j.runtime.EngineOptions}, which holds
 * compile-time and run-time settings together, is also a {@code CompileOptions}; two options with the same
 * compile-time settings compile to the same plan (see {@link #sameAs}).
 */
public interface CompileOptions {

    /** No limit on the number of results. */
    long UNLIMITED = -1;

    /** The field that holds each event's time (default {@code @timestamp}). */
    String timestampField();

    /** The field that orders events with equal timestamps, or {@code null} for arrival order only. */
    String tiebreakerField();

    /** The field that {@code <category> where} tests (default {@code event.category}). */
    String categoryField();

    /** The precision of event time (default milliseconds). */
    TimestampPrecision timestampPrecision();

    /** The most results per rule, as Elasticsearch's {@code size}, or {@link #UNLIMITED} (the default). */
    long size();

    /** Which results {@link #size()} keeps when a query has no pipe (default {@link ResultPosition#HEAD}). */
    ResultPosition resultPosition();

    /** Field-type hints by field name, standing in for an index mapping (default none). */
    Map<String, FieldType> fieldTypes();

    /**
     * Whether {@link #fieldTypes()} lists every field the events have, as an index mapping does (default false).
     * Then a query that names an unlisted field is rejected, and an unlisted optional field is {@code null}.
     */
    boolean strictFields();

    /**
     * The index mappings the events are read with (default none), one per index; an event names its index in its
     * {@code _index} field. See {@link IndexMapping} and {@code docs/mappings.md}.
     */
    List<IndexMapping> mappings();

    /** The defaults. */
    static CompileOptions defaults() {
        return builder().build();
    }

    /** A builder starting from the defaults. */
    static Builder builder() {
        return new Builder();
    }

    /** The compile-time settings of {@code options} as a plain value (equal to any other with the same settings). */
    static CompileOptions copyOf(CompileOptions options) {
        Builder b = builder()
                .timestampField(options.timestampField())
                .tiebreakerField(options.tiebreakerField())
                .categoryField(options.categoryField())
                .timestampPrecision(options.timestampPrecision())
                .size(options.size())
                .resultPosition(options.resultPosition())
                .fieldTypes(options.fieldTypes())
                .strictFields(options.strictFields())
                .mappings(options.mappings());
        return b.build();
    }

    /** Whether two options have the same compile-time settings (and so compile any rule to the same machine). */
    static boolean sameAs(CompileOptions a, CompileOptions b) {
        return copyOf(a).equals(copyOf(b));
    }

    /** Builds {@link CompileOptions}. */
    final class Builder {
        private String timestampField = "@timestamp";
        private String tiebreakerField;
        private String categoryField = "event.category";
        private TimestampPrecision timestampPrecision = TimestampPrecision.MILLIS;
        private long size = UNLIMITED;
        private ResultPosition resultPosition = ResultPosition.HEAD;
        private final Map<String, FieldType> fieldTypes = new LinkedHashMap<>();
        private boolean strictFields;
        private final List<IndexMapping> mappings = new ArrayList<>();

        private Builder() {}

        /** See {@link CompileOptions#timestampField()}. */
        public Builder timestampField(String field) {
            this.timestampField = requireName(field, "timestampField");
            return this;
        }

        /** See {@link CompileOptions#tiebreakerField()}; {@code null} for none. */
        public Builder tiebreakerField(String field) {
            this.tiebreakerField = field == null ? null : requireName(field, "tiebreakerField");
            return this;
        }

        /** See {@link CompileOptions#categoryField()}. */
        public Builder categoryField(String field) {
            this.categoryField = requireName(field, "categoryField");
            return this;
        }

        /** See {@link CompileOptions#timestampPrecision()}. */
        public Builder timestampPrecision(TimestampPrecision precision) {
            this.timestampPrecision = Objects.requireNonNull(precision, "precision");
            return this;
        }

        /** See {@link CompileOptions#size()}: at least 0, or {@link CompileOptions#UNLIMITED}. */
        public Builder size(long size) {
            if (size < 0 && size != UNLIMITED) {
                throw new IllegalArgumentException("size must be at least 0, got " + size);
            }
            this.size = size;
            return this;
        }

        /** See {@link CompileOptions#resultPosition()}. */
        public Builder resultPosition(ResultPosition position) {
            this.resultPosition = Objects.requireNonNull(position, "position");
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

        /** See {@link CompileOptions#strictFields()}. */
        public Builder strictFields(boolean strict) {
            this.strictFields = strict;
            return this;
        }

        /** Adds the mapping of one index; two mappings for one index are refused. */
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

        /** The options. */
        public CompileOptions build() {
            return new CompileSettings(
                    timestampField,
                    tiebreakerField,
                    categoryField,
                    timestampPrecision,
                    size,
                    resultPosition,
                    Map.copyOf(fieldTypes),
                    strictFields,
                    List.copyOf(mappings));
        }

        private static String requireName(String name, String what) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException(what + " must be a field name");
            }
            return name;
        }
    }
}
