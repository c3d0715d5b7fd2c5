package io.eql4j.bench;

import io.eql4j.bench.stream.EcsStream;
import io.eql4j.bench.stream.NdjsonTokens;
import io.eql4j.compile.EqlCompiler;
import io.eql4j.compile.Plan;
import io.eql4j.event.JsonEventReader;
import io.eql4j.mapping.IndexMapping;
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
 * What reading events as ECS types them costs ({@code eql4j run --ecs}): the rule-pack stream as NDJSON through
 * {@link JsonEventReader#forPlan} into the engine, with every corpus rule, compiled without a mapping (the baseline)
 * and with {@link IndexMapping#ecs()}. The ratio ecs / none of {@code ·events} is the figure to report.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
@State(Scope.Benchmark)
public class MappingBenchmark {

    /** Events in the stream. */
    @Param("200000")
    public int events;

    /** The shared directory; empty: {@code -Deql4j.shared.dir} or {@code ../shared} next to the repository. */
    @Param("")
    public String sharedDir;

    /** {@code none}, or {@code ecs} for the bundled ECS field types. */
    @Param({"none", "ecs"})
    public String mapping;

    Plan plan;
    JsonEventReader reader;
    byte[] ndjson;

    @Setup(Level.Trial)
    public void setup() {
        List<io.eql4j.rules.Rule> corpus = Corpus.load(Corpus.sharedDir(sharedDir));
        List<Map<String, Object>> stream = EcsStream.generate(corpus, events, RuleSubsets.STREAM_SEED);
        ndjson = NdjsonTokens.write(stream);
        EngineOptions.Builder options = EngineOptions.builder();
        if (mapping.equals("ecs")) {
            options.mapping(IndexMapping.ecs());
        }
        plan = EqlCompiler.compile(corpus, options.build());
        reader = JsonEventReader.forPlan(plan);
    }

    @Benchmark
    public long eql4jFromNdjson(Counters.EventsAndBytes counter) throws IOException {
        long[] matches = new long[1];
        EqlEngine engine = EqlEngine.create(plan, match -> matches[0]++);
        long lines = reader.readLines(
                new ByteArrayInputStream(ndjson), (line, event) -> engine.accept(event), (line, message) -> {
                    throw new IllegalStateException("line " + line + ": " + message);
                });
        engine.finish();
        counter.events += lines;
        counter.bytes += ndjson.length;
        return matches[0];
    }
}
