package io.eql4j.runtime;

/**
 * The engine-wide count of pending sequences and sample keys, which every rule's state keeps up to date as it
 * changes, so that the engine can check its budget ({@link RuntimeOptions#maxPendingTotal()}) with one comparison
 * per event.
 */
final class StateBudget {

    /** Pending sequences and sample keys held by all rules now. */
    long used;
    /** The most that may be held. */
    final long max;

    StateBudget(long max) {
        this.max = max;
    }

    /** A budget for state held outside an engine (never over). */
    static StateBudget unlimited() {
        return new StateBudget(Long.MAX_VALUE);
    }

    boolean over() {
        return used > max;
    }
}
