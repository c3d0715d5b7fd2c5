package io.eql4j.runtime;

import io.eql4j.event.Event;

/**
 * What a {@link SequenceRunner} decides about partial sequences, for explaining a rule (see {@link EqlExplainer}).
 * Engines that are not explaining have none, and pay one null check per decision.
 */
interface SequenceTrace {

    /** The event matched the first positive stage and started a partial sequence. */
    void started(int stage, Object key, Event event);

    /** A newer partial sequence took the place of an older one at a stage; the older one is dropped. */
    void replaced(int stage, Object key, Event[] older, Event newer);

    /**
     * The event matched a later stage, but no partial sequence of its key waits at the previous stage.
     *
     * @param waiting the keys whose partial sequences do wait there (a few of them), for "the join key differed"
     */
    void noCandidate(int stage, Object key, Event event, java.util.List<Object> waiting);

    /** The event would have advanced a partial sequence, but it came later than maxspan after its first event. */
    void tooLate(int stage, Object key, Event[] dropped, Event event, long span);

    /** The event advanced a partial sequence to a stage. */
    void advanced(int stage, Object key, Event[] events, Event event);

    /** An until event dropped a key's partial sequences. */
    void killedByUntil(Object key, Event event, int dropped);

    /** A completed sequence was discarded because a missing-event stage's event happened. */
    void discardedByMissingEvent(Object key, Event[] events, String why);

    /** Event time passed maxspan after the first event of a key's partial sequences, which were dropped. */
    void expired(Object key, int dropped, long now);

    /** A sequence completed and will be delivered (maybe after waiting for its trailing missing events). */
    void completed(Object key, Event[] events);
}
