package io.eql4j.bench.seed;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.BasicTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeHint;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.cep.functions.PatternProcessFunction;
import org.apache.flink.cep.nfa.aftermatch.AfterMatchSkipStrategy;
import org.apache.flink.cep.nfa.compiler.NFACompiler;
import org.apache.flink.cep.operator.CepOperator;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.cep.pattern.conditions.SimpleCondition;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.Collector;

/**
 * The seed rule in Apache Flink CEP, run in-process: Flink's own {@link CepOperator} (event time, heap keyed state)
 * driven through Flink's {@link KeyedOneInputStreamOperatorTestHarness}, the way Flink tests its operators. What is
 * measured is the CEP operator with its keyed state, timers and watermark handling; not measured are a job's
 * start-up, network shuffles and serialisation between tasks (with parallelism 1 and operator chaining a filter and
 * the CEP operator would run in one thread like here, but {@code keyBy} would still serialise every record).
 *
 * <p>The pattern: {@code begin("read").where(isRead).followedBy("call").where(isCall).within(60.001 s)} with
 * {@link AfterMatchSkipStrategy#skipPastLastEvent()}, keyed by the stage's join key. Flink's window excludes its end
 * ({@code ts - start >= window} is timed out), so 60 001 ms gives EQL's inclusive 60 s on millisecond timestamps.
 * Several reads of a pod before one call give one match here as in EQL (the skip strategy drops the other partial
 * matches), though Flink reports the oldest read where EQL reports the newest. A watermark of (newest time - 1 ms)
 * follows every 1,000 source events, as a bounded-out-of-orderness strategy of 0 would give.
 *
 * <p>{@code filterInFront}: a filter that passes only events satisfying a stage runs before the operator (as one
 * would write {@code stream.filter(...).keyBy(...)}); without it every event enters the operator, keyed by the pod
 * name it carries (file events' {@code orchestrator.resource.name}, else the audit pod name, else "").
 */
public final class FlinkCepSeedRule {

    private static final int WATERMARK_EVERY = 1000;

    private FlinkCepSeedRule() {}

    /** Counts matches in a Flink pattern function. */
    static final class CountMatches extends PatternProcessFunction<Map<String, Object>, Long> {
        private static final long serialVersionUID = 1L;
        long matches;

        @Override
        public void processMatch(Map<String, List<Map<String, Object>>> match, Context ctx, Collector<Long> out) {
            matches++;
        }
    }

    /** The pattern, as a Flink user would write it. */
    static Pattern<Map<String, Object>, ?> pattern() {
        return pattern(SeedShape.NESTED);
    }

    /** The pattern over events of the given shape. */
    static Pattern<Map<String, Object>, ?> pattern(SeedShape shape) {
        return Pattern.<Map<String, Object>>begin("read", AfterMatchSkipStrategy.skipPastLastEvent())
                .where(new SimpleCondition<>() {
                    private static final long serialVersionUID = 1L;

                    @Override
                    public boolean filter(Map<String, Object> e) {
                        return shape.isRead(e);
                    }
                })
                .followedBy("call")
                .where(new SimpleCondition<>() {
                    private static final long serialVersionUID = 1L;

                    @Override
                    public boolean filter(Map<String, Object> e) {
                        return shape.isCall(e);
                    }
                })
                .within(Duration.ofMillis(SeedLogic.MAX_SPAN_MILLIS + 1));
    }

    /** The join key of an event for the keyed stream: the read's key, else the call's (first) key, else "". */
    static String keyOf(Map<String, Object> e) {
        return keyOf(SeedShape.NESTED, e);
    }

    /** {@link #keyOf(Map)} for events of the given shape. */
    static String keyOf(SeedShape shape, Map<String, Object> e) {
        Object key = shape.readKey(e);
        if (key == null) {
            key = shape.callKeys(e);
            if (key instanceof List<?> l) {
                // multi-valued keys would need a flatMap that copies the event per value; the streams have one
                key = l.isEmpty() ? null : l.get(0);
            }
        }
        return key == null ? "" : key.toString();
    }

    /** Runs {@code events} (in time order) through a fresh CEP operator and returns the number of matches. */
    public static long count(List<Map<String, Object>> events, boolean filterInFront) throws Exception {
        return count(events, filterInFront, SeedShape.NESTED);
    }

    /** {@link #count(List, boolean)} for events of the given shape. */
    public static long count(List<Map<String, Object>> events, boolean filterInFront, SeedShape shape)
            throws Exception {
        Pattern<Map<String, Object>, ?> pattern = pattern(shape);
        TypeSerializer<Map<String, Object>> serializer =
                TypeInformation.of(new TypeHint<Map<String, Object>>() {}).createSerializer(new SerializerConfigImpl());
        CountMatches counter = new CountMatches();
        CepOperator<Map<String, Object>, String, Long> operator = new CepOperator<>(
                serializer,
                false,
                NFACompiler.compileFactory(pattern, false),
                null,
                pattern.getAfterMatchSkipStrategy(),
                counter,
                null);
        KeySelector<Map<String, Object>, String> keys = e -> keyOf(shape, e);
        try (KeyedOneInputStreamOperatorTestHarness<String, Map<String, Object>, Long> harness =
                new KeyedOneInputStreamOperatorTestHarness<>(operator, keys, BasicTypeInfo.STRING_TYPE_INFO)) {
            harness.open();
            long newest = Long.MIN_VALUE;
            int sinceWatermark = 0;
            for (Map<String, Object> e : events) {
                if (!filterInFront || shape.isRead(e) || shape.isCall(e)) {
                    long ts = shape.timestamp(e);
                    newest = Math.max(newest, ts);
                    harness.processElement(new StreamRecord<>(e, ts));
                }
                if (++sinceWatermark == WATERMARK_EVERY) {
                    sinceWatermark = 0;
                    if (newest != Long.MIN_VALUE) {
                        harness.processWatermark(newest - 1);
                        harness.getOutput().clear();
                    }
                }
            }
            harness.processWatermark(Long.MAX_VALUE);
            return counter.matches;
        }
    }
}
