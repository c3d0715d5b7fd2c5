package io.eql4j.bench;

import io.eql4j.bench.seed.EsperSeedRule;
import io.eql4j.bench.seed.FlinkCepSeedRule;
import io.eql4j.bench.seed.FlinkJobSeedRule;
import io.eql4j.bench.seed.HandWrittenSeedRule;
import io.eql4j.bench.seed.SeedRule;
import io.eql4j.bench.seed.SeedShape;
import io.eql4j.bench.seed.SeedStream;
import io.eql4j.bench.stream.Layout;
import io.eql4j.compile.Plan;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The seed rule (two stages, join keys with different field names, a backtick field with dots and a slash, 60 s
 * window) over {@link SeedStream}'s nested-map events, in eql4j, hand-written with a HashMap, in Esper 9 and in Flink CEP,
 * in the same run (Flink CEP twice: its operator alone, and a whole job with its start-up), over nested or flat maps
 * ({@link Layout}). One operation is one whole pass
 * over the pre-built stream with fresh state (a new engine, map, operator or job), so the garbage a pass leaves is
 * collected within the measurement as it would be in production; the {@code ·events} counter gives events/s. Every pass
 * checks its match count against eql4j's, so a number for a peer that disagrees is never reported.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms6g", "-Xmx6g"})
@State(Scope.Benchmark)
public class SeedRuleBenchmark {

    static final long SEED = 5;

    /** Distinct join-key values (pod names) in the stream. */
    @Param({"10000", "1000000"})
    public int keys;

    /** Events per pass. */
    @Param("1000000")
    public int events;

    /** Each event its own tree, equal subtrees shared, or one flat map with dotted keys (see {@link Layout}). */
    @Param({"FLAT", "DISTINCT", "SHARED"})
    public Layout layout;

    /** Parallelism of the {@code flinkJob} methods. */
    @Param("1")
    public int parallelism;

    private List<Map<String, Object>> stream;
    private Plan plan;
    private SeedShape shape;
    private long expected;

    @Setup(Level.Trial)
    public void setup() {
        stream = SeedStream.generate(events, keys, SEED, layout);
        plan = SeedRule.plan();
        shape = SeedShape.of(layout);
        expected = SeedRule.countWithEql4j(plan, stream);
        check("hand-written", HandWrittenSeedRule.count(stream, shape));
        System.out.println(
                "seed stream: " + events + " events, " + keys + " keys, " + layout + ", " + expected + " matches");
    }

    @Benchmark
    public long eql4j(Counters.Events counter) {
        return check("eql4j", SeedRule.countWithEql4j(plan, stream), counter);
    }

    @Benchmark
    public long handWrittenHashMap(Counters.Events counter) {
        return check("hand-written", HandWrittenSeedRule.count(stream, shape), counter);
    }

    /** Esper 9 behind the same filter as {@link #flinkCepFilterInFront} ({@link EsperSeedRule}). */
    @Benchmark
    public long esperFilterInFront(Counters.Events counter) {
        return check("Esper with a filter", EsperSeedRule.count(stream, shape), counter);
    }

    @Benchmark
    public long flinkCepFilterInFront(Counters.Events counter) throws Exception {
        return check("Flink CEP with a filter", FlinkCepSeedRule.count(stream, true, shape), counter);
    }

    @Benchmark
    public long flinkCepNoFilter(Counters.Events counter) throws Exception {
        return check("Flink CEP", FlinkCepSeedRule.count(stream, false, shape), counter);
    }

    /**
     * The same pattern as a Flink job on an in-process MiniCluster ({@link FlinkJobSeedRule}): source, filter,
     * {@code keyBy} (Kryo), CEP, sink, with the job's start-up and shut-down in every pass.
     */
    @Benchmark
    public long flinkJobFilterInFront(Counters.Events counter) throws Exception {
        return check("Flink job with a filter", FlinkJobSeedRule.count(stream, true, shape, parallelism), counter);
    }

    @Benchmark
    public long flinkJobNoFilter(Counters.Events counter) throws Exception {
        return check("Flink job", FlinkJobSeedRule.count(stream, false, shape, parallelism), counter);
    }

    /**
     * The same job with eql4j's Flink operators in place of CEP ({@link FlinkJobSeedRule#countEql4j}): the router,
     * keyBy(rule, join key), the keyed detection operator.
     */
    @Benchmark
    public long flinkJobEql4j(Counters.Events counter) throws Exception {
        return check("eql4j on Flink", FlinkJobSeedRule.countEql4j(stream, parallelism), counter);
    }

    /**
     * The fixed cost in every pass of the {@code flinkJob} methods: the same job (with the filter) over the stream's
     * first event alone, which starts no sequence. {@code Ratios} subtracts it from their pass times.
     */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 5)
    @Measurement(iterations = 10)
    public long flinkJobStartUp() throws Exception {
        long matches = FlinkJobSeedRule.count(stream.subList(0, 1), true, shape, parallelism);
        if (matches != 0) {
            throw new IllegalStateException("the Flink job found " + matches + " matches in one event");
        }
        return matches;
    }

    private long check(String who, long matches, Counters.Events counter) {
        counter.events += events;
        return check(who, matches);
    }

    private long check(String who, long matches) {
        if (matches != expected) {
            throw new IllegalStateException(who + " found " + matches + " matches where eql4j found " + expected + " ("
                    + events + " events, " + keys + " keys, " + layout + ", seed " + SEED + ")");
        }
        return matches;
    }
}
