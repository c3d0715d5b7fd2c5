package io.eql4j.bench;

import io.eql4j.bench.seed.EsperSeedRule;
import io.eql4j.bench.seed.FlinkCepSeedRule;
import io.eql4j.bench.seed.HandWrittenSeedRule;
import io.eql4j.bench.seed.SeedRule;
import io.eql4j.bench.seed.SeedShape;
import io.eql4j.bench.seed.SeedStream;
import io.eql4j.bench.stream.Layout;
import io.eql4j.compile.Plan;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * The seed rule's ratios by CPU time, for machines too loaded for JMH's wall-clock rates (not JMH): in one JVM, each
 * round runs one whole pass of eql4j, the hand-written matcher, Esper behind its filter and Flink CEP's operator
 * behind its filter, in turn, over the same stream, and measures each pass's CPU time on the calling thread (all
 * four run their pass there). The first half of the rounds warm up; for the second half it prints, per peer, the
 * median of the per-round ratios (peer CPU time / eql4j CPU time, so above 1 means eql4j is faster) and their
 * spread (min to max). Every pass checks its match count against eql4j's.
 *
 * <pre>
 * java -Xmx6g -cp benchmarks/target/benchmarks.jar io.eql4j.bench.CpuRatios [rounds] [layouts] [keys]
 * java -Xmx6g -cp benchmarks/target/benchmarks.jar io.eql4j.bench.CpuRatios 10 FLAT,DISTINCT,SHARED 10000,1000000
 * </pre>
 */
public final class CpuRatios {

    private CpuRatios() {}

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        String[] layouts = (args.length > 1 ? args[1] : "FLAT,DISTINCT,SHARED").split(",");
        String[] keyCounts = (args.length > 2 ? args[2] : "10000,1000000").split(",");
        Plan plan = SeedRule.plan();
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        for (String keyCount : keyCounts) {
            for (String layoutName : layouts) {
                int keys = Integer.parseInt(keyCount);
                Layout layout = Layout.valueOf(layoutName);
                SeedShape shape = SeedShape.of(layout);
                List<Map<String, Object>> stream = SeedStream.generate(1_000_000, keys, 5, layout);
                Map<String, Callable<Long>> runs = new LinkedHashMap<>();
                runs.put("eql4j", () -> SeedRule.countWithEql4j(plan, stream));
                runs.put("hand-written", () -> HandWrittenSeedRule.count(stream, shape));
                runs.put("Esper, filter", () -> EsperSeedRule.count(stream, shape));
                runs.put("Flink CEP operator, filter", () -> FlinkCepSeedRule.count(stream, true, shape));
                Map<String, long[]> nanos = new LinkedHashMap<>();
                runs.keySet().forEach(k -> nanos.put(k, new long[rounds]));
                long expected = -1;
                for (int r = 0; r < rounds; r++) {
                    for (Map.Entry<String, Callable<Long>> run : runs.entrySet()) {
                        long t0 = cpu.getCurrentThreadCpuTime();
                        long matches = run.getValue().call();
                        nanos.get(run.getKey())[r] = cpu.getCurrentThreadCpuTime() - t0;
                        if (expected < 0) {
                            expected = matches;
                        } else if (matches != expected) {
                            throw new IllegalStateException(run.getKey() + " found " + matches + ", eql4j " + expected);
                        }
                    }
                }
                long[] eql4j = nanos.get("eql4j");
                StringBuilder line = new StringBuilder(String.format(
                        "%-8s keys=%-7d eql4j %4.0f ns/event", layout, keys, median(eql4j, rounds) / 1e6));
                for (String peer : runs.keySet()) {
                    if (peer.equals("eql4j")) {
                        continue;
                    }
                    List<Double> ratios = new ArrayList<>();
                    for (int r = rounds / 2; r < rounds; r++) {
                        ratios.add((double) nanos.get(peer)[r] / eql4j[r]);
                    }
                    ratios.sort(null);
                    line.append(String.format(
                            " | %s %4.0f ns, x%.2f (%.2f-%.2f)",
                            peer,
                            median(nanos.get(peer), rounds) / 1e6,
                            ratios.get(ratios.size() / 2),
                            ratios.get(0),
                            ratios.get(ratios.size() - 1)));
                }
                System.out.println(line + " | " + expected + " matches");
            }
        }
    }

    /** The median of the second half of the rounds. */
    private static double median(long[] values, int rounds) {
        long[] half = Arrays.copyOfRange(values, rounds / 2, rounds);
        Arrays.sort(half);
        return half[half.length / 2];
    }
}
