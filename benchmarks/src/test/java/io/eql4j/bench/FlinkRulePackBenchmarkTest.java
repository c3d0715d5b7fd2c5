package io.eql4j.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.eql4j.bench.stream.EcsStream;
import io.eql4j.compile.EqlCompiler;
import io.eql4j.rules.Rule;
import io.eql4j.runtime.EngineOptions;
import io.eql4j.testsupport.SharedReferences;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The whole corpus as one eql4j Flink job finds, on a short rule-pack stream, the number of matches the embedded
 * engine finds: the benchmark's job method, run once as JMH would (set-up, one call), at parallelism 2. One job only:
 * with the whole pack its start-up takes 10 to 20 s here.
 */
class FlinkRulePackBenchmarkTest {

    private static final int EVENTS = 5_000;

    @Test
    void theWholeCorpusAsOneJobFindsTheEmbeddedEnginesMatches() throws Exception {
        Path shared = SharedReferences.root();
        SharedReferences.requireExists(Corpus.rulesDir(shared));
        List<Rule> corpus = Corpus.load(shared);
        List<Map<String, Object>> stream = EcsStream.generate(corpus, EVENTS, RuleSubsets.STREAM_SEED);
        long embedded = RuleSubsets.count(EqlCompiler.compile(corpus, EngineOptions.defaults()), stream);
        assertThat(embedded).as("the short stream must match some rules").isGreaterThan(50);

        FlinkRulePackBenchmark benchmark = new FlinkRulePackBenchmark();
        benchmark.rules = "all";
        benchmark.events = EVENTS;
        benchmark.parallelism = 2;
        benchmark.sharedDir = shared.toString();
        benchmark.setup();
        assertThat(benchmark.expected()).isEqualTo(embedded);
        Counters.Events counter = new Counters.Events();
        assertThat(benchmark.flinkJob(counter)).as("parallelism 2").isEqualTo(embedded);
        assertThat(counter.events).isEqualTo(EVENTS);
    }
}
