package io.eql4j.bench;

import io.eql4j.bench.seed.FlinkJobSeedRule;
import io.eql4j.bench.seed.SeedShape;
import io.eql4j.bench.seed.SeedStream;
import io.eql4j.bench.stream.Layout;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where a seed-rule Flink job's time goes, by CPU time per thread (not JMH): in one JVM, each round runs one whole job
 * of each kind in turn over the same stream (the eql4j job, Flink CEP with its filter in front, Flink CEP without it,
 * and both jobs over the stream's first event alone, which is their start-up), while a daemon thread reads every
 * thread's CPU time every 10 ms. Each job's CPU is split by thread: the source task (source, filters or router),
 * the keyed task (CEP or eql4j's keyed detection), the sink task, and the rest (the client's {@code main}, the mini
 * cluster's own threads: start-up and shut-down). CPU time per thread is what time slicing by other processes does
 * not inflate, so this reads where a job's work is on a machine too loaded for JMH's wall-clock rates; JIT and GC
 * threads are not Java threads and are not counted. The first round warms up; it prints the medians of the others
 * and their spread (min to max). Every job's match count is checked against eql4j's.
 *
 * <pre>
 * java -Xmx3g -cp benchmarks/target/benchmarks.jar io.eql4j.bench.FlinkJobCpu [rounds] [parallelism] [events]
 * java -Xmx3g -cp benchmarks/target/benchmarks.jar io.eql4j.bench.FlinkJobCpu 6 1 300000
 * </pre>
 */
public final class FlinkJobCpu {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final Map<Long, Long> CPU = new ConcurrentHashMap<>();
    private static final Map<Long, String> NAMES = new ConcurrentHashMap<>();

    private FlinkJobCpu() {}

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 6;
        int parallelism = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        int events = args.length > 2 ? Integer.parseInt(args[2]) : 300_000;
        List<Map<String, Object>> stream = SeedStream.generate(events, 10_000, 5, Layout.DISTINCT);
        SeedShape shape = SeedShape.of(Layout.DISTINCT);
        List<Map<String, Object>> first = stream.subList(0, 1);
        Map<String, Callable<Long>> jobs = new LinkedHashMap<>();
        jobs.put("eql4j job", () -> FlinkJobSeedRule.countEql4j(stream, parallelism));
        jobs.put("CEP job, filter", () -> FlinkJobSeedRule.count(stream, true, shape, parallelism));
        jobs.put("CEP job, no filter", () -> FlinkJobSeedRule.count(stream, false, shape, parallelism));
        jobs.put("eql4j job, 1 event", () -> FlinkJobSeedRule.countEql4j(first, parallelism));
        jobs.put("CEP job, 1 event", () -> FlinkJobSeedRule.count(first, true, shape, parallelism));
        Thread poller = new Thread(FlinkJobCpu::pollForever, "cpu poller");
        poller.setDaemon(true);
        poller.start();
        Map<String, Map<String, List<Double>>> results = new LinkedHashMap<>();
        long expected = -1;
        for (int round = 0; round < rounds; round++) {
            for (Map.Entry<String, Callable<Long>> job : jobs.entrySet()) {
                poll();
                Map<Long, Long> before = new HashMap<>(CPU);
                long t0 = System.nanoTime();
                long matches = job.getValue().call();
                double wall = (System.nanoTime() - t0) / 1e9;
                Thread.sleep(30);
                poll();
                if (!job.getKey().endsWith("1 event")) {
                    if (expected < 0) {
                        expected = matches;
                    } else if (matches != expected) {
                        throw new IllegalStateException(
                                job.getKey() + " found " + matches + " matches, the eql4j job " + expected);
                    }
                }
                Map<String, Double> seconds = new TreeMap<>();
                CPU.forEach((id, nanos) ->
                        seconds.merge(kind(NAMES.get(id)), (nanos - before.getOrDefault(id, 0L)) / 1e9, Double::sum));
                seconds.put(
                        "all threads",
                        seconds.values().stream().mapToDouble(d -> d).sum());
                seconds.put("wall", wall);
                System.out.printf("round %d, %s, parallelism %d: %s%n", round, job.getKey(), parallelism, seconds);
                if (round > 0) {
                    seconds.forEach((k, v) -> results.computeIfAbsent(job.getKey(), x -> new LinkedHashMap<>())
                            .computeIfAbsent(k, x -> new ArrayList<>())
                            .add(v));
                }
            }
        }
        System.out.printf(
                "%n%d events, 10k keys, DISTINCT, parallelism %d; seconds per job: median (min-max)%n",
                events, parallelism);
        results.forEach((job, byKind) -> {
            StringBuilder line = new StringBuilder(job).append(':');
            byKind.forEach((k, v) -> {
                Collections.sort(v);
                line.append(
                        String.format(" %s %.2f (%.2f-%.2f);", k, v.get(v.size() / 2), v.get(0), v.get(v.size() - 1)));
            });
            System.out.println(line);
        });
    }

    /** What a thread does for a job, by the name Flink gives its task threads. */
    private static String kind(String name) {
        if (name == null) {
            return "other";
        }
        if (name.startsWith("Source")) {
            return "source task";
        }
        if (name.startsWith("CepOperator") || name.startsWith("eql4j sequences")) {
            return "keyed task";
        }
        if (name.contains("Sink")) {
            return "sink task";
        }
        return "other";
    }

    private static void pollForever() {
        while (true) {
            poll();
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** The CPU time of every live thread; a thread that ended keeps its last reading. */
    private static synchronized void poll() {
        for (long id : THREADS.getAllThreadIds()) {
            long nanos = THREADS.getThreadCpuTime(id);
            if (nanos >= 0) {
                CPU.put(id, nanos);
                NAMES.computeIfAbsent(id, x -> {
                    ThreadInfo info = THREADS.getThreadInfo(x);
                    return info == null ? "?" : info.getThreadName();
                });
            }
        }
    }
}
