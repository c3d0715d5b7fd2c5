package io.eql4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13's key explosion (finding 5) and forged timestamp (finding 7) through {@code eql4j run}: 2,000,000 events
 * with a new user each, 1 ms apart, piped into the command in a JVM of its own with a 256 MB heap, as
 * {@code java -Xmx256m -jar eql4j.jar run} runs it; and the example stream with an event dated 2200-01-01 in front.
 */
class BoundedRunCommandTest {

    static final String KEY_EXPLOSION =
            "sequence by user.name with maxspan=1h [process where true] " + "[network where true]";

    @TempDir
    Path dir;

    @Test
    void theKeyExplosionCompletesUnder256MegabytesEvictingAndReportingPerInterval() throws Exception {
        int events = 2_000_000;
        List<String> command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-XX:+UseSerialGC",
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "run",
                "--query",
                KEY_EXPLOSION,
                "--events",
                "-");
        Process p = new ProcessBuilder(command).start();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
        long start = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
        try (OutputStream in = new java.io.BufferedOutputStream(p.getOutputStream(), 1 << 16)) {
            StringBuilder line = new StringBuilder(128);
            for (int i = 0; i < events; i++) {
                line.setLength(0);
                line.append("{\"@timestamp\":\"")
                        .append(Instant.ofEpochMilli(start + i))
                        .append("\",\"event\":{\"category\":\"")
                        .append(i % 2 == 0 ? "process" : "network")
                        .append("\"},\"user\":{\"name\":\"user-")
                        .append(i)
                        .append("\"}}\n");
                in.write(line.toString().getBytes(StandardCharsets.UTF_8));
            }
        }
        boolean ended = p.waitFor(10, TimeUnit.MINUTES);
        if (!ended) {
            p.destroyForcibly();
        }
        assertThat(ended).as("the run ended within 10 minutes").isTrue();
        String stderr = err.join();
        assertThat(p.exitValue()).as(stderr).isZero();
        assertThat(out.join()).isEmpty();
        assertThat(stderr)
                .doesNotContain("OutOfMemoryError")
                .doesNotContain("Exception")
                .contains("eql4j run: 2000000 events, 0 matches, 1 rule, 900000 pending sequences evicted (1 rule)");
        // 1,000,000 process events, 100,000 kept: reported once per minute of event time (2,000 s), not per event
        Matcher reports = Pattern.compile("eql4j run: warning: rule \\[query] dropped (\\d+) pending sequences?")
                .matcher(stderr);
        long reported = 0;
        int count = 0;
        while (reports.find()) {
            reported += Long.parseLong(reports.group(1));
            count++;
        }
        assertThat(count).isBetween(30, 36);
        assertThat(reported).isEqualTo(900_000);
    }

    private static String read(java.io.InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The example stream with its first line dated 2200-01-01 in front of it. */
    private static String forgedStream() throws IOException {
        List<String> lines = Files.readAllLines(Cli.SAMPLE_EVENTS, StandardCharsets.UTF_8);
        String forged = lines.get(0)
                .replaceFirst("\"@timestamp\":\"[^\"]+\"", "\"@timestamp\":\"2200-01-01T00:00:00.000Z\"")
                .replace("\"a-001\"", "\"forged\"");
        assertThat(forged).contains("2200-01-01").contains("forged");
        List<String> all = new ArrayList<>(lines);
        all.add(0, forged);
        return String.join("\n", all) + "\n";
    }

    @Test
    void aForgedEventInFrontOfTheExampleStreamLeavesTheFourDetections() throws IOException {
        String stream = forgedStream();
        Path file = dir.resolve("forged.ndjson");
        Files.writeString(file, stream);
        String rule = Cli.SEED_RULE.toString();
        List<Cli.Result> runs = List.of(
                Cli.runWithInput(stream, "run", "--rules", rule, "--events", "-"),
                Cli.run("run", "--rules", rule, "--events", file.toString(), "--allowed-lateness", "1h"),
                Cli.run("run", "--rules", rule, "--events", file.toString()),
                Cli.runWithInput(stream, "run", "--rules", rule, "--events", "-", "--max-time-jump", "2h"));
        for (Cli.Result r : runs) {
            assertThat(RunCommandTest.detections(r.out())).as(r.toString()).isEqualTo(RunCommandTest.oracle());
            assertThat(r.err()).doesNotContain(" late");
        }
        // in order (standard input, or a lateness): the forged event is reported, and the run says so
        assertThat(runs.get(0).err())
                .contains("<stdin>:1: the stream's first events set its time to " + "2200-01-01T00:00:00Z")
                .contains("1 too far ahead in time (set apart, evaluated last; see --max-time-jump)");
        assertThat(runs.get(0).exit()).isEqualTo(Main.PROBLEMS);
        assertThat(runs.get(3).err()).contains("max time jump (2h)");
        // without the bound, the forged event makes every later event late
        Cli.Result unbounded =
                Cli.runWithInput(stream, "run", "--rules", rule, "--events", "-", "--max-time-jump", "unbounded");
        assertThat(RunCommandTest.detections(unbounded.out())).isEmpty();
        assertThat(unbounded.err()).contains(" late (not evaluated");
        assertThat(Cli.run("run", "--rules", rule, "--max-time-jump", "0").err())
                .contains("--max-time-jump must be longer than 0");
    }

    /**
     * A file in time order runs with the bound like any input: the forged event sorts last, waits for a
     * confirmation that never comes, and is evaluated at the end; saved with {@code --state}, it still waits, and
     * the next file's events (which contradict it) are on time, not late.
     */
    @Test
    void aForgedEventAtTheEndOfASortedFileLeavesTheNextFileOnTime() throws IOException {
        List<String> lines = Files.readAllLines(Cli.SAMPLE_EVENTS, StandardCharsets.UTF_8).stream()
                .filter(l -> !l.isBlank())
                .toList();
        String forged = forgedStream().lines().findFirst().orElseThrow();
        int half = lines.size() / 2;
        List<String> first = new ArrayList<>(lines.subList(0, half));
        first.add(0, forged); // sorted by the run: it comes last
        Path one = dir.resolve("one.ndjson");
        Path two = dir.resolve("two.ndjson");
        Files.write(one, first, StandardCharsets.UTF_8);
        Files.write(two, lines.subList(half, lines.size()), StandardCharsets.UTF_8);
        Path state = dir.resolve("state.bin");
        String rule = Cli.SEED_RULE.toString();
        Cli.Result a = Cli.run("run", "--rules", rule, "--events", one.toString(), "--state", state.toString());
        Cli.Result b =
                Cli.run("run", "--rules", rule, "--events", two.toString(), "--state", state.toString(), "--finish");
        List<RunCommandTest.Detection> found = new ArrayList<>(RunCommandTest.detections(a.out()));
        found.addAll(RunCommandTest.detections(b.out()));
        assertThat(found).as("%s%n%s", a, b).isEqualTo(RunCommandTest.oracle());
        assertThat(a.err() + b.err()).doesNotContain(" late");
        // nothing contradicted the forged event in the first file; the second file's first event does
        assertThat(a.exit()).as(a.toString()).isZero();
        assertThat(b.err())
                .contains("its time 2200-01-01T00:00:00Z is more than the max time jump (1d)")
                .contains("1 too far ahead in time");
        assertThat(b.exit()).isEqualTo(Main.PROBLEMS);

        // honest data over standard input at lateness 0 with the default bound (its first event at the epoch, the
        // next ones in 2017): the jump is confirmed, not a problem
        Path endgame = Cli.shared("conformance/es/data/endgame-140.ndjson");
        Cli.Result stdin = Cli.runWithInput(
                Files.readString(endgame, StandardCharsets.UTF_8),
                "run",
                "--query",
                "sequence [process where serial_event_id == 1] [process where serial_event_id == 2]",
                "--events",
                "-",
                "--allowed-lateness",
                "0");
        assertThat(stdin.exit()).as(stdin.toString()).isZero();
        assertThat(stdin.err()).doesNotContain("too far ahead").doesNotContain(" late");
        assertThat(stdin.out().lines().count()).isEqualTo(1);
    }
}
