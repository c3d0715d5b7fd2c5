package io.eql4j.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.eql4j.flink.testing.CollectingSink;
import io.eql4j.flink.testing.FlinkTests;
import io.eql4j.runtime.EngineOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.source.lib.NumberSequenceSource.NumberSequenceSplit;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiter;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A savepoint, a changed rule pack, a restore, on a mini cluster (docs/notes/flink.md, "Tests and their cost"): a job
 * with pack A reads the first half of the sequences and is stopped with a savepoint; the same job with pack B is
 * submitted from that savepoint and reads the second half. The kept rule's sequence that spans the change completes
 * with its first event from before the savepoint; the changed rule's spanning sequence does not (its state starts
 * empty), its sequence entirely after the restore does; the removed rule gives nothing; the added rule detects only
 * what starts after the restore.
 *
 * <p>The source is a {@link DataGeneratorSource} over fixed lines: its position is in the savepoint (the remaining
 * range of its split), and a rate limiter holds it after the first batch until the test releases it, without blocking
 * the task, so that the savepoint can be taken while it waits.
 */
@Timeout(120)
class SavepointRestoreJobTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = FlinkTests.miniCluster();

    private static final String SEQUENCE =
            "sequence by user with maxspan=1m [process where x == 1] [process where x == 2]";

    /** A rule in both packs whose match shows that the watermark has passed the first batch. */
    private static final String PROBE =
            "sequence by host with maxspan=1m [network where p == 1] [network where p == 2]";

    private static final String[] LINES = {
        // the first batch, read under pack A
        line(1, "process", "\"user\":\"a\",\"x\":1"), // the first half of user a's sequences
        line(2, "network", "\"host\":\"h\",\"p\":1"),
        line(3, "network", "\"host\":\"h\",\"p\":2"), // the probe's match
        // moves the watermark past line 3 (an event no rule wants may not be read for its time)
        line(4, "network", "\"host\":\"g\",\"p\":1"),
        // the second batch, read under pack B after the restore
        line(10, "process", "\"user\":\"a\",\"x\":2"), // completes user a's sequence of the kept rule only
        line(11, "process", "\"user\":\"b\",\"x\":1"), // user b's sequences start and end after the restore
        line(12, "process", "\"user\":\"b\",\"x\":2"),
    };

    private static final int FIRST_BATCH = 4;

    /** Completed by the test to let the source read past what its rate limiter already granted. */
    private static volatile CompletableFuture<Void> release = new CompletableFuture<>();

    @TempDir
    Path savepoints;

    @Test
    void aSequenceOfAnUnchangedRuleSpansASavepointAndAChangedPack() throws Exception {
        release = new CompletableFuture<>();
        Map<String, String> packA = new LinkedHashMap<>();
        packA.put("kept", SEQUENCE);
        packA.put("changed", SEQUENCE);
        packA.put("removed", SEQUENCE);
        packA.put("probe", PROBE);
        Map<String, String> packB = new LinkedHashMap<>();
        packB.put("kept", SEQUENCE);
        packB.put("changed", SEQUENCE.replace("maxspan=1m", "maxspan=2m"));
        packB.put("added", SEQUENCE);
        packB.put("probe", PROBE);

        // pack A: the first batch, until the probe's match shows that the keyed operator has read it
        CollectingSink<MatchRecord> before = new CollectingSink<>(SavepointRestoreJobTest::rulesAndLines);
        JobClient first = job(packA, FIRST_BATCH, before, new Configuration()).executeAsync("pack A");
        String savepoint;
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (before.sofar().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20); // polling for the probe's match, with a deadline; not an assertion on time
            }
            assertThat(before.sofar()).as("the probe's match under pack A").containsExactly("probe 2 3");
            savepoint = first.stopWithSavepoint(false, savepoints.toUri().toString(), SavepointFormatType.CANONICAL)
                    .get(60, TimeUnit.SECONDS);
        } catch (Exception | AssertionError e) {
            first.cancel();
            throw e;
        }
        first.getJobExecutionResult().get(60, TimeUnit.SECONDS);
        assertThat(before.take())
                .as("nothing but the probe's match before the savepoint: the sequences of user a are partial")
                .containsExactly("probe 2 3");

        // pack B from the savepoint; state that does not map to the job would fail the submission
        Configuration restore = new Configuration();
        restore.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint);
        CollectingSink<MatchRecord> after = new CollectingSink<>(SavepointRestoreJobTest::rulesAndLines);
        JobClient second = job(packB, 0, after, restore).executeAsync("pack B");
        try {
            release.complete(null);
            second.getJobExecutionResult().get(60, TimeUnit.SECONDS);
        } catch (Exception | AssertionError e) {
            second.cancel();
            throw e;
        }
        assertThat(after.take())
                .containsExactlyInAnyOrder(
                        "kept 1 10", // spans the savepoint and the change of pack
                        "kept 11 12",
                        "changed 11 12", // its spanning sequence (1, 10) was reset
                        "added 11 12"); // line 1 came before it existed
    }

    /**
     * The job: the lines from the source's position on, the rules of {@code pack}, the matches to {@code sink}; the
     * source reads {@code granted} lines, then waits for {@link #release}.
     */
    private static StreamExecutionEnvironment job(
            Map<String, String> pack, int granted, CollectingSink<MatchRecord> sink, Configuration conf) {
        StreamExecutionEnvironment env = FlinkTests.environment(1, conf);
        env.getConfig().setAutoWatermarkInterval(20);
        DataGeneratorSource<SourceLine> source = new DataGeneratorSource<>(
                index -> SourceLine.ofFile(
                        "events", index + 1, LINES[Math.toIntExact(index)].getBytes(StandardCharsets.UTF_8)),
                LINES.length,
                new Gate(granted),
                FlinkTypes.SOURCE_LINE);
        DataStream<SourceLine> lines = env.fromSource(source, WatermarkStrategy.noWatermarks(), "events")
                .uid("events");
        EqlFlink.detect(lines, FlinkPlan.ofQueries(pack, EngineOptions.defaults()), Duration.ZERO)
                .matches()
                .sinkTo(sink)
                .uid("matches");
        return env;
    }

    /** Grants a number of lines at once, then the rest when the test releases them. */
    private static final class Gate implements RateLimiterStrategy<NumberSequenceSplit> {
        private static final long serialVersionUID = 1L;
        private final int granted;

        Gate(int granted) {
            this.granted = granted;
        }

        @Override
        public RateLimiter<NumberSequenceSplit> createRateLimiter(int parallelism) {
            return new RateLimiter<>() {
                private long acquired;

                @Override
                public CompletionStage<Void> acquire(int permits) {
                    acquired += permits;
                    return acquired <= granted ? CompletableFuture.completedFuture(null) : release;
                }
            };
        }
    }

    private static final Pattern LINE = Pattern.compile("\"line\":(\\d+)");

    /** A match as its rule id and its events' line numbers, e.g. {@code kept 1 10}. */
    private static String rulesAndLines(MatchRecord m) {
        List<String> parts = new ArrayList<>();
        parts.add(m.ruleId());
        for (String event : m.events()) {
            Matcher found = LINE.matcher(String.valueOf(event));
            parts.add(found.find() ? found.group(1) : "?");
        }
        return String.join(" ", parts);
    }

    /** An event at second {@code second} of 2026-01-01 whose {@code line} field is its second too. */
    private static String line(int second, String category, String fields) {
        return String.format(
                "{\"@timestamp\":\"2026-01-01T00:00:%02d.000Z\",\"event\":{\"category\":\"%s\"},%s,\"line\":%d}",
                second, category, fields, second);
    }
}
