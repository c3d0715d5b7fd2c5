package io.eql4j.bench;

import io.eql4j.bench.seed.HandWrittenSeedRule;
import io.eql4j.bench.seed.SeedLogic;
import io.eql4j.bench.seed.SeedRule;
import io.eql4j.bench.seed.SeedStream;
import io.eql4j.compile.Plan;
import io.eql4j.event.Event;
import io.eql4j.runtime.EqlEngine;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Heap held by pending sequences of the seed rule, measured with forced full GCs before and after (no agent, no JOL):
 *
 * <ol>
 *   <li><b>Bytes per pending sequence</b>: {@code n} token reads with distinct pods, all within one window, are built
 *       and kept reachable first; the heap is measured, the reads are fed to a fresh engine, and measured again. The
 *       difference is the engine's state only (the events were already counted in the first measurement), divided
 *       by {@code stats().pendingSequences()}. The hand-written HashMap baseline is measured the same way.</li>
 *   <li><b>After the window</b>: event time is moved past {@code maxspan} with {@code advanceTo}; pending sequences
 *       must be 0 and the heap should be back near the first measurement.</li>
 *   <li>The same for the {@link SeedStream} stream with {@code n} events over {@code n} keys.</li>
 * </ol>
 *
 * Run as {@code java -XX:+UseSerialGC -Xmx4g -cp benchmarks/target/benchmarks.jar io.eql4j.bench.SequenceMemory
 * [n]} (SerialGC makes "used heap after a full GC" exact; G1 rounds humongous arrays up to regions).
 */
public final class SequenceMemory {

    /** What one measurement found. */
    public record Result(
            String what, long pendingBefore, long pendingAfter, long baseline, long withState, long afterWindow) {

        /** Heap held per pending sequence. */
        public double bytesPerPending() {
            return pendingBefore == 0 ? Double.NaN : (withState - baseline) / (double) pendingBefore;
        }

        @Override
        public String toString() {
            return String.format(
                    "%-44s pending %,9d -> %d   state %,12d B = %6.1f B/pending   after the window %+,11d B",
                    what, pendingBefore, pendingAfter, withState - baseline, bytesPerPending(), afterWindow - baseline);
        }
    }

    private SequenceMemory() {}

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        System.out.println("JVM " + System.getProperty("java.vm.version") + ", GC "
                + ManagementFactory.getGarbageCollectorMXBeans().get(0).getName() + ", n = " + n);
        for (Result r : measure(n)) {
            System.out.println(r);
        }
    }

    /** All measurements with {@code n} keys. */
    public static List<Result> measure(int n) {
        Plan plan = SeedRule.plan();
        List<Map<String, Object>> reads = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            // n reads within one second of event time: none expires before advanceTo
            reads.add(SeedStream.tokenRead(SeedStream.START_MILLIS + (long) i * 1000 / n, SeedStream.podName(i)));
        }
        List<Result> results = new ArrayList<>();
        results.add(engine("eql4j, distinct reads", plan, reads));
        results.add(handWritten("hand-written HashMap, distinct reads", reads));
        reads = null;
        results.add(engine("eql4j, SeedStream " + n + " events/" + n + " keys", plan, SeedStream.generate(n, n, 5)));
        return results;
    }

    private static Result engine(String what, Plan plan, List<Map<String, Object>> maps) {
        List<Event> events = new ArrayList<>(maps.size());
        for (Map<String, Object> m : maps) {
            events.add(Event.of(m));
        }
        EqlEngine engine = EqlEngine.create(plan, match -> {});
        long baseline = usedHeap();
        for (Event e : events) {
            engine.accept(e);
        }
        long pending = engine.stats().pendingSequences();
        long withState = usedHeap();
        engine.advanceTo(Instant.ofEpochMilli(lastMillis(maps) + SeedLogic.MAX_SPAN_MILLIS + 1));
        long after = engine.stats().pendingSequences();
        long afterWindow = usedHeap();
        Reference.reachabilityFence(events);
        Reference.reachabilityFence(engine);
        return new Result(what, pending, after, baseline, withState, afterWindow);
    }

    private static Result handWritten(String what, List<Map<String, Object>> maps) {
        HandWrittenSeedRule rule = new HandWrittenSeedRule();
        long baseline = usedHeap();
        for (Map<String, Object> m : maps) {
            rule.accept(m);
        }
        long pending = rule.pending();
        long withState = usedHeap();
        Reference.reachabilityFence(maps);
        Reference.reachabilityFence(rule);
        return new Result(what, pending, -1, baseline, withState, withState);
    }

    private static long lastMillis(List<Map<String, Object>> maps) {
        return SeedLogic.timestamp(maps.get(maps.size() - 1));
    }

    /** The heap in use after full collections. */
    static long usedHeap() {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            try {
                Thread.sleep(30);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            used = Math.min(
                    used,
                    ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
