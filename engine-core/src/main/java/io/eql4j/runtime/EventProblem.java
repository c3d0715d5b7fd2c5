package io.eql4j.runtime;

import io.eql4j.event.Event;

/**
 * An event the engine could not use, or could use only in part. Nothing is dropped silently: every problem is
 * reported to the {@link ProblemListener} and counted in {@link EngineStats}.
 *
 * @param kind        what went wrong
 * @param eventNumber the event's number in the stream (1-based, in arrival order)
 * @param event       the event
 * @param ruleId      the rule concerned, or {@code null} when the problem concerns every rule
 * @param message     a description for people
 */
public record EventProblem(Kind kind, long eventNumber, Event event, String ruleId, String message) {

    /** The kinds of problem. */
    public enum Kind {
        /**
         * The event passes a filter of an event query or sequence but has no timestamp, or one that cannot be
         * read. It is left out of event queries and sequences, which need time; samples still see it. (An event
         * that no filter accepts needs no time and is not reported.)
         */
        NO_TIMESTAMP,
        /**
         * The event passes a filter but came later than the allowed lateness permits; it was not put in order and
         * not evaluated further.
         */
        LATE,
        /** Evaluating one rule on the event failed unexpectedly; the event went on to every other rule. */
        RULE_ERROR,
        /**
         * The event's time is further ahead of the stream's than {@link RuntimeOptions#maxTimeJump()}, and the stream
         * contradicted it (an event evaluated after it is more than the allowed lateness before its time): it is set
         * apart, without moving event time, and evaluated when time comes within the bound of it or at the end of
         * the stream. Also: the stream's first time was abandoned. A jump that later events confirm is not reported.
         * Reported once per event.
         */
        TIME_JUMP,
        /**
         * A rule dropped pending sequences (or sample keys) to stay within {@link RuntimeOptions#maxPendingSequences()}
         * or {@link RuntimeOptions#maxPendingTotal()}. Not about this event (the one being evaluated when it happened,
         * {@code null} at the end of the stream): reported once per rule and
         * {@link RuntimeOptions#evictionReportInterval()}, with the count since the last report.
         */
        EVICTED
    }

    @Override
    public String toString() {
        return "event " + eventNumber + ": " + message;
    }
}
