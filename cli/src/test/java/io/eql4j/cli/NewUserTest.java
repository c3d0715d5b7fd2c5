package io.eql4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a new user meets (issue 12): wrong paths, broken files, binary input, limits, consistency, explanations. */
class NewUserTest {

    private static final String SEED = Cli.SEED_RULE.toString();
    private static final String SAMPLE = Cli.SAMPLE_EVENTS.toString();

    @TempDir
    Path dir;

    @Test
    void findingNothingIsAnErrorNamingThePath() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Path onlyText = Files.createDirectories(dir.resolve("notes"));
        Files.writeString(onlyText.resolve("README.md"), "no rules here\n");
        for (Path path : List.of(empty, onlyText)) {
            Cli.Result check = Cli.run("check", path.toString());
            assertThat(check.exit()).as(check.toString()).isEqualTo(Main.USAGE);
            assertThat(check.err())
                    .isEqualTo("eql4j check: " + path + ": no rule files found (rules are *.toml and "
                            + "*.eql files; *.test.toml files are tests)\n");
            Cli.Result test = Cli.run("test", path.toString());
            assertThat(test.exit()).as(test.toString()).isEqualTo(Main.USAGE);
            assertThat(test.err())
                    .isEqualTo("eql4j test: " + path + ": no rule tests found (tests are *.test.toml "
                            + "files; a rule file's tests are in <name>.test.toml beside it)\n");
            Cli.Result run = Cli.run("run", "--rules", path.toString(), "--events", SAMPLE);
            assertThat(run.exit()).isEqualTo(Main.USAGE);
            assertThat(run.err()).contains(path + ": no rule files found");
        }
        // rules without tests: test finds nothing; one good path beside a wrong one is still an error
        Path rulesOnly = Files.createDirectories(dir.resolve("rules"));
        Files.copy(Cli.SEED_RULE, rulesOnly.resolve("seed.toml"));
        assertThat(Cli.run("test", rulesOnly.toString()).exit()).isEqualTo(Main.USAGE);
        Cli.Result mixed = Cli.run("check", SEED, empty.toString());
        assertThat(mixed.exit()).isEqualTo(Main.USAGE);
        assertThat(mixed.err()).contains(empty + ": no rule files found");
        // a test file without cases
        Files.writeString(rulesOnly.resolve("seed.test.toml"), "events_file = \"x.ndjson\"\n");
        Cli.Result noCases = Cli.run("test", rulesOnly.toString());
        assertThat(noCases.exit()).isEqualTo(Main.USAGE);
        assertThat(noCases.out() + noCases.err()).contains("seed.test.toml");
    }

    @Test
    void keepGoingRunsWhatLoadedListsWhatDidNotAndExits1() throws IOException {
        Path rules = Files.createDirectories(dir.resolve("rules"));
        Files.copy(Cli.SEED_RULE, rules.resolve("seed.toml"));
        Files.writeString(rules.resolve("broken.toml"), "[rule]\nname = \"unterminated\n");
        Files.writeString(rules.resolve("wrong.eql"), "process where foo(1)\n");
        Cli.Result strict = Cli.run("run", "-q", "--rules", rules.toString(), "--events", SAMPLE);
        assertThat(strict.exit()).isEqualTo(Main.USAGE);
        assertThat(strict.out()).isEmpty();

        Cli.Result going = Cli.run("run", "-q", "--keep-going", "--rules", rules.toString(), "--events", SAMPLE);
        assertThat(going.exit()).as(going.toString()).isEqualTo(Main.PROBLEMS);
        assertThat(RunCommandTest.detections(going.out())).isEqualTo(RunCommandTest.oracle());
        assertThat(going.err())
                .contains(rules.resolve("broken.toml") + ":2:")
                .contains(rules.resolve("wrong.eql") + ":1:15: Unknown function [foo]")
                .endsWith("eql4j run: 2 rule files left out (--keep-going): " + rules.resolve("broken.toml") + ", "
                        + rules.resolve("wrong.eql") + " (rule wrong)\n");
    }

    @Test
    void binaryInputIsRefusedInOneLine() throws IOException {
        Path jar = dir.resolve("app.jar");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(jar))) {
            zip.putNextEntry(new ZipEntry("a.txt"));
            zip.write("{\"a\":1}\n".repeat(1000).getBytes(StandardCharsets.UTF_8));
        }
        Cli.Result r = Cli.run("run", "--query", "any where true", "--events", jar.toString());
        assertThat(r.exit()).isEqualTo(Main.USAGE);
        assertThat(r.out()).isEmpty();
        assertThat(r.err())
                .isEqualTo("eql4j run: " + jar + ": not NDJSON: looks like a zip archive (a jar?); only "
                        + "plain and gzip NDJSON (UTF-8) are read\n");
        // on standard input, and gzip of a binary: the same; UTF-16 too
        byte[] zipBytes = Files.readAllBytes(jar);
        assertThat(Cli.runWithInput(zipBytes, "run", "--query", "any where true")
                        .err())
                .isEqualTo("eql4j run: <stdin>: not NDJSON: looks like a zip archive (a jar?); only plain and gzip "
                        + "NDJSON (UTF-8) are read\n");
        byte[] utf16 = "\uFEFF{\"a\":1}\n".getBytes(StandardCharsets.UTF_16LE);
        assertThat(Cli.runWithInput(utf16, "run", "--query", "any where true").err())
                .contains("looks like UTF-16");
        Cli.Result explain = Cli.run("explain", "--query", "any where true", "--events", jar.toString());
        assertThat(explain.exit()).isEqualTo(Main.USAGE);
        assertThat(explain.err().lines().count()).isEqualTo(1);
    }

    @Test
    void aFiftyMegabyteValueInAFieldNoRuleReadsStopsNeitherFormat() throws IOException {
        Path events = dir.resolve("big.ndjson");
        try (OutputStream out = Files.newOutputStream(events)) {
            out.write("{\"@timestamp\":\"2026-01-01T00:00:00Z\",\"event\":{\"id\":\"big\"},\"blob\":\""
                    .getBytes(StandardCharsets.UTF_8));
            byte[] chunk = "x".repeat(1 << 20).getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < 50; i++) {
                out.write(chunk);
            }
            out.write("\",\"n\":1}\n{\"@timestamp\":\"2026-01-01T00:00:01Z\",\"event\":{\"id\":\"small\"},\"n\":1}\n"
                    .getBytes(StandardCharsets.UTF_8));
        }
        Cli.Result ndjson = Cli.run("run", "-q", "--query", "any where n == 1", "--events", events.toString());
        assertThat(ndjson.exit()).as(ndjson.err()).isZero();
        assertThat(ndjson.out().lines().count()).isEqualTo(2);
        Cli.Result text =
                Cli.run("run", "-q", "--format", "text", "--query", "any where n == 1", "--events", events.toString());
        assertThat(text.exit()).as(text.err()).isZero();
        assertThat(text.out())
                .isEqualTo("query\n  event\n    2026-01-01T00:00:00Z  big\n"
                        + "query\n  event\n    2026-01-01T00:00:01Z  small\n");
        // the limits are options: a smaller line limit skips the big line, reported, and the other event matches
        Cli.Result limited = Cli.run(
                "run", "-q", "--query", "any where n == 1", "--events", events.toString(), "--max-line-length", "1m");
        assertThat(limited.exit()).isEqualTo(Main.PROBLEMS);
        assertThat(limited.out().lines().count()).isEqualTo(1);
        assertThat(limited.err()).startsWith(events + ":1: the line is longer than the limit of 1048576 bytes");
        // a value the rule reads, over --max-string-length: that line is reported, the other matches
        Cli.Result read = Cli.run(
                "run",
                "-q",
                "--query",
                "any where blob != \"y\" or n == 1",
                "--events",
                events.toString(),
                "--max-string-length",
                "10m");
        assertThat(read.exit()).isEqualTo(Main.PROBLEMS);
        assertThat(read.out().lines().count()).isEqualTo(1);
        assertThat(read.err())
                .startsWith(events + ":1: the value of blob has 52428800 characters, more than the "
                        + "limit of 10485760 at column ");
        assertThat(Cli.run("run", "--query", "any where true", "--max-line-length", "lots")
                        .err())
                .contains("'lots' is not a size");
    }

    @Test
    void optionsAreNamedAndSpelledAlikeEverywhere() {
        // --rules in run and explain (explain's old --rule still works, hidden)
        Cli.Result rules = Cli.run("explain", "--rules", SEED);
        assertThat(rules.exit()).as(rules.toString()).isZero();
        assertThat(Cli.run("explain", "--rule", SEED).out()).isEqualTo(rules.out());
        assertThat(Cli.run("explain", "--help").out()).contains("--rules=FILE").doesNotContain("--rule=");
        // enum values in any case, and a wrong one answered as the help spells them
        assertThat(Cli.run("run", "-q", "--rules", SEED, "--events", SAMPLE, "--format", "Text")
                        .exit())
                .isZero();
        assertThat(Cli.run("run", "--format=json").err())
                .startsWith("eql4j run: Invalid value for option " + "'--format': 'json' is not one of ndjson, text\n");
        assertThat(Cli.run("run", "--result-position=middle").err()).contains("'middle' is not one of head, tail");
        assertThat(Cli.run("run", "--timestamp-precision=micros").err()).contains("is not one of millis, nanos");
        // --quiet wherever there is chatter
        for (String command : List.of("run", "demo", "test", "explain")) {
            assertThat(Cli.run(command, "--help").out()).as(command).contains("--quiet");
        }
        // help and version as commands
        assertThat(Cli.run("help").out()).isEqualTo(Cli.run("--help").out());
        assertThat(Cli.run("help", "explain").out())
                .isEqualTo(Cli.run("explain", "--help").out());
        Cli.Result unknown = Cli.run("help", "nothing");
        assertThat(unknown.exit()).isEqualTo(Main.USAGE);
        assertThat(unknown.err()).startsWith("eql4j help: no command 'nothing'; the commands are check, parse, run");
        assertThat(Cli.run("version").out())
                .isEqualTo(Cli.run("--version").out())
                .startsWith("eql4j ");
    }

    @Test
    void theSameFailureHasTheSameExitCodeInEveryCommand() {
        String bad = "process where x ==";
        assertThat(Cli.run("parse", bad).exit()).isEqualTo(Main.USAGE);
        assertThat(Cli.run("run", "--query", bad, "--events", SAMPLE).exit()).isEqualTo(Main.USAGE);
        assertThat(Cli.run("explain", "--query", bad).exit()).isEqualTo(Main.USAGE);
        // a missing file
        for (String[] args : List.of(
                new String[] {"check", "nope.toml"},
                new String[] {"run", "--rules", "nope.toml"},
                new String[] {"explain", "--rules", "nope.toml"},
                new String[] {"parse", "--file", "nope.eql"},
                new String[] {"run", "--query", "any where true", "--events", "nope.ndjson"})) {
            Cli.Result r = Cli.run(args);
            assertThat(r.exit()).as(String.join(" ", args) + "\n" + r).isEqualTo(Main.USAGE);
            assertThat(r.err()).contains("nope.").contains("no such file");
        }
    }

    @Test
    void durationsAndCountsReadAsWritten() {
        String stdin = "{\"@timestamp\": 20000, \"a\": 1}\n{\"@timestamp\": 10000, \"a\": 1}\n";
        Cli.Result r = Cli.runWithInput(stdin, "run", "--query", "any where a == 1");
        assertThat(r.err())
                .contains("(allowed lateness 0)")
                .doesNotContain("PT0S")
                .contains("eql4j run: 2 events, 1 match, 1 rule\n")
                .contains("eql4j run: 1 problem with the input of <stdin>: 1 late");
        Cli.Result second =
                Cli.runWithInput(stdin, "run", "-q", "--query", "any where a == 1", "--allowed-lateness", "1s");
        assertThat(second.err()).contains("(allowed lateness 1s)");
        Cli.Result twoMatches =
                Cli.runWithInput(stdin, "run", "--query", "any where a == 1", "--allowed-lateness", "90s");
        assertThat(twoMatches.err()).isEqualTo("eql4j run: 2 events, 2 matches, 1 rule\n");
    }

    @Test
    void aFailingCaseNamesTheCommandThatExplainsItAndThatCommandExplainsTheCasesOwnEvents() throws IOException {
        Path rules = Files.createDirectories(dir.resolve("r"));
        Files.copy(Cli.SEED_RULE, rules.resolve("seed.toml"));
        Files.copy(Cli.SAMPLE_EVENTS, rules.resolve("k8s.ndjson"));
        Files.writeString(rules.resolve("seed.test.toml"), """
                events_file = "k8s.ndjson"

                [[case]]
                name = "the older read (wrong on purpose)"
                event_ids = ["f-103", "f-106", "f-108", "f-110", "a-111", "a-112"]
                expect = [["f-106", "a-112"]]
                """);
        Cli.Result test = Cli.run("test", rules.toString());
        assertThat(test.exit()).isEqualTo(Main.PROBLEMS);
        String line = test.out()
                .lines()
                .filter(l -> l.trim().startsWith("explain: "))
                .findFirst()
                .orElseThrow();
        String command = line.trim().substring("explain: ".length());
        assertThat(command)
                .isEqualTo("eql4j explain --test " + rules.resolve("seed.test.toml")
                        + " --case 'the older read (wrong on purpose)'");
        Cli.Result explain = Cli.run(
                "explain",
                "--test",
                rules.resolve("seed.test.toml").toString(),
                "--case",
                "the older read (wrong on purpose)");
        assertThat(explain.exit()).as(explain.toString()).isZero();
        // the case's events only: f-108 replaced f-106, then matched with a-112
        assertThat(explain.out())
                .contains("f-106")
                .contains("f-108")
                .contains("a-112")
                .doesNotContain("f-036")
                .contains("replaced the older partial sequence");
        Cli.Result wrong =
                Cli.run("explain", "--test", rules.resolve("seed.test.toml").toString(), "--case", "x");
        assertThat(wrong.exit()).isEqualTo(Main.USAGE);
        assertThat(wrong.err()).contains("no case named 'x'; its cases are: 'the older read (wrong on purpose)'");
    }
}
