package io.eql4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code eql4j test}, run as picocli runs it. */
class TestCommandTest {

    private static final String SEED = "credential_access_service_account_token_read_followed_by_api_request";
    private static final String SEED_NAME =
            "Service Account Token Read in Container Followed by API Request as the Pod";

    @TempDir
    Path tmp;

    record Run(int exitCode, String out, String err) {}

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new TestCommand());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        return new Run(code, out.toString().replace(System.lineSeparator(), "\n"), err.toString());
    }

    private static Path examples() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("examples/rules"))) {
                return dir.resolve("examples");
            }
        }
        throw new IllegalStateException("no examples/rules above " + Path.of("").toAbsolutePath());
    }

    @Test
    void theBundledSeedRuleTestsPass() {
        Run r = run(examples().resolve("rules").toString());
        assertThat(r.exitCode()).as(r.out()).isZero();
        String[] lines = r.out().split("\n");
        assertThat(lines).hasSize(28);
        assertThat(lines[0])
                .isEqualTo("PASS   " + SEED_NAME
                        + " :: baseline: interactive token read, then an API call as the same pod 10 s later");
        assertThat(lines)
                .filteredOn(l -> l.startsWith("PASS   " + SEED_NAME + " :: "))
                .hasSize(27);
        assertThat(lines[27]).isEqualTo("27 passed, 0 failed");
    }

    @Test
    void aRuleFileRunsItsTestFile() {
        Run r = run(examples().resolve("rules/kubernetes/" + SEED + ".toml").toString());
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).endsWith("\n27 passed, 0 failed\n");
    }

    /** The seed rule copied beside a test file of the given cases. */
    private Path seedWith(String cases) throws IOException {
        Files.copy(examples().resolve("rules/kubernetes/" + SEED + ".toml"), tmp.resolve("seed.toml"));
        Files.copy(examples().resolve("events/k8s-sa-token-theft.ndjson"), tmp.resolve("k8s.ndjson"));
        return Files.writeString(tmp.resolve("seed.test.toml"), "events_file = \"k8s.ndjson\"\n" + cases);
    }

    @Test
    void aBrokenCaseFailsWithAReadableDiff() throws IOException {
        seedWith("""
                [[case]]
                name = "scenario (e): the older read (wrong on purpose)"
                event_ids = ["f-103", "f-106", "f-108", "f-110", "a-111", "a-112"]
                expect = [["f-106", "a-112"]]

                [[case]]
                name = "scenario (a) alone"
                event_ids = ["a-029", "p-035", "f-036", "a-039", "a-040", "a-043", "a-048", "a-060"]
                expect = [["f-036", "a-040"]]
                """);
        Run r = run(tmp.toString());
        assertThat(r.exitCode()).isEqualTo(TestCommand.FAILED);
        assertThat(r.out())
                .isEqualTo("FAIL   " + SEED_NAME + " :: scenario (e): the older read (wrong on purpose)\n"
                        + """
                       expected (exact): [["f-106", "a-112"]]
                       actual:           [{ events = ["f-108", "a-112"], keys = ["report-generator-6b8c5d7f4-kp2vz"] }]
                       missing:          [["f-106", "a-112"]]
                       unexpected:       [{ events = ["f-108", "a-112"], keys = ["report-generator-6b8c5d7f4-kp2vz"] }]
                """ + "       explain: eql4j explain --test " + tmp.resolve("seed.test.toml")
                        + " --case 'scenario (e): the older read (wrong on purpose)'\n"
                        + "PASS   " + SEED_NAME + " :: scenario (a) alone\n1 passed, 1 failed\n");
    }

    @Test
    void invalidCasesAndFilesAreErrors() throws IOException {
        Path test = seedWith("""
                [[case]]
                name = "unknown id"
                expect = [["f-036", "a-041"]]

                [[case]]
                name = "fine"
                event_ids = ["f-036", "a-040"]
                expect = [["f-036", "a-040"]]
                """);
        Path orphan = Files.writeString(
                Files.createDirectories(tmp.resolve("sub")).resolve("orphan.test.toml"),
                "[[case]]\nname = \"x\"\nexpect = []\nevents = \"\"\n");
        Run r = run(
                test.toString(),
                orphan.toString(),
                tmp.resolve("missing.test.toml").toString());
        assertThat(r.exitCode()).isEqualTo(TestCommand.INVALID);
        assertThat(r.out())
                .isEqualTo("ERROR  " + SEED_NAME + " :: unknown id\n"
                        + "       " + test + ":4:21: no event with id \"a-041\" among the case's events\n"
                        + "PASS   " + SEED_NAME + " :: fine\n"
                        + "ERROR  " + orphan + "\n"
                        + "       " + orphan + ":1:1: no rule to test: neither " + tmp.resolve("sub/orphan.toml")
                        + " nor "
                        + tmp.resolve("sub/orphan.eql") + " exists; set rule = \"...\" to the rule's path\n"
                        + "ERROR  " + tmp.resolve("missing.test.toml") + "\n"
                        + "       " + tmp.resolve("missing.test.toml") + ": no such file or directory\n"
                        + "1 passed, 3 failed (3 errors)\n");
    }

    @Test
    void withoutPathsItIsAUsageError() {
        Run r = run();
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("Missing required parameter: 'PATH'").contains("Usage: test");
    }
}
