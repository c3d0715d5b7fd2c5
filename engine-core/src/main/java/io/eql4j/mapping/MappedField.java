package io.eql4j.mapping;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One field of an {@link IndexMapping}, under its full dotted name: a leaf field, a multi-field ({@code
 * file_name.keyword}), an alias, or an object, nested or flattened field. Immutable.
 *
 * <p>How each mapping parameter changes what a query sees is described in the project's
 * {@code docs/mappings.md}.
 */
public final class MappedField {

    private final String name;
    private final String type;
    private final FieldType fieldType;
    private final String aliasPath;
    private final Object nullValue;
    private final List<String> formats;
    private final int ignoreAbove;
    private final String constantValue;
    private final String container;

    MappedField(
            String name,
            String type,
            FieldType fieldType,
            String aliasPath,
            Object nullValue,
            List<String> formats,
            int ignoreAbove,
            String constantValue,
            String container) {
        this.name = Objects.requireNonNull(name, "name");
        this.type = Objects.requireNonNull(type, "type");
        this.fieldType = fieldType;
        this.aliasPath = aliasPath;
        this.nullValue = nullValue;
        this.formats = List.copyOf(formats);
        this.ignoreAbove = ignoreAbove;
        this.constantValue = constantValue;
        this.container = container;
    }

    /** The full dotted name, e.g. {@code process.pid}. */
    public String name() {
        return name;
    }

    /**
     * The Elasticsearch type as the mapping writes it: {@code keyword}, {@code long}, {@code date}, {@code alias},
     * {@code object}, {@code nested}, {@code flattened}, or any other type name (which EQL cannot use).
     */
    public String type() {
        return type;
    }

    /**
     * How the engine treats the field's values, or empty when EQL cannot use the field: objects, nested and
     * flattened fields, text without a keyword multi-field, and types EQL does not support (e.g. {@code
     * geo_point}). For an alias: empty (see {@link #aliasPath()}).
     */
    public Optional<FieldType> fieldType() {
        return Optional.ofNullable(fieldType);
    }

    /** For an alias, the field it stands for. */
    public Optional<String> aliasPath() {
        return Optional.ofNullable(aliasPath);
    }

    /**
     * The {@code null_value} parameter: what an explicit {@code null} in a document (a null value, or a null element
     * of an array) is indexed as. Empty when the mapping sets none, and then an explicit null is no value.
     */
    public Optional<Object> nullValue() {
        return Optional.ofNullable(nullValue);
    }

    /**
     * The date formats of a {@code date} or {@code date_nanos} field, in the order Elasticsearch tries them ({@code
     * format} split at {@code ||}); empty for the default {@code strict_date_optional_time||epoch_millis} and for
     * other types.
     */
    public List<String> formats() {
        return formats;
    }

    /** The {@code ignore_above} parameter of a keyword field: longer strings are not indexed. */
    public OptionalInt ignoreAbove() {
        return ignoreAbove < 0 ? OptionalInt.empty() : OptionalInt.of(ignoreAbove);
    }

    /** The value of a {@code constant_keyword} field, which every document of the index has. */
    public Optional<String> constantValue() {
        return Optional.ofNullable(constantValue);
    }

    /**
     * When the field lies inside a {@code nested} or {@code flattened} field, that field's name: EQL cannot use
     * it.
     */
    public Optional<String> container() {
        return Optional.ofNullable(container);
    }

    @Override
    public String toString() {
        return name + ": " + type;
    }
}
