package io.eql4j.compile;

/**
 * The precision of event time, as the mapping of Elasticsearch's timestamp field sets it: {@code date} fields keep
 * milliseconds, {@code date_nanos} fields nanoseconds. Timestamps are truncated to it, and {@code maxspan} is
 * compared in it.
 */
public enum TimestampPrecision {
    /** Milliseconds (Elasticsearch's {@code date}); finer digits of ISO-8601 timestamps are dropped. */
    MILLIS(1_000_000L),
    /** Nanoseconds (Elasticsearch's {@code date_nanos}). */
    NANOS(1L);

    private final long nanosPerUnit;

    TimestampPrecision(long nanosPerUnit) {
        this.nanosPerUnit = nanosPerUnit;
    }

    /** How many nanoseconds one unit of this precision is. */
    public long nanosPerUnit() {
        return nanosPerUnit;
    }
}
