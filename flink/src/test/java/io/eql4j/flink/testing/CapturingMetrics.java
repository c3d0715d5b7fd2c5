package io.eql4j.flink.testing;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.SimpleCounter;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;

/** A metric group that keeps the counters registered below it, by {@code key.value.name} path, for tests. */
public final class CapturingMetrics extends UnregisteredMetricsGroup {

    private final Map<String, Counter> counters;
    private final String prefix;

    public CapturingMetrics() {
        this(new ConcurrentHashMap<>(), "");
    }

    private CapturingMetrics(Map<String, Counter> counters, String prefix) {
        this.counters = counters;
        this.prefix = prefix;
    }

    @Override
    public MetricGroup addGroup(String key, String value) {
        return new CapturingMetrics(counters, prefix + key + "." + value + ".");
    }

    @Override
    public Counter counter(String name) {
        return counters.computeIfAbsent(prefix + name, n -> new SimpleCounter());
    }

    /** The count of the counter at {@code path} ({@code rule.ID.name}), or -1 when none was registered. */
    public long count(String path) {
        Counter c = counters.get(path);
        return c == null ? -1 : c.getCount();
    }
}
