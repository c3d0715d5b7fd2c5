package io.eql4j.flink.testing;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.api.common.JobID;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.clusterframework.types.ResourceID;
import org.apache.flink.runtime.executiongraph.ExecutionAttemptID;
import org.apache.flink.runtime.metrics.groups.TaskManagerMetricGroup;
import org.apache.flink.runtime.metrics.groups.TaskMetricGroup;
import org.apache.flink.runtime.metrics.util.TestingMetricRegistry;
import org.apache.flink.runtime.operators.testutils.MockEnvironment;
import org.apache.flink.runtime.operators.testutils.MockEnvironmentBuilder;

/**
 * Real Flink metric groups for an operator test harness: a task metric group on a registry that keeps every counter
 * registered below it, by {@code rule.ID.name} for counters in a {@code rule} group. {@link #environment()} gives the
 * harness (its constructor that takes a {@code MockEnvironment}) an environment with that group, so the operator's
 * {@code getRuntimeContext().getMetricGroup()} is a real operator group whose counters can be read here.
 */
public final class HarnessMetrics {

    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final TaskMetricGroup task;

    public HarnessMetrics() {
        TestingMetricRegistry registry = TestingMetricRegistry.builder()
                .setRegisterConsumer((metric, name, group) -> {
                    String rule = group.getAllVariables().get("<rule>");
                    if (rule != null && metric instanceof Counter c) {
                        counters.put("rule." + rule + "." + name, c);
                    }
                })
                .build();
        task = TaskManagerMetricGroup.createTaskManagerMetricGroup(registry, "localhost", ResourceID.generate())
                .addJob(new JobID(), "test job")
                .addTask(ExecutionAttemptID.randomId(), "test task");
    }

    /** An environment of parallelism 1 whose task metric group is this one's. */
    public MockEnvironment environment() {
        return new MockEnvironmentBuilder()
                .setTaskName("test task")
                .setManagedMemorySize(3 * 1024 * 1024)
                .setBufferSize(1024)
                .setMaxParallelism(1)
                .setParallelism(1)
                .setSubtaskIndex(0)
                .setMetricGroup(task)
                .build();
    }

    /** The count of the counter at {@code path} ({@code rule.ID.name}), or -1 when none was registered. */
    public long count(String path) {
        Counter c = counters.get(path);
        return c == null ? -1 : c.getCount();
    }
}
