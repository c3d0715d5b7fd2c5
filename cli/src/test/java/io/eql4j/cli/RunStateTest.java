package io.eql4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code eql4j run --state FILE}: a stream split over several files gives, byte for byte, the output of one run
 * over their concatenation; {@code --finish} ends the stream; a changed rule pack is reported per rule.
 */
class RunStateTest {

    @TempDir
    Path dir;

    /** The seed rule and queries that hold back results (tail, samples, trailing missing events) until the end. */
    private Path rules() throws IOException {
        Path rules = dir.resolve("rules");
        Files.createDirectories(rules);
        Files.copy(Cli.SEED_RULE, rules.resolve("seed.toml"));
        Files.writeString(rules.resolve("last-files.eql"), "file where true | tail 3\n");
        Files.writeString(
                rules.resolve("file-then-process.eql"), "sample by host.name [file where true] [process where true]\n");
        Files.writeString(
                rules.resolve("no-api-call.eql"),
                "sequence by orchestrator.resource.name with maxspan=30s"
                        + " [file where true] ![any where event.dataset == \"kubernetes.audit_logs\"]\n");
        Files.writeString(
                rules.resolve("process-pairs.eql"),
                "sequence by host.name [process where true] [process where true] | head 5\n");
        return rules;
    }

    private List<String> lines() throws IOException {
        return Files.readAllLines(Cli.SAMPLE_EVENTS, StandardCharsets.UTF_8);
    }

    private Path file(String name, List<String> lines) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, lines.isEmpty() ? "" : String.join("\n", lines) + "\n");
        return file;
    }

    @Test
    void splitFilesGiveTheOutputOfOneRunOverTheirConcatenation() throws IOException {
        Path rules = rules();
        List<String> lines = lines();
        Random random = new Random(11);
        for (String lateness : List.of("unbounded", "0", "10s")) {
            Cli.Result whole = Cli.run(
                    "run",
                    "-q",
                    "--rules",
                    rules.toString(),
                    "--allowed-lateness",
                    lateness,
                    "--events",
                    file("whole.ndjson", lines).toString());
            assertThat(whole.exit()).as(whole.toString()).isIn(0, 1);
            assertThat(whole.out()).isNotEmpty();
            List<List<Integer>> splits = new ArrayList<>();
            splits.add(List.of(0, lines.size()));
            splits.add(List.of(lines.size() / 2));
            for (int i = 0; i < 4; i++) {
                int a = random.nextInt(lines.size());
                int b = a + random.nextInt(lines.size() - a + 1);
                splits.add(List.of(a, b));
            }
            boolean spanned = false;
            for (List<Integer> cuts : splits) {
                Path state = dir.resolve("state-" + lateness + ".bin");
                StringBuilder out = new StringBuilder();
                StringBuilder err = new StringBuilder();
                int from = 0;
                List<Integer> ends = new ArrayList<>(cuts);
                ends.add(lines.size());
                for (int part = 0; part < ends.size(); part++) {
                    Path events = file("part-" + part + ".ndjson", lines.subList(from, ends.get(part)));
                    List<String> args = new ArrayList<>(List.of(
                            "run",
                            "-q",
                            "--rules",
                            rules.toString(),
                            "--allowed-lateness",
                            lateness,
                            "--events",
                            events.toString(),
                            "--state",
                            state.toString()));
                    if (part == ends.size() - 1) {
                        args.add("--finish");
                    }
                    Cli.Result r = Cli.run(args.toArray(String[]::new));
                    assertThat(r.exit()).as(r.toString()).isIn(0, 1);
                    if (part > 0 && part < ends.size() - 1 && !r.out().isEmpty() && ends.get(part) > from) {
                        spanned = true;
                    }
                    out.append(r.out());
                    err.append(r.err());
                    from = ends.get(part);
                }
                assertThat(out.toString())
                        .as("lateness %s, files cut at %s:%n%s", lateness, cuts, err)
                        .isEqualTo(whole.out());
                assertThat(state).as("--finish removes the state").doesNotExist();
            }
            if (!lateness.equals("unbounded")) {
                assertThat(spanned)
                        .as("some match was completed by a later file (lateness %s)", lateness)
                        .isTrue();
            }
        }
    }

    @Test
    void aChangedRulePackKeepsTheStateOfTheUnchangedRulesAndSaysSo() throws IOException {
        Path rules = rules();
        List<String> lines = lines();
        Path state = dir.resolve("state.bin");
        Cli.Result first = Cli.run(
                "run",
                "--rules",
                rules.toString(),
                "--allowed-lateness",
                "0",
                "--events",
                file("a.ndjson", lines.subList(0, 70)).toString(),
                "--state",
                state.toString());
        assertThat(first.err())
                .contains("eql4j run: no state in " + state + " yet: starting a new stream")
                .contains("eql4j run: saved the state in " + state);
        assertThat(state).exists();
        Files.writeString(rules.resolve("last-files.eql"), "file where true | tail 2\n");
        Files.writeString(rules.resolve("extra.eql"), "process where true | head 1\n");
        Files.delete(rules.resolve("process-pairs.eql"));
        Cli.Result second = Cli.run(
                "run",
                "-q",
                "--rules",
                rules.toString(),
                "--allowed-lateness",
                "0",
                "--events",
                file("b.ndjson", lines.subList(70, lines.size())).toString(),
                "--state",
                state.toString(),
                "--finish");
        assertThat(second.exit()).as(second.toString()).isIn(0, 1);
        assertThat(second.err())
                .contains("eql4j run: the rules changed since " + state + " was saved:\n")
                .contains("  kept its state: 6978f623-2505-4bc3-83c3-d78ac69d9701\n")
                .contains("  changed, starts empty: last-files\n")
                .contains("  new, starts empty: extra\n")
                .contains("  removed, its state dropped: process-pairs\n");
    }

    /** The README's example: the same cut, the same commands, a sequence across the two files. */
    @Test
    void theReadmeExample() throws IOException {
        String readme = Files.readString(Path.of("../README.md"));
        String one = "bin/eql4j run --rules $R --allowed-lateness 0 --events part-1.ndjson" + " --state sa.state\n";
        String two =
                "bin/eql4j run --rules $R --allowed-lateness 0 --events part-2.ndjson" + " --state sa.state --finish\n";
        assertThat(readme).contains("head -n 38 $E > part-1.ndjson ", "tail -n +39 $E > part-2.ndjson ", one, two);
        List<String> lines = lines();
        Path state = dir.resolve("sa.state");
        Cli.Result first = Cli.run(
                "run",
                "--rules",
                Cli.SEED_RULE.toString(),
                "--allowed-lateness",
                "0",
                "--events",
                file("part-1.ndjson", lines.subList(0, 38)).toString(),
                "--state",
                state.toString());
        assertThat(first.out()).as(first.toString()).isEmpty();
        assertThat(first.err()).contains("1 pending sequence,");
        Cli.Result second = Cli.run(
                "run",
                "--rules",
                Cli.SEED_RULE.toString(),
                "--allowed-lateness",
                "0",
                "--events",
                file("part-2.ndjson", lines.subList(38, lines.size())).toString(),
                "--state",
                state.toString(),
                "--finish");
        assertThat(RunCommandTest.detections(second.out())).isEqualTo(RunCommandTest.oracle());
        assertThat(RunCommandTest.detections(second.out()).get(0).events()).containsExactly("f-036", "a-040");
        Cli.Result whole = Cli.run(
                "run",
                "-q",
                "--rules",
                Cli.SEED_RULE.toString(),
                "--allowed-lateness",
                "0",
                "--events",
                Cli.SAMPLE_EVENTS.toString());
        assertThat(second.out()).isEqualTo(whole.out());
    }

    @Test
    void finishWithoutStateAndABrokenStateFileAreErrors() throws IOException {
        Path events = file("e.ndjson", lines());
        Cli.Result r =
                Cli.run("run", "-q", "--rules", Cli.SEED_RULE.toString(), "--events", events.toString(), "--finish");
        assertThat(r.exit()).isEqualTo(Main.USAGE);
        assertThat(r.err()).contains("--finish needs --state FILE");
        Path broken = dir.resolve("broken.bin");
        Files.writeString(broken, "EQL4J-STATE\nnot really");
        Cli.Result b = Cli.run(
                "run",
                "-q",
                "--rules",
                Cli.SEED_RULE.toString(),
                "--events",
                events.toString(),
                "--state",
                broken.toString());
        assertThat(b.exit()).isEqualTo(Main.USAGE);
        assertThat(b.err())
                .contains("cannot continue from the state in " + broken + ": the snapshot is truncated or corrupt")
                .doesNotContain("\tat ");
        assertThat(Files.readString(broken))
                .as("a broken state is left as it was")
                .isEqualTo("EQL4J-STATE\nnot really");
    }
}
