package io.eql4j.bench;

import io.eql4j.bench.stream.EcsStream;
import io.eql4j.bench.stream.Layout;
import io.eql4j.compile.EqlCompiler;
import io.eql4j.compile.Plan;
import io.eql4j.rules.Rule;
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
 * 1, 10, 100 and all EQL rules of the corpus at once over the same synthetic ECS stream ({@link EcsStream}, nested
 * maps). One operation is a whole pass with a fresh engine; {@code ·events} is events/s. The per-event cost ratio
 * all/1 is (events/s with 1 rule) / (events/s with all). Every pass must find the first pass's match count.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
@State(Scope.Benchmark)
public class RulePackBenchmark {

    /** How many rules: a number, or {@code all}. */
    @Param({"1", "10", "100", "all"})
    public String rules;

    /** Events per pass. */
    @Param("200000")
    public int events;

    /** Each event its own tree, or equal subtrees shared (see {@link Layout}). */
    @Param({"DISTINCT", "SHARED"})
    public Layout layout;

    /** The shared directory; empty: {@code -Deql4j.shared.dir} or {@code ../shared} next to the repository. */
    @Param("")
    public String sharedDir;

    private List<Map<String, Object>> stream;
    private Plan plan;
    private long expected;

    @Setup(Level.Trial)
    public void setup() {
        List<Rule> corpus = Corpus.load(Corpus.sharedDir(sharedDir));
        stream = EcsStream.generate(corpus, events, RuleSubsets.STREAM_SEED, layout);
        List<Rule> subset = RuleSubsets.take(corpus, rules);
        plan = EqlCompiler.compile(subset, EngineOptions.defaults());
        expected = RuleSubsets.count(plan, stream);
        System.out.println("rule pack: " + subset.size() + " rules (first: "
                + subset.get(0).source() + "), " + events + " events " + layout + ", " + expected + " matches");
    }

    @Benchmark
    public long eql4j(Counters.Events counter) {
        long matches = RuleSubsets.count(plan, stream);
        if (matches != expected) {
            throw new IllegalStateException("a pass found " + matches + " matches, the first " + expected);
        }
        counter.events += events;
        return matches;
    }
}
