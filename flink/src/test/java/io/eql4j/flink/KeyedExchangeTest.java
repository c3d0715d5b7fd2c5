package io.eql4j.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.eql4j.flink.testing.CollectingSink;
import io.eql4j.flink.testing.FlinkTests;
import io.eql4j.runtime.EngineOptions;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The router's records keyed by (rule, join key) across parallel instances, as the keyed detection operator will key
 * them: every record of a key reaches the same instance, with keyed state per key, and nothing needs Kryo.
 */
@Timeout(120)
class KeyedExchangeTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = FlinkTests.miniCluster();

    @Test
    void everyRecordOfAKeyReachesOneInstanceAndItsState() throws Exception {
        FlinkPlan plan = FlinkPlan.ofQueries(
                Map.of(
                        "by-user", "sequence by user.name [process where true] [file where true]",
                        "by-host-and-port", "sample by host.name, port [network where true] [network where true]"),
                EngineOptions.defaults());
        List<SourceLine> lines = new ArrayList<>();
        Map<String, Integer> expected = new HashMap<>();
        String[] categories = {"process", "file", "network"};
        for (int i = 0; i < 600; i++) {
            String category = categories[i % 3];
            String json = "{\"@timestamp\":" + (1_000_000 + i) + ",\"event\":{\"category\":\"" + category + "\"},"
                    + "\"user\":{\"name\":\"u" + (i % 17) + "\"},\"host\":{\"name\":\"h" + (i % 5) + "\"},"
                    + "\"port\":" + (i % 7 == 0 ? "null" : String.valueOf(i % 4)) + "}";
            lines.add(SourceLine.ofFile("generated", i + 1, json.getBytes(StandardCharsets.UTF_8)));
            String key = category.equals("network")
                    ? (i % 7 == 0 ? null : "by-host-and-port[h" + (i % 5) + ", " + (i % 4) + "]")
                    : "by-user[u" + (i % 17) + "]";
            if (key != null) {
                expected.merge(key, 1, Integer::sum);
            }
        }

        StreamExecutionEnvironment env = FlinkTests.environment(4);
        CollectingSink<String> sink = new CollectingSink<>(s -> s);
        env.fromData(FlinkTypes.SOURCE_LINE, lines.toArray(SourceLine[]::new))
                .assignTimestampsAndWatermarks(WatermarkStrategy.noWatermarks())
                .process(new EventRouter(plan), FlinkTypes.RULE_EVENT)
                .keyBy(RuleEvent::ruleKey, FlinkTypes.RULE_KEY)
                .process(new CountPerKey(), Types.STRING)
                .sinkTo(sink);
        env.execute("keyed exchange");

        // per key: the last count its instance emitted, and which instances saw it
        Map<String, Integer> counts = new HashMap<>();
        Map<String, java.util.Set<String>> instances = new HashMap<>();
        for (String line : sink.take()) {
            String[] parts = line.split("\t");
            counts.merge(parts[0], Integer.parseInt(parts[1]), Math::max);
            instances.computeIfAbsent(parts[0], k -> new java.util.HashSet<>()).add(parts[2]);
        }
        assertThat(counts).isEqualTo(expected);
        assertThat(instances.values()).allSatisfy(s -> assertThat(s).hasSize(1));
        assertThat(instances.values().stream()
                        .flatMap(java.util.Set::stream)
                        .distinct()
                        .count())
                .as("keys spread over the instances")
                .isGreaterThan(1);
    }

    /** Counts a key's records in keyed state; emits key, count so far, instance index. */
    static final class CountPerKey extends KeyedProcessFunction<RuleKey, RuleEvent, String> {
        private static final long serialVersionUID = 1L;
        private transient ValueState<Integer> count;

        @Override
        public void open(OpenContext context) {
            count = getRuntimeContext().getState(new ValueStateDescriptor<>("count", Types.INT));
        }

        @Override
        public void processElement(RuleEvent event, Context ctx, Collector<String> out) throws Exception {
            if (!ctx.getCurrentKey().equals(event.ruleKey())) {
                throw new IllegalStateException("record of " + event.ruleKey() + " under key " + ctx.getCurrentKey());
            }
            int n = count.value() == null ? 1 : count.value() + 1;
            count.update(n);
            out.collect(event.ruleKey() + "\t" + n + "\t"
                    + getRuntimeContext().getTaskInfo().getIndexOfThisSubtask());
        }
    }
}
