package io.eql4j.flink.testing;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;

/** What the job tests share: a mini cluster shape, and an environment that fails instead of retrying or Kryo. */
public final class FlinkTests {

    private FlinkTests() {}

    /** A mini cluster of one task manager with four slots: jobs up to parallelism 4. */
    public static MiniClusterExtension miniCluster() {
        return new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
                .setNumberTaskManagers(1)
                .setNumberSlotsPerTaskManager(4)
                .build());
    }

    /**
     * The test's environment (the mini cluster's) at {@code parallelism}, with generic types disabled, so that a
     * record type Flink would hand to Kryo fails the job, and without restarts, so that a failure fails the test.
     */
    public static StreamExecutionEnvironment environment(int parallelism) {
        return environment(parallelism, new Configuration());
    }

    /** As {@link #environment(int)}, with more settings. */
    public static StreamExecutionEnvironment environment(int parallelism, Configuration conf) {
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(parallelism);
        return env;
    }
}
