package io.eql4j.internal.plan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The shape of a sequence's machine, derived once by the compiler from which stages are missing-event stages
 * ({@code ![...]}): the first and last positive stage, the positive stage each stage follows, and the three kinds of
 * missing-event stage. Leading ones (before the first positive stage) and inner ones (between two positive stages)
 * are tracked per join key by a tracker index; trailing ones (after the last positive stage) make a completed
 * sequence wait for a verdict. Immutable.
 */
public final class SequenceTopology {

    private final int stages;
    private final int firstPositive;
    private final int lastPositive;
    private final int[] previousPositive;
    private final int[][] innerMissing;
    private final int[] leading;
    private final int[] trackerOf;
    private final boolean[] trailing;
    private final int trackers;

    private SequenceTopology(boolean[] missing) {
        int n = missing.length;
        int first = -1;
        int last = -1;
        for (int i = 0; i < n; i++) {
            if (!missing[i]) {
                if (first < 0) {
                    first = i;
                }
                last = i;
            }
        }
        if (first < 0) {
            throw new IllegalArgumentException("a sequence needs a stage that is not a missing-event stage");
        }
        this.stages = n;
        this.firstPositive = first;
        this.lastPositive = last;
        this.previousPositive = new int[n];
        this.innerMissing = new int[n][];
        this.trackerOf = new int[n];
        this.trailing = new boolean[n];
        List<Integer> leadingTrackers = new ArrayList<>();
        List<Integer> between = new ArrayList<>();
        int tracker = 0;
        int prev = -1;
        for (int i = 0; i < n; i++) {
            previousPositive[i] = prev;
            trackerOf[i] = -1;
            if (missing[i]) {
                if (i < first) {
                    trackerOf[i] = tracker++;
                    leadingTrackers.add(trackerOf[i]);
                } else if (i > last) {
                    trailing[i] = true;
                } else {
                    trackerOf[i] = tracker++;
                    between.add(trackerOf[i]);
                }
            } else {
                innerMissing[i] = between.stream().mapToInt(Integer::intValue).toArray();
                between.clear();
                prev = i;
            }
        }
        this.leading = leadingTrackers.stream().mapToInt(Integer::intValue).toArray();
        this.trackers = tracker;
    }

    /** The topology of a sequence whose stages are missing-event stages where {@code missing} says so. */
    public static SequenceTopology of(boolean... missing) {
        return new SequenceTopology(missing.clone());
    }

    /** The topology of these stages. */
    public static SequenceTopology of(List<StagePlan> stages) {
        boolean[] missing = new boolean[stages.size()];
        for (int i = 0; i < missing.length; i++) {
            missing[i] = stages.get(i).missing();
        }
        return new SequenceTopology(missing);
    }

    public int stageCount() {
        return stages;
    }

    /** The stage that starts a partial sequence. */
    public int firstPositive() {
        return firstPositive;
    }

    /** The stage that completes a sequence. */
    public int lastPositive() {
        return lastPositive;
    }

    /** The positive stage before stage {@code s}, whose partial sequences it advances, or -1. */
    public int previousPositive(int s) {
        return previousPositive[s];
    }

    /** For positive stage {@code s}: the trackers of the inner missing stages between it and the previous one. */
    public int[] innerMissing(int s) {
        return innerMissing[s] == null ? new int[0] : innerMissing[s].clone();
    }

    /** The trackers of the leading missing stages. */
    public int[] leading() {
        return leading.clone();
    }

    /** The tracker of stage {@code s} (a leading or inner missing stage), or -1. */
    public int trackerOf(int s) {
        return trackerOf[s];
    }

    /** Whether stage {@code s} is a trailing missing stage. */
    public boolean trailing(int s) {
        return trailing[s];
    }

    /** Whether stage {@code s} is a missing-event stage. */
    public boolean missing(int s) {
        return s < firstPositive || s > lastPositive || trackerOf[s] >= 0;
    }

    /** How many missing stages are tracked per join key (leading and inner ones). */
    public int trackers() {
        return trackers;
    }

    public boolean hasLeading() {
        return leading.length > 0;
    }

    public boolean hasTrailing() {
        return lastPositive < stages - 1;
    }

    public boolean hasMissing() {
        return firstPositive > 0 || hasTrailing() || trackers > 0;
    }

    /** The machine in words, for {@code explain}. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append("starts at stage ")
                .append(firstPositive)
                .append(", completes at stage ")
                .append(lastPositive);
        for (int s = firstPositive + 1; s <= lastPositive; s++) {
            if (!missing(s)) {
                sb.append("; ").append(s).append(" follows ").append(previousPositive[s]);
                if (innerMissing[s].length > 0) {
                    sb.append(" unless missing ")
                            .append(stagesOf(innerMissing[s]))
                            .append(" came between");
                }
            }
        }
        if (leading.length > 0) {
            sb.append("; leading missing ").append(stagesOf(leading));
        }
        if (hasTrailing()) {
            List<Integer> t = new ArrayList<>();
            for (int s = lastPositive + 1; s < stages; s++) {
                t.add(s);
            }
            sb.append("; trailing missing ").append(t).append(" (completed sequences wait for a verdict)");
        }
        return sb.toString();
    }

    private List<Integer> stagesOf(int[] trackerIndexes) {
        List<Integer> out = new ArrayList<>();
        for (int t : trackerIndexes) {
            for (int s = 0; s < stages; s++) {
                if (trackerOf[s] == t) {
                    out.add(s);
                }
            }
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SequenceTopology t
                && stages == t.stages
                && firstPositive == t.firstPositive
                && lastPositive == t.lastPositive
                && Arrays.equals(trackerOf, t.trackerOf);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(trackerOf) * 31 + stages * 7 + firstPositive * 3 + lastPositive;
    }

    @Override
    public String toString() {
        return describe();
    }
}
