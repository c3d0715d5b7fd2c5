package io.eql4j.flink;

import java.util.Objects;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * An event the job could not use, or could use only in part, on the job's problem side output: nothing is dropped
 * silently. Immutable; Flink serialises it with {@link FlinkTypes.ProblemRecordSerializer}, not Kryo.
 *
 * @param kind    what went wrong
 * @param origin  where the event came from: {@code FILE:LINE} for a file, {@code TOPIC/PARTITION@OFFSET} for Kafka
 * @param ruleId  the rule concerned, or {@code null} when the problem concerns every rule
 * @param message a description for people, in eql4j's words
 * @param event   the event's text, or {@code null} when it is not valid UTF-8
 */
@TypeInfo(FlinkTypes.ProblemRecordFactory.class)
public record ProblemRecord(Kind kind, String origin, String ruleId, String message, String event) {

    /** The kinds of problem. */
    public enum Kind {
        /** The line is not one JSON object (or not UTF-8, or repeats a key). */
        MALFORMED,
        /** The event passes a filter of an event query or sequence but has no usable timestamp. */
        NO_TIMESTAMP,
        /** The event came behind the watermark by more than the allowed lateness; it was not evaluated further. */
        LATE,
        /** Evaluating one rule on the event failed; the event went on to every other rule. */
        RULE_ERROR
    }

    public ProblemRecord {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(message, "message");
    }

    /** {@code ORIGIN: MESSAGE}, as {@code eql4j run} reports problems. */
    @Override
    public String toString() {
        return origin + ": " + message;
    }
}
