package io.eql4j.internal.plan;

import static io.eql4j.internal.util.Longs.saturatedAdd;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Applies a rule's result limits to its stream of results (offered in ascending result order) and passes on
 * what they keep: at once while only {@code head} steps apply, at the end of the stream (or as soon as a head
 * step has seen all it takes) when a {@code tail} step needs the last results.
 *
 * <p>The embedded engine's runners use it for their matches; a partitioned runtime (eql4j-flink) uses the same
 * class over its own match records once it has put a rule's results in result order. Its state is {@link #seen()},
 * {@link #done()} and {@link #kept()}, which {@link #restore} sets again. Not thread-safe.
 *
 * @param <T> the type of a result
 */
public class LimitedResults<T> {

    private final Consumer<? super T> out;
    /** Head mode: how many results pass the leading head steps (all when none). */
    private final long headCap;
    /** The steps after the first tail step, that one included; empty when there is none. */
    private final List<Long> rest;
    /** Fold mode (event queries): the steps folded into one offset and limit from one end. */
    private final boolean fold;

    private final boolean foldHead;
    private final long offset;
    private final long limit;

    private final ArrayDeque<T> ring = new ArrayDeque<>();
    private final long ringSize;
    private long seen;
    private boolean done;

    /**
     * @param resultLimit the rule's limits
     * @param out         receives the results the limits keep, in result order
     */
    public LimitedResults(ResultLimit resultLimit, Consumer<? super T> out) {
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
    public final boolean done() {
        return done;
    }

    /** How many results were offered. */
    public final long seen() {
        return seen;
    }

    /** The results held for a {@code tail} step (the state to snapshot with {@link #seen()} and {@link #done()}). */
    public final ArrayDeque<T> kept() {
        return ring;
    }

    /** Sets the state again from a snapshot ({@link #seen()}, {@link #done()}; {@link #kept()} is filled in place). */
    public final void restore(long seen, boolean done) {
        this.seen = seen;
        this.done = done;
    }

    /** Offers the next result in result order. */
    public final void offer(T match) {
        if (done) {
            return;
        }
        long index = seen++;
        if (fold && foldHead) {
            if (index >= offset) {
                out.accept(match);
            }
        } else if (fold || !rest.isEmpty()) {
            if (ringSize > 0) {
                if (ring.size() == ringSize) {
                    ring.removeFirst();
                }
                ring.addLast(match);
            }
        } else {
            out.accept(match);
        }
        if (seen >= headCap) {
            flush();
        }
    }

    /** The stream ended: delivers what tail steps kept. */
    public final void finish() {
        if (!done) {
            flush();
        }
    }

    private void flush() {
        done = true;
        if (fold && !foldHead) {
            // the last offset+limit results, without the last offset of them
            long keep = ring.size() - offset;
            for (T m : ring) {
                if (keep-- <= 0) {
                    break;
                }
                out.accept(m);
            }
        } else if (!fold && !rest.isEmpty()) {
            List<T> list = new ArrayList<>(ring);
            for (long step : rest) {
                int n = (int) Math.min(ResultLimit.count(step), list.size());
                list = ResultLimit.isHead(step) ? list.subList(0, n) : list.subList(list.size() - n, list.size());
            }
            list.forEach(out);
        }
        ring.clear();
    }
}
