package io.eql4j.runtime;

import static io.eql4j.internal.util.Longs.saturatedAdd;

import io.eql4j.internal.plan.ResultLimit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies a rule's result limits to its stream of results (offered in ascending result order) and passes on
 * what they keep: at once while only {@code head} steps apply, at the end of the stream (or as soon as a head
 * step has seen all it takes) when a {@code tail} step needs the last results.
 */
final class ResultPipeline {

    private final MatchListener out;
    /** Head mode: how many results pass the leading head steps (all when none). */
    private final long headCap;
    /** The steps after the first tail step, that one included; empty when there is none. */
    private final List<Long> rest;
    /** Fold mode (event queries): the steps folded into one offset and limit from one end. */
    private final boolean fold;

    private final boolean foldHead;
    private final long offset;
    private final long limit;

    final ArrayDeque<Match> ring = new ArrayDeque<>();
    private final long ringSize;
    long seen;
    boolean done;

    ResultPipeline(ResultLimit resultLimit, MatchListener out) {
        this.out = out;
        List<Long> steps = resultLimit.steps();
        this.fold = resultLimit.foldOffsets() && !steps.isEmpty();
        if (fold) {
            boolean head = ResultLimit.isHead(steps.get(0));
            long off = 0;
            long lim = ResultLimit.count(steps.get(0));
            for (int i = 1; i < steps.size(); i++) {
                long step = steps.get(i);
                long n = ResultLimit.count(step);
                if (ResultLimit.isHead(step) == head) {
                    lim = Math.min(lim, n);
                } else if (n < lim) {
                    off += lim - n;
                    lim = n;
                }
            }
            this.foldHead = head;
            this.offset = off;
            this.limit = lim;
            this.headCap = head ? saturatedAdd(off, lim) : Long.MAX_VALUE;
            this.rest = List.of();
            this.ringSize = head ? 0 : saturatedAdd(off, lim);
        } else {
            long cap = Long.MAX_VALUE;
            int i = 0;
            while (i < steps.size() && ResultLimit.isHead(steps.get(i))) {
                cap = Math.min(cap, steps.get(i));
                i++;
            }
            this.headCap = cap;
            this.rest = List.copyOf(steps.subList(i, steps.size()));
            this.ringSize = rest.isEmpty() ? 0 : ResultLimit.count(rest.get(0));
            this.foldHead = true;
            this.offset = 0;
            this.limit = Long.MAX_VALUE;
        }
        this.done = headCap == 0;
    }

    /** Whether no further result can pass: the rule need not be evaluated any more. */
    boolean done() {
        return done;
    }

    /** Offers the next result in result order. */
    void offer(Match match) {
        if (done) {
            return;
        }
        long index = seen++;
        if (fold && foldHead) {
            if (index >= offset) {
                out.onMatch(match);
            }
        } else if (fold || !rest.isEmpty()) {
            if (ringSize > 0) {
                if (ring.size() == ringSize) {
                    ring.removeFirst();
                }
                ring.addLast(match);
            }
        } else {
            out.onMatch(match);
        }
        if (seen >= headCap) {
            flush();
        }
    }

    /** The stream ended: delivers what tail steps kept. */
    void finish() {
        if (!done) {
            flush();
        }
    }

    private void flush() {
        done = true;
        if (fold && !foldHead) {
            // the last offset+limit results, without the last offset of them
            long keep = ring.size() - offset;
            for (Match m : ring) {
                if (keep-- <= 0) {
                    break;
                }
                out.onMatch(m);
            }
        } else if (!fold && !rest.isEmpty()) {
            List<Match> list = new ArrayList<>(ring);
            for (long step : rest) {
                int n = (int) Math.min(ResultLimit.count(step), list.size());
                list = ResultLimit.isHead(step) ? list.subList(0, n) : list.subList(list.size() - n, list.size());
            }
            list.forEach(out::onMatch);
        }
        ring.clear();
    }
}
