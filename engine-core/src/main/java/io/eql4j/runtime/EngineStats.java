package io.eql4j.runtime;

/**
 * A snapshot of an engine's counters and live state.
 *
 * @param eventsReceived     events given to {@link EqlEngine#accept}
 * @param eventsProcessed    events whose filters were evaluated (those a filter accepted in event-time order)
 * @param eventsWithoutTimestamp events a filter accepted without a readable timestamp
 *                           (see {@link EventProblem.Kind#NO_TIMESTAMP})
 * @param lateEvents         events a filter accepted that came later than the allowed lateness
 * @param ruleErrors         rule evaluations that failed unexpectedly
 * @param matches            matches delivered
 * @param bufferedEvents     events waiting in the reorder buffer for their turn
 * @param pendingSequences   partial sequences waiting for their next stage
 * @param pendingDecisions   completed sequences waiting to learn whether a trailing missing event happens
 * @param sampleKeys         join keys with sample candidates held
 * @param expiredSequences   partial sequences dropped because event time passed their maxspan
 * @param evictedSequences   partial sequences (or sample keys) dropped to respect the pending limits, per rule
 *                           ({@link RuntimeOptions#maxPendingSequences()}) and per engine
 *                           ({@link RuntimeOptions#maxPendingTotal()})
 * @param evictedByRule      {@code evictedSequences} by rule id, for the rules that evicted any, in plan order
 * @param timeJumps          events reported because their time was further ahead than
 *                           {@link RuntimeOptions#maxTimeJump()} and the stream contradicted it, and abandoned first
 *                           times (see {@link EventProblem.Kind#TIME_JUMP})
 * @param heldForTimeJump    the events held now for a jump in time: waiting for confirmation, or set apart
 */
public record EngineStats(
        long eventsReceived,
        long eventsProcessed,
        long eventsWithoutTimestamp,
        long lateEvents,
        long ruleErrors,
        long matches,
        long bufferedEvents,
        long pendingSequences,
        long pendingDecisions,
        long sampleKeys,
        long expiredSequences,
        long evictedSequences,
        java.util.Map<String, Long> evictedByRule,
        long timeJumps,
        long heldForTimeJump) {}
