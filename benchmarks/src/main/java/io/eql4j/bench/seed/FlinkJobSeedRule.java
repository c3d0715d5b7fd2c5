package io.eql4j.bench.seed;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeHint;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.cep.CEP;
import org.apache.flink.cep.functions.PatternProcessFunction;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.Collector;

/**
 * The seed rule as a Flink user runs it: a streaming job on an in-process MiniCluster, executed once per call.
 * Unlike {@link FlinkCepSeedRule}, which drives the CEP operator alone, every record here pays what a job pays:
 *
 * <pre>
 * source (events, timestamps, periodic watermarks) [-&gt; filter]  ==keyBy(pod name)==&gt;  CEP -&gt; counting sink
 * </pre>
 *
 * <ul>
 *   <li>Environment: {@link StreamExecutionEnvironment#createLocalEnvironment(int, Configuration)} with parallelism
 *       1, streaming mode, heap state, object reuse on ({@link PipelineOptions#OBJECT_REUSE}: chained operators hand
 *       records on without copying them), everything else at Flink's defaults (watermarks every 200 ms of processing
 *       time, 100 ms buffer timeout). Each call starts a MiniCluster, deploys the job, runs it to the end of the
 *       bounded source and shuts the cluster down; that start-up is part of every call, which is why
 *       {@code SeedRuleBenchmark} measures a call over an empty stream separately.</li>
 *   <li>Source: a {@link DataGeneratorSource} whose function returns the {@code i}-th event of the pre-built list
 *       (handed over in memory, as the other peers get it). Not {@code env.fromData(list)}: that serialises every
 *       element into the job graph on the client and deserialises it in the source, a decoding step the other peers
 *       do not pay. Timestamps come from {@link SeedLogic#timestamp} for every event, with
 *       {@link WatermarkStrategy#forMonotonousTimestamps()}.</li>
 *   <li>Optional filter in front: only events that satisfy a stage go on ({@code stream.filter(...)}), chained with
 *       the source.</li>
 *   <li>{@code keyBy} on {@link FlinkCepSeedRule#keyOf}: it ends the operator chain, so every record that reaches it
 *       is serialised into a network buffer and deserialised by the CEP task, which runs in its own thread. The events
 *       are {@code Map<String, Object>}, a generic type for Flink, so this goes through Kryo.</li>
 *   <li>{@link CEP#pattern} with {@link FlinkCepSeedRule#pattern()} in event time; each match emits one {@code 1L}
 *       to a sink that counts them.</li>
 * </ul>
 *
 * <p>With parallelism 1 the job still runs two task threads (source and filter; CEP and sink) besides the cluster's
 * own, so it can use two cores where eql4j and the other peers use one.
 */
public final class FlinkJobSeedRule {

    /** Event lists and match counters of the jobs running now, by run id: the MiniCluster runs in this JVM. */
    private static final Map<String, List<Map<String, Object>>> STREAMS = new ConcurrentHashMap<>();

    private static final Map<String, AtomicLong> MATCHES = new ConcurrentHashMap<>();
    private static final TypeInformation<Map<String, Object>> EVENT_TYPE =
            TypeInformation.of(new TypeHint<Map<String, Object>>() {});

    private FlinkJobSeedRule() {}

    /**
     * Runs {@code events} (in time order, at least one: Flink's data-generator source emits event 0 when asked for
     * none) through a fresh Flink job and returns the number of matches.
     */
    public static long count(List<Map<String, Object>> events, boolean filterInFront) throws Exception {
        return count(events, filterInFront, SeedShape.NESTED, 1);
    }

    /** {@link #count(List, boolean)} for events of the given shape, at {@code parallelism}. */
    public static long count(List<Map<String, Object>> events, boolean filterInFront, SeedShape shape, int parallelism)
            throws Exception {
        if (events.isEmpty()) {
            throw new IllegalArgumentException("a Flink job over the seed stream needs at least one event");
        }
        String run = UUID.randomUUID().toString();
        AtomicLong matches = new AtomicLong();
        STREAMS.put(run, events);
        MATCHES.put(run, matches);
        try {
            Configuration config = new Configuration();
            config.set(PipelineOptions.OBJECT_REUSE, true);
            StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(parallelism, config);
            DataStream<Map<String, Object>> stream = env.fromSource(
                    new DataGeneratorSource<>(new FromList(run), events.size(), EVENT_TYPE),
                    WatermarkStrategy.<Map<String, Object>>forMonotonousTimestamps()
                            .withTimestampAssigner((e, previous) -> shape.timestamp(e)),
                    "seed stream");
            if (filterInFront) {
                stream = stream.filter(e -> shape.isRead(e) || shape.isCall(e)).name("either stage");
            }
            CEP.pattern(
                            stream.keyBy(e -> FlinkCepSeedRule.keyOf(shape, e), Types.STRING),
                            FlinkCepSeedRule.pattern(shape))
                    .inEventTime()
                    .process(new OnePerMatch(), Types.LONG)
                    .sinkTo(new CountingSink(run));
            env.execute("seed rule in Flink CEP");
            return matches.get();
        } finally {
            STREAMS.remove(run);
            MATCHES.remove(run);
        }
    }

    /**
     * The same job with eql4j's operators in place of CEP: the same source (without timestamps: eql4j's router
     * reads event time itself), {@code EqlFlink.detectMaps} with the seed rule (router, keyBy(rule, pod name), keyed
     * detection), each match counted by the same sink. Allowed lateness 0, as the embedded engine's default.
     */
    public static long countEql4j(List<Map<String, Object>> events, int parallelism) throws Exception {
        if (events.isEmpty()) {
            throw new IllegalArgumentException("a Flink job over the seed stream needs at least one event");
        }
        String run = UUID.randomUUID().toString();
        AtomicLong matches = new AtomicLong();
        STREAMS.put(run, events);
        MATCHES.put(run, matches);
        try {
            Configuration config = new Configuration();
            config.set(PipelineOptions.OBJECT_REUSE, true);
            StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(parallelism, config);
            DataStream<Map<String, Object>> stream = env.fromSource(
                    new DataGeneratorSource<>(new FromList(run), events.size(), EVENT_TYPE),
                    WatermarkStrategy.noWatermarks(),
                    "seed stream");
            // the rule's query by its id (a FlinkPlan of a rule file reads the file again; this one is in the jar)
            io.eql4j.flink.FlinkPlan plan = io.eql4j.flink.FlinkPlan.ofQueries(
                    Map.of(SeedRule.rule().ruleId(), SeedRule.rule().query()),
                    io.eql4j.runtime.EngineOptions.defaults());
            io.eql4j.flink.EqlFlink.detectMaps(stream, "seed", plan, java.time.Duration.ZERO)
                    .matches()
                    .map(m -> 1L, Types.LONG)
                    .sinkTo(new CountingSink(run));
            env.execute("seed rule in eql4j on Flink");
            return matches.get();
        } finally {
            STREAMS.remove(run);
            MATCHES.remove(run);
        }
    }

    /** The source's function: event number {@code i} of the run's list. */
    private record FromList(String run) implements GeneratorFunction<Long, Map<String, Object>> {
        @Override
        public Map<String, Object> map(Long i) {
            return STREAMS.get(run).get(i.intValue());
        }
    }

    /** Emits {@code 1L} per match, as an alerting job would emit one alert. */
    private static final class OnePerMatch extends PatternProcessFunction<Map<String, Object>, Long> {
        private static final long serialVersionUID = 1L;

        @Override
        public void processMatch(Map<String, List<Map<String, Object>>> match, Context ctx, Collector<Long> out) {
            out.collect(1L);
        }
    }

    /** Adds what it receives to the run's counter. */
    private record CountingSink(String run) implements Sink<Long> {
        @Override
        public SinkWriter<Long> createWriter(WriterInitContext context) {
            AtomicLong matches = MATCHES.get(run);
            return new SinkWriter<>() {
                @Override
                public void write(Long one, Context ctx) {
                    matches.addAndGet(one);
                }

                @Override
                public void flush(boolean endOfInput) {}

                @Override
                public void close() {}
            };
        }
    }
}
