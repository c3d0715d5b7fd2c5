package io.eql4j.bench;

import io.eql4j.bench.stream.EcsStream;
import io.eql4j.bench.stream.NdjsonTokens;
import io.eql4j.compile.EqlCompiler;
import io.eql4j.compile.Plan;
import io.eql4j.event.JsonEventReader;
import io.eql4j.rules.Rule;
import io.eql4j.runtime.EngineOptions;
import io.eql4j.runtime.EqlEngine;
import java.io.ByteArrayInputStream;
import java.io.IOException;
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
 * End to end: the rule-pack stream serialised as NDJSON bytes in memory, read with
 * {@link JsonEventReader#forPlan}{@code .readLines} into the engine, matches out; next to the limit for JSON input, a
 * pass that only splits the same bytes into lines and walks every token with Jackson's streaming parser
 * ({@link NdjsonTokens}). {@code ·events} is events/s and {@code ·bytes} bytes/s; the target ratio is
 * eql4j / tokens-only ≥ 0.5. The NDJSON pass must find as many matches as the engine over the same events as maps.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
@State(Scope.Benchmark)
public class EndToEndBenchmark {

    /** Events in the stream. */
    @Param("200000")
    public int events;

    /** The shared directory; empty: {@code -Deql4j.shared.dir} or {@code ../shared} next to the repository. */
    @Param("")
    public String sharedDir;

    List<Rule> corpus;
    List<Map<String, Object>> stream;
    byte[] ndjson;

    @Setup(Level.Trial)
    public void setup() {
        corpus = Corpus.load(Corpus.sharedDir(sharedDir));
        stream = EcsStream.generate(corpus, events, RuleSubsets.STREAM_SEED);
        ndjson = NdjsonTokens.write(stream);
        System.out.println("NDJSON: " + events + " events, " + ndjson.length + " bytes");
    }

    /** The rules the engine runs (only the eql4j benchmark uses them). */
    @State(Scope.Benchmark)
    public static class Rules {
        /** How many rules: a number, or {@code all}. */
        @Param({"1", "all"})
        public String rules;

        Plan plan;
        JsonEventReader reader;
        long expected;

        @Setup(Level.Trial)
        public void setup(EndToEndBenchmark input) {
            plan = EqlCompiler.compile(RuleSubsets.take(input.corpus, rules), EngineOptions.defaults());
            reader = JsonEventReader.forPlan(plan);
            expected = RuleSubsets.count(plan, input.stream);
            System.out.println("NDJSON: " + rules + " rules, " + expected + " matches");
        }
    }

    @Benchmark
    public long eql4jFromNdjson(Rules rules, Counters.EventsAndBytes counter) throws IOException {
        long[] matches = new long[1];
        EqlEngine engine = EqlEngine.create(rules.plan, match -> matches[0]++);
        long lines = rules.reader.readLines(
                new ByteArrayInputStream(ndjson), (line, event) -> engine.accept(event), (line, message) -> {
                    throw new IllegalStateException("line " + line + ": " + message);
                });
        engine.finish();
        if (matches[0] != rules.expected) {
            throw new IllegalStateException("from NDJSON " + matches[0] + " matches, from maps " + rules.expected);
        }
        counter.events += lines;
        counter.bytes += ndjson.length;
        return matches[0];
    }

    @Benchmark
    public long jacksonTokensOnly(Counters.EventsAndBytes counter) throws IOException {
        NdjsonTokens.Count count = NdjsonTokens.count(ndjson);
        counter.events += count.lines();
        counter.bytes += ndjson.length;
        return count.tokens();
    }
}
