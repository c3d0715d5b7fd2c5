package io.eql4j.internal.plan;

import java.util.ArrayList;
import java.util.List;

/**
 * The limits on a rule's results: the implicit size limit, then each {@code head}/{@code tail} pipe, applied in
 * order to the ascending list of results.
 *
 * @param steps       positive n = head n, negative n = tail |n| (tail 0 is {@link Long#MIN_VALUE})
 * @param foldOffsets true for event queries, where Elasticsearch folds the limits into one offset and limit
 *                    applied by the search (which differs from applying them in order when there are fewer
 *                    results than a head asks for)
 */
public record ResultLimit(List<Long> steps, boolean foldOffsets) {

    /** No limit. */
    public static final ResultLimit NONE = new ResultLimit(List.of(), false);

    public ResultLimit {
        steps = List.copyOf(steps);
    }

    /** A head step of {@code n}. */
    public static long head(long n) {
        return n;
    }

    /** A tail step of {@code n}. */
    public static long tail(long n) {
        return n == 0 ? Long.MIN_VALUE : -n;
    }

    /** Whether a step keeps the first results. */
    public static boolean isHead(long step) {
        return step >= 0;
    }

    /** How many results a step keeps. */
    public static long count(long step) {
        return step == Long.MIN_VALUE ? 0 : Math.abs(step);
    }

    /** Whether results can be delivered before the stream ends (no tail step). */
    public boolean streaming() {
        for (long step : steps) {
            if (!isHead(step)) {
                return false;
            }
        }
        return true;
    }

    /** This limit followed by one more step. */
    public ResultLimit then(long step) {
        List<Long> next = new ArrayList<>(steps);
        next.add(step);
        return new ResultLimit(next, foldOffsets);
    }
}
