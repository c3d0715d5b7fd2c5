package io.eql4j.compile;

/**
 * Which results a size limit keeps when a query has no {@code head}/{@code tail} pipe, as Elasticsearch's
 * {@code result_position} parameter.
 */
public enum ResultPosition {
    /** The first results; they are delivered as soon as they are final. eql4j's default on streams. */
    HEAD,
    /** The last results, delivered when the stream finishes (Elasticsearch's default, made for stored data). */
    TAIL
}
