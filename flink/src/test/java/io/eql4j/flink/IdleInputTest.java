package io.eql4j.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.eql4j.flink.testing.CollectingSink;
import io.eql4j.flink.testing.FlinkTests;
import io.eql4j.runtime.EngineOptions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.source.legacy.SourceFunction;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A job at parallelism 2 whose input all goes to one instance of the first operator, over a stream that stays open:
 * the other instance reads nothing, marks itself idle after the idle timeout, and the watermark moves on, so a
 * sequence with a trailing missing event is decided while the input is still open. Without idleness the quiet
 * instance would hold the watermark back and the sequence would wait for the end of the input, which never comes.
 */
@Timeout(120)
class IdleInputTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = FlinkTests.miniCluster();

    private static final FlinkPlan PLAN = FlinkPlan.ofQueries(
            Map.of(
                    "quiet-after-login",
                    "sequence by user with maxspan=1s [authentication where true] ![process where true]"),
            EngineOptions.defaults());

    @Test
    void aQuietInstanceDoesNotHoldTheWatermarkBack() throws Exception {
        StreamExecutionEnvironment env = FlinkTests.environment(2);
        env.getConfig().setAutoWatermarkInterval(50);
        @SuppressWarnings("deprecation")
        DataStream<SourceLine> source = env.addSource(new OpenSource(), "open events", FlinkTypes.SOURCE_LINE)
                .setParallelism(1);
        // every line to instance 0 of the first operator: instance 1 reads nothing
        DataStream<SourceLine> lines = source.partitionCustom((key, n) -> 0, line -> 0);
        CollectingSink<MatchRecord> matches = new CollectingSink<>(MatchRecord::toJson);
        EqlFlink.detect(lines, PLAN, Duration.ZERO, Duration.ofMillis(300))
                .matches()
                .sinkTo(matches);
        JobClient job = env.executeAsync("idle input");
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            List<String> found = matches.sofar();
            while (found.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(50); // polling for the expected output, with a deadline; not an assertion on time
                found = matches.sofar();
            }
            assertThat(found)
                    .as("the sequence decided by the watermark while the input is open")
                    .singleElement()
                    .satisfies(m -> assertThat(m).contains("\"line\":1").doesNotContain("\"line\":3"));
            assertThat(job.getJobStatus().get().isGloballyTerminalState())
                    .as("the input is still open")
                    .isFalse();
        } finally {
            job.cancel().get();
        }
    }

    /** Emits a few events, then stays open (reads nothing more) until cancelled. */
    @SuppressWarnings("deprecation")
    private static final class OpenSource implements SourceFunction<SourceLine> {
        private static final long serialVersionUID = 1L;
        private volatile boolean running = true;

        @Override
        public void run(SourceContext<SourceLine> ctx) throws Exception {
            String[] events = {
                // user u logs in at 00:00:01; nothing of u follows within 1 s: the sequence holds once time passes 2 s
                "{\"@timestamp\":\"2026-01-01T00:00:01.000Z\",\"event\":{\"category\":\"authentication\"},\"user\":\"u\",\"line\":1}",
                // user v logs in and starts a process within 1 s: no match
                "{\"@timestamp\":\"2026-01-01T00:00:01.100Z\",\"event\":{\"category\":\"authentication\"},\"user\":\"v\",\"line\":2}",
                "{\"@timestamp\":\"2026-01-01T00:00:01.500Z\",\"event\":{\"category\":\"process\"},\"user\":\"v\",\"line\":3}",
                // later events move time past every window
                "{\"@timestamp\":\"2026-01-01T00:00:09.000Z\",\"event\":{\"category\":\"network\"},\"user\":\"w\",\"line\":4}",
                "{\"@timestamp\":\"2026-01-01T00:00:09.500Z\",\"event\":{\"category\":\"process\"},\"user\":\"w\",\"line\":5}",
            };
            long n = 0;
            for (String e : events) {
                synchronized (ctx.getCheckpointLock()) {
                    ctx.collect(SourceLine.ofFile("open", ++n, e.getBytes(StandardCharsets.UTF_8)));
                }
            }
            while (running) {
                Thread.sleep(20); // the input stays open
            }
        }

        @Override
        public void cancel() {
            running = false;
        }
    }
}
