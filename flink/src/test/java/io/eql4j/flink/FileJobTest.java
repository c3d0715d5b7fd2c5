package io.eql4j.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.eql4j.cli.CliRunner;
import io.eql4j.flink.testing.FlinkTests;
import io.eql4j.flink.testing.Multisets;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The job's main class over files: the same lines as {@code eql4j run}, and clear messages for wrong arguments. */
@Timeout(120)
class FileJobTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = FlinkTests.miniCluster();

    private static final Path EVENTS = Path.of("../examples/events/k8s-sa-token-theft.ndjson");
    private static final Path RULES = Path.of("src/test/resources/rules/event-queries");
    private static final Path SEQUENCE_RULES = Path.of("../examples/rules/kubernetes");

    @TempDir
    Path tmp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int job(int parallelism, String... args) throws Exception {
        return EqlFlinkJob.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                () -> FlinkTests.environment(parallelism));
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void writesTheLinesEql4jRunWrites() throws Exception {
        Path output = tmp.resolve("matches.ndjson");
        int code = job(
                2,
                "--rules",
                RULES.toString(),
                "--source",
                "file",
                "--events",
                EVENTS.toString(),
                "--output",
                output.toString(),
                "--parallelism",
                "2");
        assertThat(code).as(err()).isZero();

        CliRunner.Result cli =
                CliRunner.run("run", "--quiet", "--rules", RULES.toString(), "--events", EVENTS.toString());
        assertThat(cli.exitCode()).as(cli.err()).isZero();
        List<String> expected = lines(cli.out());
        assertThat(expected).hasSizeGreaterThan(10);
        Multisets.assertSame("the job's output", Files.readAllLines(output), expected);
        assertThat(err()).contains("eql4j-flink: " + expected.size() + " matches, 0 problems");
        assertThat(tmp.resolve("matches.ndjson.inprogress")).doesNotExist();
    }

    @Test
    void malformedLinesAreProblemsAndTheRestStillMatches() throws Exception {
        Path events = tmp.resolve("events.ndjson");
        List<String> lines = Files.readAllLines(EVENTS);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            text.append(lines.get(i)).append('\n');
            if (i == 3) {
                text.append("{\"@timestamp\": oops}\n");
            }
        }
        Files.writeString(events, text);
        Path output = tmp.resolve("matches.ndjson");
        int code = job(
                1,
                "--rules",
                RULES.toString(),
                "--source",
                "file",
                "--events",
                events.toString(),
                "--output",
                output.toString());
        assertThat(code).as(err()).isEqualTo(1);
        assertThat(err()).contains("1 problem with events");
        CliRunner.Result cli =
                CliRunner.run("run", "--quiet", "--rules", RULES.toString(), "--events", EVENTS.toString());
        Multisets.assertSame("the job's output", Files.readAllLines(output), lines(cli.out()));
    }

    /**
     * With a lateness of 0 and a watermark after every event (no periodic interval), an event older than one before
     * it is late, as {@code eql4j run --allowed-lateness 0} reports it: the same matches, the same number of problems.
     */
    @Test
    void lateEventsAreReportedAsEql4jRunReportsThem() throws Exception {
        Path events = tmp.resolve("events.ndjson");
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(EVENTS));
        java.util.Collections.swap(lines, 10, 20); // event 20 now comes early, events 11 to 20 after it are late
        java.util.Collections.swap(lines, 40, 41);
        Files.write(events, lines);
        Path output = tmp.resolve("matches.ndjson");
        org.apache.flink.configuration.Configuration conf = new org.apache.flink.configuration.Configuration();
        conf.set(org.apache.flink.configuration.PipelineOptions.AUTO_WATERMARK_INTERVAL, Duration.ZERO);
        int code = EqlFlinkJob.run(
                new String[] {
                    "--rules",
                    RULES.toString(),
                    "--source",
                    "file",
                    "--events",
                    events.toString(),
                    "--output",
                    output.toString(),
                    "--allowed-lateness",
                    "0"
                },
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                () -> FlinkTests.environment(1, conf));
        CliRunner.Result cli = CliRunner.run(
                "run",
                "--quiet",
                "--rules",
                RULES.toString(),
                "--events",
                events.toString(),
                "--allowed-lateness",
                "0");
        long late = cli.err().lines().filter(l -> l.contains(": late: ")).count();
        assertThat(late).isGreaterThan(3);
        assertThat(code).as(err()).isEqualTo(1);
        assertThat(err()).contains(late + " problems with events");
        Multisets.assertSame("the job's output", Files.readAllLines(output), lines(cli.out()));
    }

    /**
     * The seed rule (a sequence by pod name with a 60 s window) over the example stream at parallelism 1, 2 and 4:
     * its four detections (examples/events/k8s-sa-token-theft.md), the same lines as {@code eql4j run} writes.
     */
    @Test
    void theSeedRuleFindsItsFourDetections() throws Exception {
        CliRunner.Result cli =
                CliRunner.run("run", "--quiet", "--rules", SEQUENCE_RULES.toString(), "--events", EVENTS.toString());
        assertThat(cli.exitCode()).as(cli.err()).isZero();
        List<String> expected = lines(cli.out());
        for (int parallelism : new int[] {1, 2, 4}) {
            Path output = tmp.resolve("seed-" + parallelism + ".ndjson");
            err.reset();
            int code = job(
                    parallelism,
                    "--rules",
                    SEQUENCE_RULES.toString(),
                    "--source",
                    "file",
                    "--events",
                    EVENTS.toString(),
                    "--output",
                    output.toString(),
                    "--parallelism",
                    String.valueOf(parallelism));
            assertThat(code).as(err()).isZero();
            List<String> found = Files.readAllLines(output);
            assertThat(found).hasSize(4);
            List<String> pairs = new java.util.ArrayList<>();
            for (String line : found) {
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"id\":\"([fa]-\\d+)\"")
                        .matcher(line);
                StringBuilder ids = new StringBuilder();
                while (m.find()) {
                    ids.append(m.group(1)).append(' ');
                }
                pairs.add(ids.toString().trim());
            }
            assertThat(pairs).containsExactlyInAnyOrder("f-036 a-040", "f-071 a-078", "f-108 a-112", "f-121 a-125");
            Multisets.assertSame("the seed rule's output at parallelism " + parallelism, found, expected);
        }
    }

    /**
     * head, tail and size limits apply to a rule's results over the whole stream, as {@code eql4j run} applies them:
     * with an unbounded lateness (everything at the end) and with lateness 0 (head results released as the
     * watermark passes them, late events left out on both sides).
     */
    @Test
    void limitedRulesGiveTheLinesEql4jRunWrites() throws Exception {
        Path rules = Files.createDirectories(tmp.resolve("limited"));
        Files.writeString(rules.resolve("first-two.eql"), "any where true | head 2");
        Files.writeString(rules.resolve("last-three.eql"), "any where true | tail 3");
        Files.writeString(rules.resolve("middle.eql"), "any where true | head 40 | tail 2");
        Files.writeString(
                rules.resolve("first-pair.eql"), "sequence by user.name [any where true] [any where true] | head 1");
        for (String lateness : new String[] {"unbounded", "0"}) {
            Path output = tmp.resolve("matches-" + lateness + ".ndjson");
            int code = job(
                    2,
                    "--rules",
                    rules.toString(),
                    "--source",
                    "file",
                    "--events",
                    EVENTS.toString(),
                    "--output",
                    output.toString(),
                    "--parallelism",
                    "2",
                    "--allowed-lateness",
                    lateness);
            assertThat(code).as(err()).isIn(0, 1); // 1: late events were reported (lateness 0)
            CliRunner.Result cli = CliRunner.run(
                    "run",
                    "--quiet",
                    "--rules",
                    rules.toString(),
                    "--events",
                    EVENTS.toString(),
                    "--allowed-lateness",
                    lateness);
            assertThat(cli.exitCode()).as(cli.err()).isIn(0, 1);
            List<String> expected = lines(cli.out());
            assertThat(expected).hasSize(2 + 3 + 2 + 1);
            Multisets.assertSame(
                    "the limited rules' output, lateness " + lateness, Files.readAllLines(output), expected);
        }
    }

    @Test
    void wrongArgumentsAreRefusedInOurWords() throws Exception {
        assertThat(job(1, "--rules", RULES.toString(), "--source", "file", "--events", EVENTS.toString()))
                .isEqualTo(2);
        assertThat(err()).contains("eql4j-flink: --output FILE is required with --source file");

        err.reset();
        assertThat(job(
                        1,
                        "--rules",
                        tmp.resolve("missing").toString(),
                        "--source",
                        "file",
                        "--events",
                        EVENTS.toString(),
                        "--output",
                        tmp.resolve("o").toString()))
                .isEqualTo(2);
        assertThat(err()).contains("no such file or directory").contains("could not be loaded");

        err.reset();
        assertThat(job(
                        1,
                        "--rules",
                        RULES.toString(),
                        "--source",
                        "file",
                        "--events",
                        tmp.resolve("none").toString(),
                        "--output",
                        tmp.resolve("o").toString()))
                .isEqualTo(2);
        assertThat(err()).contains("--events " + tmp.resolve("none") + ": no such file");

        err.reset();
        assertThat(job(
                        1,
                        "--rules",
                        RULES.toString(),
                        "--source",
                        "file",
                        "--events",
                        EVENTS.toString(),
                        "--output",
                        tmp.resolve("no/such/dir/o").toString()))
                .isEqualTo(2);
        assertThat(err()).contains(": no such directory ");
    }

    @Test
    void helpListsTheOptions() throws Exception {
        assertThat(job(1, "--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("--bootstrap-servers")
                .contains("--sink-topic")
                .contains("--allowed-lateness")
                .contains("--checkpoint-interval");
    }

    private static List<String> lines(String text) {
        return Arrays.stream(text.split("\n")).filter(l -> !l.isBlank()).toList();
    }
}
