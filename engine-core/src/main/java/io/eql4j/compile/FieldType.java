package io.eql4j.compile;

/**
 * A hint about a field's type, standing in for the index mapping that Elasticsearch would have. Without hints,
 * eql4j infers what it needs from the values of each event; a hint makes a field behave as a mapped field of that
 * type does in Elasticsearch.
 */
public enum FieldType {
    /** A string compared exactly (the default for strings). */
    KEYWORD,
    /** An integer. */
    LONG,
    /** A floating-point number. */
    DOUBLE,
    /** A boolean. */
    BOOLEAN,
    /**
     * A date with millisecond precision: comparisons with ISO-8601 strings and epoch-millisecond numbers use
     * Elasticsearch's date rounding, and as a join key the value reads as {@code 2017-08-30T20:47:33.000Z}.
     */
    DATE,
    /** A date with nanosecond precision; otherwise like {@link #DATE}. */
    DATE_NANOS,
    /** An IP address. */
    IP,
    /** A software version: compared by semantic-versioning order, so that {@code "1.11.3" > "1.5.0"}. */
    VERSION
}
