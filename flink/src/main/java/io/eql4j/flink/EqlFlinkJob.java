package io.eql4j.flink;

import io.eql4j.compile.EqlCompileException;
import io.eql4j.rules.RulePack;
import io.eql4j.rules.RuleProblem;
import java.io.PrintStream;
import java.time.Duration;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.CheckpointingMode;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * The eql4j Flink job: rules from files, NDJSON events from a file or a Kafka topic, matches to a file or (exactly
 * once) a Kafka topic, in the shape {@code eql4j run} writes. Problems with events are printed to the task
 * managers' standard error as {@code ORIGIN: MESSAGE}.
 *
 * <p>Run {@code target/eql4j-flink.jar} with {@code flink run} on a cluster, or {@code target/eql4j-flink-local.jar}
 * with {@code java -jar} on an in-process mini cluster. {@code --help} lists the options. Exit codes: 0 done,
 * 1 done with problems in the events, 2 wrong arguments, missing files, rules that do not load or compile, 3 the job
 * failed.
 */
public final class EqlFlinkJob {

    static final String MATCHES = "eql4j-matches";
    static final String PROBLEMS = "eql4j-problems";

    private EqlFlinkJob() {}

    public static void main(String[] args) throws Exception {
        int code = run(args, System.out, System.err, StreamExecutionEnvironment::getExecutionEnvironment);
        if (code != 0) {
            System.exit(code);
        }
    }

    /** Where a job gets its environment (the tests give theirs). */
    @FunctionalInterface
    interface Environments {
        StreamExecutionEnvironment get();
    }

    /** Runs the job the arguments describe; returns the exit code. */
    static int run(String[] args, PrintStream out, PrintStream err, Environments environments) throws Exception {
        JobArguments arguments;
        FlinkPlan plan;
        try {
            arguments = JobArguments.parse(args);
            if (arguments.help) {
                out.println(JobArguments.USAGE);
                return 0;
            }
            checkFiles(arguments);
            plan = load(arguments, err);
        } catch (java.io.UncheckedIOException e) {
            err.println("eql4j-flink: " + e.getMessage() + ": " + e.getCause().getMessage());
            return 2;
        } catch (IllegalArgumentException e) {
            err.println("eql4j-flink: " + e.getMessage());
            err.println("eql4j-flink: --help lists the options");
            return 2;
        }
        StreamExecutionEnvironment env = environments.get();
        build(env, arguments, plan);
        JobExecutionResult result;
        try {
            result = env.execute("eql4j: " + plan.size() + (plan.size() == 1 ? " rule" : " rules"));
        } catch (Exception e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            err.println("eql4j-flink: the job failed: " + root.getMessage());
            return 3;
        }
        if (result.isJobExecutionResult()) {
            Long matches = result.getAccumulatorResult(MATCHES);
            Long problems = result.getAccumulatorResult(PROBLEMS);
            long m = matches == null ? 0 : matches;
            long p = problems == null ? 0 : problems;
            err.println("eql4j-flink: " + m + (m == 1 ? " match" : " matches") + ", " + p
                    + (p == 1 ? " problem" : " problems") + " with events");
            return p > 0 ? 1 : 0;
        }
        return 0; // submitted detached: the cluster runs it
    }

    /** The events file must exist and the output's directory too: found now, not as a failed job. */
    private static void checkFiles(JobArguments a) {
        if (a.source != JobArguments.Source.FILE) {
            return;
        }
        if (!java.nio.file.Files.isRegularFile(a.events)) {
            throw new IllegalArgumentException("--events " + a.events + ": no such file");
        }
        java.nio.file.Path dir = a.output.toAbsolutePath().getParent();
        if (dir != null && !java.nio.file.Files.isDirectory(dir)) {
            throw new IllegalArgumentException("--output " + a.output + ": no such directory " + dir);
        }
        if (java.nio.file.Files.isDirectory(a.output)) {
            throw new IllegalArgumentException("--output " + a.output + " is a directory; name a file");
        }
    }

    /** Loads and compiles the rules; every problem is reported at its place. */
    private static FlinkPlan load(JobArguments arguments, PrintStream err) {
        RulePack.Loaded loaded = RulePack.load(arguments.rules);
        for (RuleProblem p : loaded.problems()) {
            err.println(p);
        }
        if (!loaded.problems().isEmpty()) {
            throw new IllegalArgumentException(loaded.problems().size() + " rule file(s) could not be loaded");
        }
        if (loaded.pack().size() == 0) {
            throw new IllegalArgumentException("no EQL rules in " + arguments.rules);
        }
        try {
            return FlinkPlan.of(loaded.pack(), arguments.compileOptions());
        } catch (EqlCompileException e) {
            throw new IllegalArgumentException("rule " + e.ruleId() + " does not compile: " + e.getMessage());
        }
    }

    /** Adds the job's sources, operators and sinks to {@code env}. */
    static void build(StreamExecutionEnvironment env, JobArguments a, FlinkPlan plan) {
        if (a.parallelism != null) {
            env.setParallelism(a.parallelism);
        }
        Duration checkpoints = a.checkpoints();
        if (checkpoints != null) {
            env.enableCheckpointing(checkpoints.toMillis(), CheckpointingMode.EXACTLY_ONCE);
        }
        DataStream<SourceLine> lines;
        if (a.source == JobArguments.Source.FILE) {
            FileSource<SourceLine> files = FileSource.forRecordStreamFormat(
                            new NdjsonLineFormat(a.events.toString()),
                            new Path(a.events.toAbsolutePath().toUri()))
                    .build();
            lines = env.fromSource(files, WatermarkStrategy.noWatermarks(), "events " + a.events)
                    .uid("eql4j-file-source");
        } else {
            lines = env.fromSource(
                            KafkaGlue.source(a.bootstrapServers, a.topic, a.groupId, a.bounded),
                            WatermarkStrategy.noWatermarks(),
                            "events from kafka " + a.topic)
                    .uid("eql4j-kafka-source");
        }
        EqlFlink.Detection detection;
        if (a.rulesTopic == null) {
            detection = EqlFlink.detect(lines, plan, a.lateness(), a.idleTimeout());
        } else {
            SingleOutputStreamOperator<RulePackUpdate> updates = env.fromSource(
                            KafkaGlue.rulesSource(a.bootstrapServers, a.rulesTopic, a.groupId + "-rules", a.bounded),
                            WatermarkStrategy.noWatermarks(),
                            "rule packs from kafka " + a.rulesTopic)
                    .uid("eql4j-rules-source")
                    .setParallelism(1)
                    .process(new ReadUpdates(), LiveTypes.UPDATE)
                    .name("read rule packs")
                    .uid("eql4j-read-rule-packs")
                    .setParallelism(1);
            detection = EqlFlink.detect(lines, updates, plan, a.lateness(), a.idleTimeout());
            DataStream<RuleUpdateReport> reports =
                    detection.updates().union(updates.getSideOutput(ReadUpdates.UNREADABLE));
            reports.sinkTo(new Printer<>())
                    .name("rule updates to standard error")
                    .setParallelism(1);
            if (a.updateTopic != null) {
                reports.sinkTo(KafkaGlue.reportSink(a.bootstrapServers, a.updateTopic))
                        .name("rule updates to kafka " + a.updateTopic)
                        .uid("eql4j-update-sink")
                        .setParallelism(1);
            }
        }
        DataStream<MatchRecord> matches = detection
                .matches()
                .map(new Counting<>(MATCHES), FlinkTypes.MATCH)
                .name("count matches");
        if (a.source == JobArguments.Source.FILE) {
            matches.sinkTo(new MatchFileSink(a.output))
                    .name("matches to " + a.output)
                    .setParallelism(1)
                    .uid("eql4j-file-sink");
        } else {
            matches.sinkTo(KafkaGlue.exactlyOnceSink(a.bootstrapServers, a.sinkTopic, a.transactionalIdPrefix()))
                    .name("matches to kafka " + a.sinkTopic)
                    .uid("eql4j-kafka-sink");
        }
        detection
                .problems()
                .map(new Counting<>(PROBLEMS), FlinkTypes.PROBLEM)
                .name("count problems")
                .sinkTo(new Printer<ProblemRecord>())
                .name("problems to standard error")
                .setParallelism(1);
    }

    /**
     * Reads each record of the rule topic as a {@link RulePackUpdate} ({@link RulePackUpdate#fromJson}); a record that
     * is not one is refused on {@link #UNREADABLE}, named by its origin (topic, partition and offset), with generation
     * -1 (it never reached the step that knows the running pack's).
     */
    static final class ReadUpdates extends ProcessFunction<SourceLine, RulePackUpdate> {
        private static final long serialVersionUID = 1L;
        static final OutputTag<RuleUpdateReport> UNREADABLE =
                new OutputTag<>("eql4j-unreadable-updates", LiveTypes.REPORT);

        @Override
        public void processElement(SourceLine record, Context ctx, Collector<RulePackUpdate> out) {
            try {
                out.collect(RulePackUpdate.fromJson(
                        new String(record.bytesUnsafe(), java.nio.charset.StandardCharsets.UTF_8)));
            } catch (IllegalArgumentException e) {
                ctx.output(
                        UNREADABLE,
                        new RuleUpdateReport(
                                record.origin(),
                                -1,
                                new io.eql4j.runtime.ReloadReport(java.util.List.of()),
                                java.util.List.of(new RuleProblem(record.origin(), 0, 0, e.getMessage()))));
            }
        }
    }

    /** Counts what passes in an accumulator. */
    static final class Counting<T> extends RichMapFunction<T, T> {
        private static final long serialVersionUID = 1L;

        private final String name;
        private transient LongCounter counter;

        Counting(String name) {
            this.name = name;
        }

        @Override
        public void open(OpenContext context) {
            counter = new LongCounter();
            getRuntimeContext().addAccumulator(name, counter);
        }

        @Override
        public T map(T value) {
            counter.add(1);
            return value;
        }
    }

    /**
     * Prints each record to standard error: a problem as {@code ORIGIN: MESSAGE}, a rule update's acknowledgement as
     * {@link RuleUpdateReport#toString()}.
     */
    static final class Printer<T> implements Sink<T> {
        private static final long serialVersionUID = 1L;

        @Override
        public SinkWriter<T> createWriter(WriterInitContext context) {
            return new SinkWriter<>() {
                @Override
                public void write(T record, Context ctx) {
                    System.err.println(record);
                }

                @Override
                public void flush(boolean endOfInput) {
                    System.err.flush();
                }

                @Override
                public void close() {}
            };
        }
    }
}
