package io.eql4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hostile queries and rule files of issue #13 (findings 1, 2, 3, 4 and 6) through the {@code eql4j} command in
 * a JVM of its own with a 256 MB heap, as {@code java -Xmx256m -jar eql4j.jar} runs it: every file is reported with
 * our own message, nothing prints a stack trace or a library's class name, and the command ends on its own. (The
 * time each run takes is printed, not asserted: machines are shared.)
 */
class HostileInputCommandTest {

    private static final String RULE = """
            [metadata]
            creation_date = "2020/01/01"

            [rule]
            rule_id = "%s"
            name = "n"
            description = "d"
            type = "eql"
            language = "eql"
            query = "process where true"
            """;

    @TempDir
    Path dir;

    static Map<String, String> hostileQueries() {
        Map<String, String> queries = new LinkedHashMap<>();
        queries.put("comments-2400", "process where true /*" + "x/*".repeat(2_400));
        queries.put(
                "field-1600-segments",
                "process where "
                        + IntStream.range(0, 1_600).mapToObj(i -> "s" + i).collect(Collectors.joining(".")) + " == 1");
        queries.put("field-3200-repeated", "process where " + "a.".repeat(3_199) + "a == 1");
        queries.put("maxspan-overflow", "sequence with maxspan=4294967296m [process where true] [network where true]");
        queries.put("regex-60k", "process where x regex \"" + "(".repeat(30_000) + "a" + ")".repeat(30_000) + "\"");
        queries.put("regex-slow", "process where x regex \"" + "(x|.*a.{12})".repeat(70) + "\"");
        queries.put("pipes-125000", "any where true" + " | head 5".repeat(125_000));
        return queries;
    }

    static Map<String, String> hostileRuleFiles() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("arrays-5000", RULE.formatted("a") + "x = " + "[".repeat(5_000) + "]".repeat(5_000) + "\n");
        files.put(
                "inline-tables-5000",
                RULE.formatted("b") + "x = " + "{a = ".repeat(5_000) + "1" + "}".repeat(5_000) + "\n");
        files.put("dotted-key-2000", RULE.formatted("c") + "a.".repeat(1_999) + "a = 1\n");
        return files;
    }

    private record Run(int exit, String out, long millis) {}

    /** {@code java -Xmx256m io.eql4j.cli.Main args...} with the test class path. */
    private static Run eql4j(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-cp",
                System.getProperty("java.class.path"),
                "io.eql4j.cli.Main"));
        command.addAll(List.of(args));
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = process.getInputStream().readAllBytes();
        boolean ended = process.waitFor(5, TimeUnit.MINUTES);
        if (!ended) {
            process.destroyForcibly();
        }
        assertThat(ended).as("the command ended").isTrue();
        long millis = (System.nanoTime() - start) / 1_000_000;
        return new Run(process.exitValue(), new String(out, StandardCharsets.UTF_8), millis);
    }

    private static void assertOurWords(String out) {
        assertThat(out)
                .doesNotContain(
                        "Exception",
                        "Error:",
                        "\tat ",
                        "java.lang",
                        "org.antlr",
                        "org.apache",
                        "OutOfMemory",
                        "StackOverflow");
    }

    @Test
    void hostileQueriesAreReportedByCheck() throws Exception {
        for (Map.Entry<String, String> q : hostileQueries().entrySet()) {
            Files.writeString(dir.resolve(q.getKey() + ".eql"), q.getValue());
        }
        Run run = eql4j("check", "--no-snippet", dir.toString());
        System.out.println("eql4j check over " + hostileQueries().size() + " hostile queries: " + run.millis() + " ms");
        assertThat(run.exit()).as(run.out()).isEqualTo(1);
        assertOurWords(run.out());
        assertThat(run.out())
                .contains(
                        "Unterminated comment: /* must be closed by */",
                        "Field name with too many segments; the maximum is [64]",
                        "Time interval [4294967296m] is too large",
                        "regular expression of 60001 characters is too long",
                        "is too complex",
                        "Too many pipes; the maximum is [1000]");
        assertThat(run.out())
                .endsWith("checked " + hostileQueries().size() + " rules: 0 ok, "
                        + hostileQueries().size() + " failed\n");
    }

    @Test
    void hostileRuleFilesAreReportedByCheck() throws Exception {
        for (Map.Entry<String, String> f : hostileRuleFiles().entrySet()) {
            Files.writeString(dir.resolve(f.getKey() + ".toml"), f.getValue());
        }
        Run run = eql4j("check", dir.toString());
        System.out.println(
                "eql4j check over " + hostileRuleFiles().size() + " hostile rule files: " + run.millis() + " ms");
        assertThat(run.exit()).as(run.out()).isEqualTo(1);
        assertOurWords(run.out());
        for (String name : hostileRuleFiles().keySet()) {
            assertThat(run.out()).contains(name + ".toml:");
        }
        assertThat(run.out()).contains("nested too deeply: the maximum is 64 levels");
    }

    /** Finding 3: a field-versus-field rule over a 300 KB event. */
    @Test
    void fieldVersusFieldOverALargeEventRuns() throws Exception {
        Path events = dir.resolve("large.ndjson");
        Files.writeString(
                events,
                "{\"@timestamp\":\"2026-01-01T00:00:00Z\",\"event\":{\"category\":\"process\"},"
                        + "\"a\":\"" + "a".repeat(300_000) + "\",\"b\":\"" + "a".repeat(150_000) + "b\"}\n"
                        + "{\"@timestamp\":\"2026-01-01T00:00:01Z\",\"event\":{\"category\":\"process\"},"
                        + "\"a\":\"" + "a".repeat(300_000) + "b\",\"b\":\"" + "a".repeat(150_000) + "b\"}\n");
        Run run = eql4j(
                "run",
                "--query",
                "process where stringContains(a, b) or indexOf(a, b) == 5" + " or between(a, b, \"x\") == \"y\"",
                "--events",
                events.toString(),
                "--format",
                "text");
        System.out.println("eql4j run, field versus field over two 450 KB events: " + run.millis() + " ms");
        assertOurWords(run.out());
        assertThat(run.exit()).as(run.out()).isZero();
        assertThat(run.out())
                .contains("2026-01-01T00:00:01Z  line 2", "2 events, 1 match")
                .doesNotContain("line 1");
    }
}
