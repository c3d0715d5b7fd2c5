package io.eql4j.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.eql4j.cli.CliRunner;
import io.eql4j.compile.EqlCompiler;
import io.eql4j.flink.testing.FlinkTests;
import io.eql4j.flink.testing.KafkaBroker;
import io.eql4j.flink.testing.Multisets;
import io.eql4j.flink.testing.SharedData;
import io.eql4j.rules.Rule;
import io.eql4j.rules.RulePack;
import io.eql4j.runtime.EngineOptions;
import io.eql4j.runtime.EqlEngine;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.streaming.api.CheckpointingMode;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end with a real Kafka broker (in-process, KRaft): events produced to a topic, the job's Kafka source and
 * exactly-once Kafka sink, matches read back with {@code read_committed}, equal to {@code eql4j run}'s over the same
 * events; and the same after a deliberate failure and a restart from the last checkpoint, nothing lost, nothing twice.
 */
@Timeout(180)
class KafkaJobTest {

    @RegisterExtension
    static final KafkaBroker KAFKA = new KafkaBroker();

    @RegisterExtension
    static final MiniClusterExtension FLINK = FlinkTests.miniCluster();

    private static final Path EVENTS = Path.of("../examples/events/k8s-sa-token-theft.ndjson");
    private static final Path RULES = Path.of("src/test/resources/rules/event-queries");
    private static final Path SEED_RULE = Path.of("../examples/rules/kubernetes");

    private static List<String> expected;

    @BeforeAll
    static void produceTheEventsAndAskEql4jRun() throws Exception {
        KAFKA.createTopic("events", 2);
        KAFKA.produce("events", Files.readAllLines(EVENTS), true);
        CliRunner.Result cli =
                CliRunner.run("run", "--quiet", "--rules", RULES.toString(), "--events", EVENTS.toString());
        assertThat(cli.exitCode()).as(cli.err()).isZero();
        expected =
                Arrays.stream(cli.out().split("\n")).filter(l -> !l.isBlank()).toList();
        assertThat(expected).hasSizeGreaterThan(10);
    }

    @Test
    void theJobsMainReadsKafkaAndWritesItsMatchesExactlyOnce() throws Exception {
        KAFKA.createTopic("matches", 2);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = EqlFlinkJob.run(
                new String[] {
                    "--rules",
                    RULES.toString(),
                    "--source",
                    "kafka",
                    "--bootstrap-servers",
                    KAFKA.bootstrapServers(),
                    "--topic",
                    "events",
                    "--sink-topic",
                    "matches",
                    "--bounded",
                    "--parallelism",
                    "2",
                    "--allowed-lateness",
                    "unbounded",
                    "--checkpoint-interval",
                    "300ms"
                },
                new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                () -> FlinkTests.environment(2));
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        List<String> read =
                KAFKA.readCommitted("matches", expected.size(), Duration.ofSeconds(1), Duration.ofSeconds(60));
        Multisets.assertSame("matches on the output topic", read, expected);
    }

    /**
     * The job's main with a rule topic: an unreadable record, a pack that does not compile and a pack that keeps the
     * job's rules and adds one are each acknowledged once on the update topic; the kept rules' matches are those of a
     * job without updates, whenever the update lands among the events.
     */
    @Test
    void theJobsMainTakesRulePacksFromATopicAndAcknowledgesEach() throws Exception {
        KAFKA.createTopic("rule-packs", 1);
        KAFKA.createTopic("rule-acks", 1);
        KAFKA.createTopic("live-matches", 2);
        java.util.Map<String, String> files = new java.util.TreeMap<>();
        try (var list = Files.list(RULES)) {
            for (Path f : list.toList()) {
                files.put(f.getFileName().toString(), Files.readString(f));
            }
        }
        files.put("added.eql", "process where true");
        KAFKA.produce(
                "rule-packs",
                List.of(
                        "{\"version\": 1}",
                        new RulePackUpdate("broken", java.util.Map.of("x.eql", "process where (")).toJson(),
                        new RulePackUpdate("v2", files).toJson()),
                false);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = EqlFlinkJob.run(
                new String[] {
                    "--rules",
                    RULES.toString(),
                    "--source",
                    "kafka",
                    "--bootstrap-servers",
                    KAFKA.bootstrapServers(),
                    "--topic",
                    "events",
                    "--sink-topic",
                    "live-matches",
                    "--rules-topic",
                    "rule-packs",
                    "--update-topic",
                    "rule-acks",
                    "--group-id", // its own: the other tests read the events topic from the start
                    "live-rules-test",
                    "--bounded",
                    "--parallelism",
                    "2",
                    "--allowed-lateness",
                    "unbounded",
                    "--checkpoint-interval",
                    "300ms"
                },
                new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                () -> FlinkTests.environment(2));
        String stderr = err.toString(StandardCharsets.UTF_8);
        assertThat(code).as(stderr).isZero();
        List<String> acks = KAFKA.readCommitted("rule-acks", 3, Duration.ofSeconds(1), Duration.ofSeconds(60));
        assertThat(acks)
                .containsExactlyInAnyOrder(
                        "{\"version\":\"rule-packs/0@0\",\"accepted\":false,\"generation\":-1,\"kept\":[],"
                                + "\"reset\":[],\"added\":[],\"removed\":[],\"errors\":[\"rule-packs/0@0: a rule pack "
                                + "update needs \\\"version\\\", a string\"]}",
                        "{\"version\":\"broken\",\"accepted\":false,\"generation\":0,\"kept\":[],\"reset\":[],"
                                + "\"added\":[],\"removed\":[],\"errors\":[\"x.eql:1:16: "
                                + "Unexpected end of query, expected <expression>\"]}",
                        "{\"version\":\"v2\",\"accepted\":true,\"generation\":1,\"kept\":["
                                + "\"7d3a3f4e-1b7c-4d52-9a0e-eql4j-test-02\",\"file_opens\","
                                + "\"7d3a3f4e-1b7c-4d52-9a0e-eql4j-test-01\"],\"reset\":[],\"added\":[\"added\"],"
                                + "\"removed\":[],\"errors\":[]}");
        List<String> read =
                KAFKA.readCommitted("live-matches", expected.size(), Duration.ofSeconds(2), Duration.ofSeconds(60));
        List<String> kept =
                read.stream().filter(m -> !m.contains("\"rule_id\":\"added\"")).toList();
        Multisets.assertSame("the kept rules' matches on the output topic", kept, expected);
    }

    /**
     * The QA suite's largest dataset produced to a topic, its event queries as {@code .eql} rule files, the job's
     * main class with the dataset's tiebreaker: the matches on the output topic are the embedded engine's.
     */
    @Test
    void conformanceEventsThroughKafkaGiveTheEmbeddedEnginesMatches(@TempDir Path tmp) throws Exception {
        ConformanceTest.Dataset d =
                ConformanceTest.datasets(SharedData.require("conformance/es")).get(0);
        assertThat(d.options().tiebreakerField()).isEqualTo("serial_event_id");
        Path rules = Files.createDirectories(tmp.resolve("rules"));
        List<Rule> sameRules = new ArrayList<>();
        d.queries().forEach((id, query) -> {
            String name = id.replaceAll("[^A-Za-z0-9_-]", "_");
            sameRules.add(Rule.ofQuery(name, query));
            try {
                Files.writeString(rules.resolve(name + ".eql"), query);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        List<String> embedded = new ArrayList<>();
        EqlEngine engine = EqlEngine.create(
                EqlCompiler.compile(sameRules, d.options()),
                m -> embedded.add(MatchRecord.of(m).toJson()));
        try (java.io.InputStream in = Files.newInputStream(d.events())) {
            io.eql4j.event.JsonEventReader.forPlan(engine.plan())
                    .readLines(in, (line, e) -> engine.accept(e), (line, message) -> {});
        }
        engine.finish();
        assertThat(embedded).hasSizeGreaterThan(100);

        KAFKA.createTopic("conformance", 2);
        KAFKA.createTopic("conformance-matches", 2);
        KAFKA.produce("conformance", Files.readAllLines(d.events()), true);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = EqlFlinkJob.run(
                new String[] {
                    "--rules",
                    rules.toString(),
                    "--source",
                    "kafka",
                    "--bootstrap-servers",
                    KAFKA.bootstrapServers(),
                    "--topic",
                    "conformance",
                    "--sink-topic",
                    "conformance-matches",
                    "--group-id",
                    "conformance",
                    "--bounded",
                    "--parallelism",
                    "2",
                    "--tiebreaker-field",
                    "serial_event_id",
                    "--allowed-lateness",
                    "unbounded",
                    "--checkpoint-interval",
                    "300ms"
                },
                new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                () -> FlinkTests.environment(2));
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        List<String> read = KAFKA.readCommitted(
                "conformance-matches", embedded.size(), Duration.ofSeconds(1), Duration.ofSeconds(60));
        Multisets.assertSame("conformance matches on the output topic", read, embedded);
    }

    /**
     * A job that fails once after a completed checkpoint and restarts from it writes each match once: the Kafka
     * sink's transactions of the failed attempt are aborted, the keyed state (partial sequences and records waiting
     * for the watermark) comes back from the checkpoint, and the events after it are read again. The pack has the
     * event queries and the seed rule (a sequence with a 60 s window); the watermark trails event time by 30 s, so
     * sequences complete and expire during the stream, not only at its end.
     */
    @Test
    void aFailureAfterACheckpointLosesNothingAndRepeatsNothing() throws Exception {
        KAFKA.createTopic("matches-after-failure", 1);
        CliRunner.Result cli = CliRunner.run(
                "run",
                "--quiet",
                "--rules",
                RULES.toString(),
                "--rules",
                SEED_RULE.toString(),
                "--events",
                EVENTS.toString());
        assertThat(cli.exitCode()).as(cli.err()).isZero();
        List<String> expected =
                Arrays.stream(cli.out().split("\n")).filter(l -> !l.isBlank()).toList();
        assertThat(expected.stream().filter(l -> l.contains("\"sequence\"")).count())
                .isEqualTo(4);
        FailOnceAfterCheckpoint.failed.set(false);
        FailOnceAfterCheckpoint.checkpointed.set(false);

        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 2);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(100));
        conf.set(org.apache.flink.configuration.PipelineOptions.GENERIC_TYPES, false);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);
        env.enableCheckpointing(200, CheckpointingMode.EXACTLY_ONCE);

        FlinkPlan plan = FlinkPlan.of(RulePack.load(RULES, SEED_RULE).orThrow(), EngineOptions.defaults());
        DataStream<SourceLine> lines = env.fromSource(
                        KafkaGlue.source(KAFKA.bootstrapServers(), "events", "failure-test", true),
                        WatermarkStrategy.noWatermarks(),
                        "events")
                .map(new FailOnceAfterCheckpoint(), FlinkTypes.SOURCE_LINE);
        EqlFlink.detect(lines, plan, Duration.ofSeconds(30))
                .matches()
                .sinkTo(KafkaGlue.exactlyOnceSink(KAFKA.bootstrapServers(), "matches-after-failure", "failure-test"));
        env.execute("fails once");

        assertThat(FailOnceAfterCheckpoint.failed).as("the job failed once").isTrue();
        List<String> read = KAFKA.readCommitted(
                "matches-after-failure", expected.size(), Duration.ofSeconds(1), Duration.ofSeconds(60));
        Multisets.assertSame("matches on the output topic after a failure", read, expected);
    }

    /** Passes lines on slowly; after the first completed checkpoint it fails once, in the middle of the stream. */
    static final class FailOnceAfterCheckpoint implements MapFunction<SourceLine, SourceLine>, CheckpointListener {
        private static final long serialVersionUID = 1L;
        static final AtomicBoolean checkpointed = new AtomicBoolean();
        static final AtomicBoolean failed = new AtomicBoolean();

        @Override
        public SourceLine map(SourceLine line) throws Exception {
            Thread.sleep(25); // the stream lasts across several checkpoints
            if (checkpointed.get() && failed.compareAndSet(false, true)) {
                throw new IllegalStateException("deliberate failure after a checkpoint");
            }
            return line;
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) {
            checkpointed.set(true);
        }
    }
}
