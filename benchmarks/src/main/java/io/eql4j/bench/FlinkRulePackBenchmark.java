package io.eql4j.bench;

import io.eql4j.bench.stream.EcsStream;
import io.eql4j.bench.stream.Layout;
import io.eql4j.compile.Plan;
import io.eql4j.flink.FlinkPlan;
import io.eql4j.rules.Rule;
import io.eql4j.rules.RulePack;
import io.eql4j.runtime.EngineOptions;
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
 * A rule pack of the corpus (one rule, or all that load) as one eql4j Flink job ({@link FlinkJobRulePack}) over the
 * rule-pack stream of {@link RulePackBenchmark} ({@link EcsStream}, seed {@link RuleSubsets#STREAM_SEED}), with the
 * embedded engine over the same maps and the same pack as the baseline in the same run. One operation is a whole pass
 * (for the job: start a mini cluster, run, stop it); {@code ·events} is events/s. Every pass must find the embedded
 * engine's match count of the trial's set-up.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
@State(Scope.Benchmark)
public class FlinkRulePackBenchmark {

    /** How many rules: a number, or {@code all} (as {@link RulePackBenchmark}). */
    @Param({"1", "all"})
    public String rules;

    /** Events per pass. */
    @Param("200000")
    public int events;

    /** Parallelism of {@link #flinkJob} ({@link #embedded} runs on one thread whatever it is). */
    @Param({"1", "2"})
    public int parallelism;

    /** The shared directory; empty: {@code -Deql4j.shared.dir} or {@code ../shared} next to the repository. */
    @Param("")
    public String sharedDir;

    private List<Map<String, Object>> stream;
    private FlinkPlan flinkPlan;
    private Plan plan;
    private long expected;
    private long expectedFirst;

    @Setup(Level.Trial)
    public void setup() {
        List<Rule> corpus = Corpus.load(Corpus.sharedDir(sharedDir));
        stream = EcsStream.generate(corpus, events, RuleSubsets.STREAM_SEED, Layout.DISTINCT);
        List<Rule> subset = RuleSubsets.take(corpus, rules);
        flinkPlan = FlinkPlan.of(RulePack.of(subset), EngineOptions.defaults());
        plan = flinkPlan.plan();
        expected = RuleSubsets.count(plan, stream);
        expectedFirst = RuleSubsets.count(plan, stream.subList(0, 1));
        System.out.println("rule pack on Flink: " + subset.size() + " rules of " + corpus.size() + " loaded, " + events
                + " events, parallelism " + parallelism + ", " + expected + " matches");
    }

    /** The pack as one eql4j Flink job on a local mini cluster, start-up and shut-down included. */
    @Benchmark
    public long flinkJob(Counters.Events counter) throws Exception {
        return check("the eql4j Flink job", FlinkJobRulePack.count(flinkPlan, stream, parallelism), counter);
    }

    /** The baseline: the same pack in the embedded engine over the same maps, a fresh engine per pass. */
    @Benchmark
    public long embedded(Counters.Events counter) {
        return check("the embedded engine", RuleSubsets.count(plan, stream), counter);
    }

    /**
     * The fixed cost in every pass of {@link #flinkJob}: the same job over the stream's first event alone (start the
     * mini cluster, ship and compile the pack in every operator, stop), which must find what the embedded engine
     * finds in that event.
     */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 1)
    @Measurement(iterations = 3)
    public long flinkJobStartUp() throws Exception {
        long matches = FlinkJobRulePack.count(flinkPlan, stream.subList(0, 1), parallelism);
        if (matches != expectedFirst) {
            throw new IllegalStateException("the eql4j Flink job found " + matches + " matches in one event where the"
                    + " embedded engine found " + expectedFirst);
        }
        return matches;
    }

    /** The match count of the set-up's embedded pass. */
    public long expected() {
        return expected;
    }

    private long check(String who, long matches, Counters.Events counter) {
        if (matches != expected) {
            throw new IllegalStateException(who + " found " + matches + " matches where the embedded engine found "
                    + expected + " (" + rules + " rules, " + events + " events, parallelism " + parallelism + ")");
        }
        counter.events += events;
        return matches;
    }
}
