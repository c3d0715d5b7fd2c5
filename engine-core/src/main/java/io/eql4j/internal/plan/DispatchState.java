package io.eql4j.internal.plan;

/**
 * One engine's per-event scratch for a {@link Dispatcher}: which filters were evaluated for the current event
 * and which passed. Reset in O(passed) per event, without clearing arrays.
 */
public final class DispatchState {

    private final long[] visited;
    private final boolean[] passed;
    private final int[] passedIds;
    private int count;
    private long stamp = 1;
    private final java.util.List<Integer> failedIds = new java.util.ArrayList<>(0);
    private final java.util.List<RuntimeException> failures = new java.util.ArrayList<>(0);

    public DispatchState(int filters) {
        this.visited = new long[filters];
        this.passed = new boolean[filters];
        this.passedIds = new int[filters];
    }

    /** Forgets the previous event. */
    public void reset() {
        for (int i = 0; i < count; i++) {
            passed[passedIds[i]] = false;
        }
        count = 0;
        stamp++;
        if (!failures.isEmpty()) {
            failedIds.clear();
            failures.clear();
        }
    }

    void fail(int id, RuntimeException e) {
        failedIds.add(id);
        failures.add(e);
    }

    /** How many filters failed with an exception for the current event. */
    public int failureCount() {
        return failures.size();
    }

    /** The id of the {@code i}-th filter that failed. */
    public int failedId(int i) {
        return failedIds.get(i);
    }

    /** What the {@code i}-th failed filter threw. */
    public RuntimeException failure(int i) {
        return failures.get(i);
    }

    /** Marks filter {@code id} as evaluated for this event; false when it already was. */
    boolean visit(int id) {
        if (visited[id] == stamp) {
            return false;
        }
        visited[id] = stamp;
        return true;
    }

    void pass(int id) {
        passed[id] = true;
        passedIds[count++] = id;
    }

    /** The ids of the filters that passed for the current event, in the order they passed (a copy). */
    public int[] passedIds() {
        return java.util.Arrays.copyOf(passedIds, count);
    }

    /**
     * Makes {@code ids} the filters that passed, for an event evaluated earlier whose turn comes now (one that waited
     * to be put in time order): its filters are not evaluated, nor their failures reported, a second time.
     */
    public void restore(int[] ids) {
        reset();
        for (int id : ids) {
            pass(id);
        }
    }

    /** Whether filter {@code id} passed for the current event. */
    public boolean passed(int id) {
        return passed[id];
    }

    /** How many filters passed for the current event. */
    public int count() {
        return count;
    }

    /** The id of the {@code i}-th filter that passed. */
    public int passedId(int i) {
        return passedIds[i];
    }
}
