package io.eql4j.bench;

import io.eql4j.compile.EqlCompiler;
import io.eql4j.compile.Plan;
import io.eql4j.parser.EqlParser;
import io.eql4j.rules.Rule;
import io.eql4j.rules.RulePack;
import io.eql4j.runtime.EngineOptions;
import java.nio.file.Path;
import java.util.List;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * Parsing and compiling the whole corpus (all EQL rules into one plan, as an engine is built), loading it from its
 * TOML files through {@link RulePack#load}, and parsing and compiling the largest rule alone. {@code ·rules} is
 * rules/s; the primary score is operations/s (one operation = the whole corpus, or the one rule).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Benchmark)
public class ParseCompileBenchmark {

    /** The shared directory; empty: {@code -Deql4j.shared.dir} or {@code ../shared} next to the repository. */
    @Param("")
    public String sharedDir;

    private final EqlParser parser = new EqlParser();
    private final EngineOptions options = EngineOptions.defaults();
    private Path rulesDir;
    private List<Rule> rules;
    private List<String> queries;
    private Rule largest;

    @Setup(Level.Trial)
    public void setup() {
        Path shared = Corpus.sharedDir(sharedDir);
        rulesDir = Corpus.rulesDir(shared);
        rules = Corpus.load(shared);
        queries = rules.stream().map(Rule::query).toList();
        largest = Corpus.byFileName(rules, Corpus.LARGEST_RULE);
        System.out.println("corpus: " + rules.size() + " rules; largest query "
                + largest.query().length() + " chars");
    }

    @Benchmark
    public void parseCorpus(Counters.Rules counter, Blackhole bh) {
        for (String q : queries) {
            bh.consume(parser.parse(q));
        }
        counter.rules += queries.size();
    }

    @Benchmark
    public Plan compileCorpus(Counters.Rules counter) {
        Plan plan = EqlCompiler.compile(rules, options);
        counter.rules += rules.size();
        return plan;
    }

    @Benchmark
    public RulePack loadCorpus(Counters.Rules counter) {
        RulePack pack = RulePack.load(rulesDir).pack();
        counter.rules += pack.size();
        return pack;
    }

    @Benchmark
    public Object parseLargestRule(Counters.Rules counter) {
        counter.rules++;
        return parser.parse(largest.query());
    }

    @Benchmark
    public Plan compileLargestRule(Counters.Rules counter) {
        counter.rules++;
        return EqlCompiler.compile(largest, options);
    }
}
