package io.eql4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command in scripts and pipelines, as real processes: pipes, endless input, FIFOs, terminals. */
class PipelineTest {

    private static final String EVENT = "{\"@timestamp\": \"2026-01-01T00:00:00Z\", \"event\": {\"id\": \"e\"}}";
    private static final String SEED = Sh.q(Cli.SEED_RULE.toString().replace("../", ""));
    private static final String SAMPLE = Sh.q(Cli.SAMPLE_EVENTS.toString().replace("../", ""));

    @TempDir
    Path dir;

    @Test
    void stopsQuietlyWhenItsReaderHasSeenEnoughEvenWithEndlessInput() {
        // yes writes the event forever; every event matches; head takes one match and closes the pipe
        for (String format : new String[] {"ndjson", "text"}) {
            Sh.Result r = Sh.run(
                    "yes " + Sh.q(EVENT) + " | eql4j run --query 'any where true' --format " + format
                            + " | head -1; echo \"exit ${PIPESTATUS[1]}\" >&2",
                    Duration.ofSeconds(60));
            assertThat(r.out())
                    .as(r.toString())
                    .isEqualTo(
                            format.equals("ndjson")
                                    ? "{\"rule_id\":\"query\",\"rule_name\":\"query\",\"kind\":\"event\",\"join_keys\":[],\"events\":["
                                            + EVENT + "]}\n"
                                    : "query\n");
            // quietly, as grep: no message, no stack trace, exit code 0
            assertThat(r.err()).as(r.toString()).isEqualTo("exit 0\n");
        }
        // a file read whole into a reader that stops early
        Sh.Result file = Sh.run(
                "eql4j run --rules " + SEED + " --events " + SAMPLE + " | head -c 10; echo; "
                        + "echo \"exit ${PIPESTATUS[0]}\" >&2",
                Duration.ofSeconds(60));
        assertThat(file.out()).isEqualTo("{\"rule_id\"\n");
        assertThat(file.err()).as(file.toString()).endsWith("exit 0\n").doesNotContain("rror");
    }

    @Test
    void readsPipedStandardInputWithoutEventsAndRefusesToRunWithoutRules() {
        Sh.Result piped =
                Sh.run("cat " + SAMPLE + " | eql4j run --rules " + SEED + " -q | wc -l", Duration.ofSeconds(60));
        assertThat(piped.out().trim()).as(piped.toString()).isEqualTo("4");
        Sh.Result noRules = Sh.run("cat " + SAMPLE + " | eql4j run", Duration.ofSeconds(60));
        assertThat(noRules.exit()).isEqualTo(2);
        assertThat(noRules.out()).isEmpty();
        assertThat(noRules.err())
                .contains("no rules given")
                .contains("--rules")
                .contains("--query")
                .contains("eql4j demo");
    }

    @Test
    void readsEventsFromAFifoAndFromProcessSubstitution() throws IOException {
        Sh.Result substituted = Sh.run(
                "eql4j run -q --rules " + SEED + " --events <(cat " + SAMPLE + ") | wc -l", Duration.ofSeconds(60));
        assertThat(substituted.out().trim()).as(substituted.toString()).isEqualTo("4");
        assertThat(substituted.err()).isEmpty();
        Path fifo = dir.resolve("events.fifo");
        Sh.Result fifoRun = Sh.run(
                "mkfifo " + Sh.q(fifo) + " && (cat " + SAMPLE + " > " + Sh.q(fifo) + " &) && " + "eql4j run -q --rules "
                        + SEED + " --events " + Sh.q(fifo) + " | wc -l",
                Duration.ofSeconds(60));
        assertThat(fifoRun.out().trim()).as(fifoRun.toString()).isEqualTo("4");
    }

    @Test
    void aHugeLineIsReportedAndSkippedAndZerosAreRefusedNeitherRunsOutOfMemory() {
        // 300 MB without a line end, with a 64 MB heap, then a good event: reported, skipped, the event matches
        Sh.Result r = Sh.run(
                "(head -c 300000000 /dev/zero | tr '\\0' x; echo; echo " + Sh.q(EVENT) + ") | "
                        + "JAVA_OPTS=-Xmx64m eql4j run --query 'any where true' --max-line-length 1m",
                Duration.ofSeconds(120));
        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        assertThat(r.out()).contains("\"id\": \"e\"");
        assertThat(r.err())
                .as(r.toString())
                .startsWith("<stdin>:1: the line is longer than the limit of 1048576 "
                        + "bytes (286 MiB); skipped without being read\n")
                .doesNotContain("memory")
                .doesNotContain("\tat ");
        // /dev/zero itself is not text: refused in one line
        Sh.Result zeros = Sh.run(
                "JAVA_OPTS=-Xmx64m eql4j run --query 'any where true' --events /dev/zero", Duration.ofSeconds(60));
        assertThat(zeros.exit()).isEqualTo(2);
        assertThat(zeros.err())
                .isEqualTo("eql4j run: /dev/zero: not NDJSON: looks like binary data (it holds zero "
                        + "bytes); only plain and gzip NDJSON (UTF-8) are read\n");
    }

    @Test
    void theHelpExamplesRunAsShown() {
        for (String command : new String[] {"run", "demo", "check", "test", "explain", "parse"}) {
            String help = Cli.run(command, "--help").out();
            int at = help.indexOf("Examples");
            assertThat(at).as(command + " --help has examples").isPositive();
            List<String> examples = examples(help.substring(at));
            assertThat(examples).as(command).isNotEmpty();
            for (String example : examples) {
                assertThat(example).as("fits the help's width").doesNotContain("\n");
                Sh.Result r = Sh.run(example + " > /dev/null", Duration.ofSeconds(120));
                assertThat(r.exit()).as(example + "\n" + r).isZero();
            }
        }
        // help COMMAND is COMMAND --help
        assertThat(Cli.run("help", "run").out())
                .isEqualTo(Cli.run("run", "--help").out());
    }

    /** The command lines of an Examples section: each starts with two spaces; '\\' or '|' continue a line. */
    static List<String> examples(String section) {
        List<String> examples = new ArrayList<>();
        StringBuilder current = null;
        for (String line : section.lines().skip(1).toList()) {
            if (line.isBlank()) {
                break;
            }
            if (current == null) {
                current = new StringBuilder();
            }
            String text = line.trim();
            boolean more = text.endsWith("\\") || text.endsWith("|");
            current.append(text.endsWith("\\") ? text.substring(0, text.length() - 1) : text + " ");
            if (!more) {
                examples.add(current.toString().trim());
                current = null;
            }
        }
        return examples;
    }

    @Test
    void theReadmesCommandsRunAsWrittenFromTheRepositoryRoot() throws IOException {
        String readme = Files.readString(Sh.ROOT.resolve("README.md"));
        int at = readme.indexOf("```sh\n", readme.indexOf("## For rule authors"));
        assertThat(at).isPositive();
        String block = readme.substring(at + "```sh\n".length(), readme.indexOf("```", at + 6));
        assertThat(block).contains("eql4j run").contains("eql4j test").contains("eql4j explain");
        Sh.Result r = Sh.run("set -eo pipefail\n" + block, Duration.ofSeconds(180));
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("27 passed, 0 failed").contains("checked 1 rule: 1 ok, 0 failed");
    }

    @Test
    void theLauncherSaysHowToBuildTheJarWhenItIsMissing() {
        Sh.Result r = Sh.run("EQL4J_CLASSPATH= EQL4J_JAR=/nonexistent/eql4j.jar eql4j version", Duration.ofSeconds(30));
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err())
                .isEqualTo("eql4j: /nonexistent/eql4j.jar is not built yet; build it with: "
                        + "mvn -B -q -DskipTests -pl cli -am package\n");
    }

    @Test
    void showsProgressWheneverStandardErrorIsATerminalEvenWithOutputRedirected() throws IOException {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")), "skipped: no /usr/bin/script for a pseudo-terminal");
        Path chunk = dir.resolve("chunk.ndjson");
        Files.writeString(chunk, (EVENT + "\n").repeat(1024));
        Path matches = dir.resolve("matches.ndjson");
        // 12 chunks of 1,024 events, 0.25 s apart: about 3 s, so progress (first shown after 1 s) must appear;
        // standard output goes to a file, standard input is a pipe, standard error is the pseudo-terminal
        String inner = "for i in 1 2 3 4 5 6 7 8 9 10 11 12; do cat " + Sh.q(chunk) + "; sleep 0.25; done | "
                + "eql4j run --query 'any where true' > " + Sh.q(matches);
        Sh.Result r = Sh.run("script -qec " + Sh.q(inner) + " /dev/null", Duration.ofSeconds(120));
        assertThat(r.out()).as(r.toString()).contains("events read").contains("matches");
        assertThat(Files.readAllLines(matches)).hasSize(12 * 1024);
        // without a terminal: no progress
        Sh.Result plain = Sh.run("{ " + inner + "; } 2>&1", Duration.ofSeconds(120));
        assertThat(plain.out()).doesNotContain("events read").contains("12288 events, 12288 matches, 1 rule");
    }
}
