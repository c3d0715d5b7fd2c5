package io.eql4j.bench;

import io.eql4j.flink.EqlFlink;
import io.eql4j.flink.FlinkPlan;
import java.time.Duration;
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
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * A rule pack as one eql4j Flink job on an in-process MiniCluster, executed once per call, shaped as the seed rule's
 * eql4j job ({@code seed.FlinkJobSeedRule.countEql4j}):
 *
 * <pre>
 * source (pre-built maps) -&gt; eql4j router ==keyBy(rule, join key)==&gt; keyed detection -&gt; counting sink
 *                                 └ event queries' matches ─────────────────────────────┘
 * </pre>
 *
 * <p>{@link StreamExecutionEnvironment#createLocalEnvironment(int, Configuration)} at the given parallelism, object
 * reuse on, the rest at Flink's defaults; a {@link DataGeneratorSource} hands out the {@code i}-th map of the list;
 * {@link EqlFlink#detectMaps} with allowed lateness 0 (the embedded engine's default); each match counts one. The
 * mini cluster's start-up and shut-down are part of every call.
 */
public final class FlinkJobRulePack {

    /** Event lists and match counters of the jobs running now, by run id: the MiniCluster runs in this JVM. */
    private static final Map<String, List<Map<String, Object>>> STREAMS = new ConcurrentHashMap<>();

    private static final Map<String, AtomicLong> MATCHES = new ConcurrentHashMap<>();
    private static final TypeInformation<Map<String, Object>> EVENT_TYPE =
            TypeInformation.of(new TypeHint<Map<String, Object>>() {});

    private FlinkJobRulePack() {}

    /**
     * Runs {@code events} (in time order, at least one: Flink's data-generator source emits event 0 when asked for
     * none) through a fresh eql4j job with {@code plan}'s rules and returns the number of matches.
     */
    public static long count(FlinkPlan plan, List<Map<String, Object>> events, int parallelism) throws Exception {
        if (events.isEmpty()) {
            throw new IllegalArgumentException("a Flink job over the rule-pack stream needs at least one event");
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
                    "rule-pack stream");
            EqlFlink.detectMaps(stream, "rule-pack", plan, Duration.ZERO)
                    .matches()
                    .map(m -> 1L, Types.LONG)
                    .sinkTo(new CountingSink(run));
            env.execute("rule pack in eql4j on Flink");
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
